package engine

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
// With inPlace the lists of live are filtered in place (no copy of 100,000
// resources), for callers that release live anyway.
func liveAfter(live *diff.Live, plan *diff.Plan, inPlace bool) *diff.Live {
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
		DeliveryTasks: keepLive(live.DeliveryTasks, gone[spec.KindDeliveryTask], func(t diff.LiveTask) string { return t.ID }, inPlace),
		Exports:       keepLive(live.Exports, gone[spec.KindExport], func(e diff.LiveExport) string { return e.ID }, inPlace),
		Dumps:         keepLive(live.Dumps, gone[spec.KindDump], func(d diff.LiveDump) string { return d.ID }, inPlace),
	}
}

// keepLive returns the items whose id is not in gone (items itself when
// none is), in items' own array when inPlace.
func keepLive[T any](items []T, gone map[string]bool, id func(T) string, inPlace bool) []T {
	if len(gone) == 0 {
		return items
	}
	out := make([]T, 0, len(items))
	if inPlace {
		out = items[:0]
	}
	for _, it := range items {
		if !gone[id(it)] {
			out = append(out, it)
		}
	}
	if inPlace {
		clear(items[len(out):]) // let the dropped resources go
	}
	return out
}
