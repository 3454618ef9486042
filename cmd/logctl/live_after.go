package main

import (
	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// liveAfter is the live state as the plan will leave it, for the policies'
// live pass: resources the plan deletes or replaces are left out (their
// replacements are in the files already). Without this a task renamed
// inside an owned scope collides with its own old name on teo.entity-unique
// and can never be applied, though apply deletes the old task before it
// creates the new one (reconcile's release-before-claim order).
//
// The result shares its resources with live; when nothing goes it is live.
func liveAfter(live *diff.Live, plan *diff.Plan) *diff.Live {
	gone := map[spec.Kind]map[string]bool{}
	for _, c := range plan.Changes {
		if (c.Action == diff.ActionDelete || c.Action == diff.ActionReplace) && c.LiveID != "" {
			if gone[c.Kind] == nil {
				gone[c.Kind] = map[string]bool{}
			}
			gone[c.Kind][c.LiveID] = true
		}
	}
	if len(gone) == 0 {
		return live
	}
	return &diff.Live{
		DeliveryTasks: keepLive(live.DeliveryTasks, gone[spec.KindDeliveryTask], func(t diff.LiveTask) string { return t.ID }),
		Exports:       keepLive(live.Exports, gone[spec.KindExport], func(e diff.LiveExport) string { return e.ID }),
		Dumps:         keepLive(live.Dumps, gone[spec.KindDump], func(d diff.LiveDump) string { return d.ID }),
	}
}

// keepLive returns the items whose id is not in gone (items itself when
// none is).
func keepLive[T any](items []T, gone map[string]bool, id func(T) string) []T {
	if len(gone) == 0 {
		return items
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		if !gone[id(it)] {
			out = append(out, it)
		}
	}
	return out
}
