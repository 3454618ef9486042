package reconcile

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// SavedPlanVersion is the version of the saved plan file format.
const SavedPlanVersion = "1"

// SavedPlan is what `plan --out` writes and `apply --plan` reads: the plan,
// the desired resources it acts on with their ${env:} references unresolved
// (so a plan file never holds a secret), and what was read.
type SavedPlan struct {
	FormatVersion string        `json:"formatVersion"`
	Plan          *diff.Plan    `json:"plan"`
	Desired       SavedDesire   `json:"desired"`
	Targets       []Target      `json:"targets"`
	Safety        spec.Safety   `json:"safety"`
	Defaults      spec.Defaults `json:"defaults"`
}

// SavedDesire holds the desired resources of the changes that create,
// update or replace, exactly as written in the files.
type SavedDesire struct {
	DeliveryTasks []spec.DeliveryTask `json:"deliveryTasks,omitempty"`
	Exports       []spec.Export       `json:"exports,omitempty"`
	Dumps         []spec.Dump         `json:"dumps,omitempty"`
}

// NewSavedPlan keeps what apply needs from a plan of raw (the unresolved
// document).
func NewSavedPlan(p *diff.Plan, raw *spec.Document, targets []Target) *SavedPlan {
	acting := map[string]bool{}
	for _, c := range p.Changes {
		if c.Action == diff.ActionCreate || c.Action == diff.ActionUpdate || c.Action == diff.ActionReplace {
			acting[string(c.Kind)+"|"+c.Key] = true
		}
	}
	sp := &SavedPlan{FormatVersion: SavedPlanVersion, Plan: p, Targets: targets, Safety: raw.Safety, Defaults: raw.Defaults}
	for _, t := range raw.DeliveryTasks {
		if acting[string(spec.KindDeliveryTask)+"|"+t.Key()] {
			sp.Desired.DeliveryTasks = append(sp.Desired.DeliveryTasks, t)
		}
	}
	for _, e := range raw.Exports {
		if acting[string(spec.KindExport)+"|"+e.Key()] {
			sp.Desired.Exports = append(sp.Desired.Exports, e)
		}
	}
	for _, d := range raw.Dumps {
		if acting[string(spec.KindDump)+"|"+d.Key()] {
			sp.Desired.Dumps = append(sp.Desired.Dumps, d)
		}
	}
	return sp
}

// Document rebuilds an (unresolved) document of the saved desired resources.
func (sp *SavedPlan) Document() *spec.Document {
	return &spec.Document{Files: []string{"(saved plan)"}, DeliveryTasks: sp.Desired.DeliveryTasks,
		Exports: sp.Desired.Exports, Dumps: sp.Desired.Dumps, Safety: sp.Safety, Defaults: sp.Defaults}
}

// Write encodes the saved plan.
func (sp *SavedPlan) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sp)
}

// ReadSavedPlan decodes a saved plan and checks its version.
func ReadSavedPlan(r io.Reader) (*SavedPlan, error) {
	var sp SavedPlan
	if err := json.NewDecoder(r).Decode(&sp); err != nil {
		return nil, fmt.Errorf("read saved plan: %w", err)
	}
	if sp.FormatVersion != SavedPlanVersion || sp.Plan == nil {
		return nil, fmt.Errorf("read saved plan: format version %q is not %q (re-run logctl plan --out)", sp.FormatVersion, SavedPlanVersion)
	}
	return &sp, nil
}
