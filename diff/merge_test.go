package diff

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/spec"
)

// TestMergeKeepsEveryField merges two parts of a plan in which every field
// of Plan is set: a field Merge forgets (a new one) fails the test.
func TestMergeKeepsEveryField(t *testing.T) {
	a := &Plan{
		Changes:   []Change{{Kind: spec.KindDeliveryTask, Key: "z/b", Action: ActionDelete, Scope: "s"}},
		Unmanaged: []Resource{{Kind: spec.KindDeliveryTask, Key: "y/x"}},
		Scopes:    []ScopeStat{{Scope: "s", Live: 2, Delete: 1}},
		Notes:     []string{"note b"},
	}
	b := &Plan{
		Changes: []Change{{Kind: spec.KindDeliveryTask, Key: "z/a", Action: ActionNoop, Scope: "s"}},
		Scopes:  []ScopeStat{{Scope: "s", Live: 1}},
		Notes:   []string{"note a"},
	}
	got := Merge([]*Plan{a, b}, spec.Safety{})
	v := reflect.ValueOf(*got)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("Plan.%s is not merged", v.Type().Field(i).Name)
		}
	}
	placed := func(c Change, zone string) Change { c.Place = Place{ZoneID: zone}; return c }
	want := &Plan{
		FormatVersion: FormatVersion,
		Changes:       []Change{placed(b.Changes[0], "z"), placed(a.Changes[0], "z")},
		Unmanaged:     []Resource{{Kind: spec.KindDeliveryTask, Key: "y/x", Place: Place{ZoneID: "y"}}},
		Summary:       Summary{Delete: 1, Noop: 1},
		Scopes:        []ScopeStat{{Scope: "s", Live: 3, Delete: 1, MinResources: DefaultSafetyMinResources, MaxPercent: DefaultSafetyMaxPercent}},
		Notes:         []string{"note a", "note b"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Merge (-want +got):\n%s", d)
	}
}
