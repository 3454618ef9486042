package diff

import (
	"sort"

	"github.com/logctl/logctl/spec"
)

// FormatVersion is the version of the plan JSON format (design §5).
// Version 2 holds field values as native JSON values (version 1 held them
// as JSON text inside strings), names each change's place and carries the
// safety valve's verdict per scope.
const FormatVersion = "2"

// Action is what a change does to a resource.
type Action string

// The actions, as they appear in plans.
const (
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionReplace Action = "replace"
	ActionDelete  Action = "delete"
	ActionNoop    Action = "noop"
)

// Plan is the result of a diff: sorted, stable, and free of secret values.
type Plan struct {
	FormatVersion string     `json:"formatVersion"`
	Changes       []Change   `json:"changes"`
	Unmanaged     []Resource `json:"unmanaged"`
	Summary       Summary    `json:"summary"`
	// Scopes feeds the safety valve: live resources and destructive changes
	// per declared scope.
	Scopes []ScopeStat `json:"scopes,omitempty"`
	// Notes tell the reader what the plan could not compare, e.g. secrets
	// the API returns masked (one note per task).
	Notes []string `json:"notes,omitempty"`
}

// Change is the single action planned for one resource.
type Change struct {
	Kind   spec.Kind     `json:"kind"`
	Name   string        `json:"name"`
	Key    string        `json:"key"`
	Place  Place         `json:"place"`
	Action Action        `json:"action"`
	Fields []FieldChange `json:"fields,omitempty"`
	// Reason says why a resource is replaced or deleted.
	Reason string `json:"reason,omitempty"`
	// ReplaceOrder says whether a replace creates the new resource before
	// deleting the old one, or must delete first.
	ReplaceOrder ReplaceOrder `json:"replaceOrder,omitempty"`
	// LiveID is the vendor id of the live resource acted on (update,
	// replace, delete), for example a TaskId.
	LiveID string `json:"liveId,omitempty"`
	// Fingerprint identifies the live object as read, so that a saved plan
	// can detect that it moved before apply (design §6). Secrets excluded.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Scope is the declared scope that makes a delete legitimate.
	Scope string `json:"scope,omitempty"`
}

// FieldChange is one changed field. Before and After are display strings
// (JSON-encoded values), or "(sensitive)" for secrets; plan JSON writes
// them as native values (fieldjson.go).
type FieldChange struct {
	Path          string `json:"path"`
	Before        string `json:"before,omitempty"`
	After         string `json:"after,omitempty"`
	Sensitive     bool   `json:"sensitive,omitempty"`
	ForcesReplace bool   `json:"forcesReplace,omitempty"`
}

// Resource names a live resource that is not managed by the files.
type Resource struct {
	Kind   spec.Kind `json:"kind"`
	Name   string    `json:"name"`
	Key    string    `json:"key"`
	Place  Place     `json:"place"`
	LiveID string    `json:"liveId"`
}

// Summary counts changes per action.
type Summary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	Noop    int `json:"noop"`
}

// HasChanges reports whether applying the plan would change anything.
func (p *Plan) HasChanges() bool {
	s := p.Summary
	return s.Create+s.Update+s.Replace+s.Delete > 0
}

func (p *Plan) finish() {
	kindOrder := map[spec.Kind]int{spec.KindDeliveryTask: 0, spec.KindExport: 1, spec.KindDump: 2}
	sort.SliceStable(p.Changes, func(i, j int) bool {
		a, b := p.Changes[i], p.Changes[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.Key < b.Key
	})
	sort.SliceStable(p.Unmanaged, func(i, j int) bool {
		a, b := p.Unmanaged[i], p.Unmanaged[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.Key < b.Key
	})
	for i := range p.Changes {
		p.Changes[i].Place = placeOf(p.Changes[i].Kind, p.Changes[i].Key)
	}
	for i := range p.Unmanaged {
		p.Unmanaged[i].Place = placeOf(p.Unmanaged[i].Kind, p.Unmanaged[i].Key)
	}
	sort.Strings(p.Notes)
	p.Summary = Summary{}
	for _, c := range p.Changes {
		switch c.Action {
		case ActionCreate:
			p.Summary.Create++
		case ActionUpdate:
			p.Summary.Update++
		case ActionReplace:
			p.Summary.Replace++
		case ActionDelete:
			p.Summary.Delete++
		case ActionNoop:
			p.Summary.Noop++
		}
	}
	if p.Changes == nil {
		p.Changes = []Change{}
	}
	if p.Unmanaged == nil {
		p.Unmanaged = []Resource{}
	}
}
