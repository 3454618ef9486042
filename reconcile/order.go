package reconcile

import (
	"slices"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// stepKind is one API operation of a change; a replace has two.
type stepKind string

const (
	stepCreate stepKind = "create"
	stepUpdate stepKind = "update"
	stepDelete stepKind = "delete"
)

// step is one operation in the apply order.
type step struct {
	change int // index into the plan's changes
	kind   stepKind
	// phase orders steps: everything of a phase finishes before the next
	// starts. Releases come before claims (design §6).
	phase int
	// releases and claims are the entity keys (zone|entity) the step frees
	// or takes; a failed release blocks later claims of the same entity.
	releases, claims []string
	// after is the step that must succeed first (the other half of a
	// replace), or -1.
	after int
}

// Phases of the apply order.
const (
	phaseDelete      = iota // deletes, and the delete half of delete-then-create replaces
	phaseReleaseOnly        // updates that only give up entities
	phaseUpdate             // all other updates
	phaseCreate             // creates, and the create half of replaces
	phaseDeleteLast         // the delete half of create-then-delete replaces
)

// orderSteps turns a plan into ordered steps. desired and live map change
// keys and live ids to the objects, for the entity bookkeeping.
func orderSteps(p *diff.Plan, desired map[string]Object, live map[string]Object) []step {
	var steps []step
	for i, c := range p.Changes {
		want := desired[changeKey(c)]
		got := live[liveKey(c.Kind, c.LiveID)]
		switch c.Action {
		case diff.ActionCreate:
			steps = append(steps, step{change: i, kind: stepCreate, phase: phaseCreate, claims: entities(want), after: -1})
		case diff.ActionDelete:
			steps = append(steps, step{change: i, kind: stepDelete, phase: phaseDelete, releases: entities(got), after: -1})
		case diff.ActionUpdate:
			released := minus(entities(got), entities(want))
			claimed := minus(entities(want), entities(got))
			phase := phaseUpdate
			if len(claimed) == 0 {
				phase = phaseReleaseOnly
			}
			steps = append(steps, step{change: i, kind: stepUpdate, phase: phase, releases: released, claims: claimed, after: -1})
		case diff.ActionReplace:
			del := step{change: i, kind: stepDelete, phase: phaseDelete, releases: entities(got), after: -1}
			create := step{change: i, kind: stepCreate, phase: phaseCreate, claims: entities(want)}
			if c.ReplaceOrder == diff.CreateThenDelete {
				del.phase = phaseDeleteLast
				create.after = -1
				steps = append(steps, create)
				del.after = len(steps) - 1
				steps = append(steps, del)
			} else {
				steps = append(steps, del)
				create.after = len(steps) - 1
				steps = append(steps, create)
			}
		}
	}
	// Stable by phase, so that within a phase the plan's order holds.
	idx := make([]int, len(steps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return steps[a].phase - steps[b].phase })
	remap := make([]int, len(steps))
	ordered := make([]step, len(steps))
	for newPos, old := range idx {
		remap[old] = newPos
		ordered[newPos] = steps[old]
	}
	for i := range ordered {
		if ordered[i].after >= 0 {
			ordered[i].after = remap[ordered[i].after]
		}
	}
	return ordered
}

func changeKey(c diff.Change) string { return string(c.Kind) + "|" + c.Key }

func liveKey(k spec.Kind, id string) string { return string(k) + "|" + id }

// entities returns the zone|entity keys a delivery task holds.
func entities(o Object) []string {
	if o.Task == nil {
		return nil
	}
	out := make([]string, 0, len(o.Task.Entities))
	for _, e := range o.Task.Entities {
		out = append(out, o.Task.ZoneID+"|"+e)
	}
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
