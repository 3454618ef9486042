package engine

import (
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

func TestLiveAfter(t *testing.T) {
	live := &diff.Live{
		DeliveryTasks: []diff.LiveTask{{ID: "t1"}, {ID: "t2"}, {ID: "t3"}},
		Exports:       []diff.LiveExport{{ID: "t1"}, {ID: "e2"}},
		Dumps:         []diff.LiveDump{{ID: "d1"}},
	}
	plan := &diff.Plan{Changes: []diff.Change{
		{Kind: spec.KindDeliveryTask, Action: diff.ActionDelete, LiveID: "t1"},
		{Kind: spec.KindDeliveryTask, Action: diff.ActionReplace, LiveID: "t2"},
		{Kind: spec.KindDeliveryTask, Action: diff.ActionUpdate, LiveID: "t3"},
		{Kind: spec.KindExport, Action: diff.ActionCreate},
		{Kind: spec.KindDump, Action: diff.ActionDelete, LiveID: "d1"},
	}}
	got := liveAfter(live, plan, false)
	ids := func(l *diff.Live) (out []string) {
		for _, x := range l.DeliveryTasks {
			out = append(out, "task "+x.ID)
		}
		for _, x := range l.Exports {
			out = append(out, "export "+x.ID)
		}
		for _, x := range l.Dumps {
			out = append(out, "dump "+x.ID)
		}
		return out
	}
	// The export t1 stays: ids are per kind.
	want := []string{"task t3", "export t1", "export e2"}
	if g := ids(got); len(g) != len(want) || g[0] != want[0] || g[1] != want[1] || g[2] != want[2] {
		t.Errorf("liveAfter = %v, want %v", g, want)
	}
	if len(live.DeliveryTasks) != 3 || len(live.Dumps) != 1 {
		t.Error("liveAfter modified its input")
	}
	if liveAfter(live, &diff.Plan{}, false) != live {
		t.Error("a plan without deletes copied the live state")
	}
	if got := ids(liveAfter(live, plan, true)); len(got) != 3 || got[0] != "task t3" {
		t.Errorf("in place: %v", got)
	}
	if live.DeliveryTasks[0].ID != "t3" || live.DeliveryTasks[1].ID != "" {
		t.Errorf("in place did not reuse and clear the array: %+v", live.DeliveryTasks)
	}
}
