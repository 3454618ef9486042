package reconcile

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/spec"
)

// Object is one resource on the wire boundary: a live resource (ID set) or
// a desired one (ID empty). Exactly one of Task, Export and Dump is set,
// matching the provider's kind.
type Object struct {
	ID     string
	Status string // vendor status as read, informational
	Task   *spec.DeliveryTask
	Export *spec.Export
	Dump   *spec.Dump
}

// Kind reports which kind of resource the object holds.
func (o Object) Kind() spec.Kind {
	switch {
	case o.Task != nil:
		return spec.KindDeliveryTask
	case o.Export != nil:
		return spec.KindExport
	case o.Dump != nil:
		return spec.KindDump
	}
	return ""
}

// Key is the identity key of the object (spec's Key of the resource).
func (o Object) Key() string {
	switch {
	case o.Task != nil:
		return o.Task.Key()
	case o.Export != nil:
		return o.Export.Key()
	case o.Dump != nil:
		return o.Dump.Key()
	}
	return ""
}

// Target is one unit of reading: the live resources of one zone, one CLS
// topic, or one LTS project (optionally narrowed to log groups).
type Target struct {
	Kind      spec.Kind
	Region    string
	ZoneID    string   // delivery tasks
	TopicID   string   // exports
	ProjectID string   // dumps
	LogGroups []string // dumps: only these groups (nil = all)
}

func (t Target) String() string {
	switch t.Kind {
	case spec.KindDeliveryTask:
		return "zone " + t.ZoneID
	case spec.KindExport:
		return fmt.Sprintf("topic %s (%s)", t.TopicID, t.Region)
	case spec.KindDump:
		return fmt.Sprintf("project %s (%s)", t.ProjectID, t.Region)
	}
	return string(t.Kind)
}

// Provider reads and writes one kind of resource of one cloud service.
// Errors are classified with the sentinels of internal/apierr (not found,
// throttled, auth, invalid, unavailable, outcome unknown) so that the retry
// and find-before-retry decisions here never match on strings.
type Provider interface {
	Kind() spec.Kind
	// Read returns every live resource at the target, paging to the API's
	// cap: at most one call per page.
	Read(ctx context.Context, t Target) ([]Object, error)
	// Create creates the desired resource and returns its vendor id.
	Create(ctx context.Context, desired Object) (string, error)
	// Update changes the live resource in place to match desired.
	Update(ctx context.Context, live, desired Object) error
	// Delete removes the live resource; deleting a missing one is an
	// ErrNotFound error, which apply treats as done.
	Delete(ctx context.Context, live Object) error
}
