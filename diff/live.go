package diff

import "github.com/logctl/logctl/spec"

// Live is the live state as the providers read it, converted to the spec
// types so that both sides of a diff speak one language.
type Live struct {
	DeliveryTasks []LiveTask   `json:"deliveryTasks"`
	Exports       []LiveExport `json:"exports"`
	Dumps         []LiveDump   `json:"dumps"`
}

// LiveTask is a delivery task as Describe returns it.
type LiveTask struct {
	ID     string            `json:"id"`
	Status string            `json:"status,omitempty"` // DeliveryStatus as read: enabled | disabled | deleted
	Task   spec.DeliveryTask `json:"task"`
}

// LiveExport is a CLS export; Export.Name is empty (exports have no name).
type LiveExport struct {
	ID     string      `json:"id"`
	Status string      `json:"status,omitempty"` // Queuing | Processing | Completed | Failed | Expired
	Export spec.Export `json:"export"`
}

// LiveDump is an LTS transfer; Dump.Name is empty (transfers have no name).
type LiveDump struct {
	ID   string    `json:"id"`
	Dump spec.Dump `json:"dump"`
}
