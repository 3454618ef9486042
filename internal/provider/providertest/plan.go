package providertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

func read(t *testing.T, ctx context.Context, env Env) []reconcile.Object {
	t.Helper()
	objs, err := env.Provider.Read(ctx, env.Target)
	if err != nil {
		t.Fatalf("Read %s: %v", env.Target, err)
	}
	for _, o := range objs {
		if o.ID == "" || o.Kind() != env.Provider.Kind() {
			t.Fatalf("Read returned an object with id %q and kind %q, want an id and kind %q", o.ID, o.Kind(), env.Provider.Kind())
		}
	}
	return objs
}

func findID(objs []reconcile.Object, id string) *reconcile.Object {
	for i := range objs {
		if objs[i].ID == id {
			return &objs[i]
		}
	}
	return nil
}

func mustFind(t *testing.T, objs []reconcile.Object, id string) reconcile.Object {
	t.Helper()
	o := findID(objs, id)
	if o == nil {
		t.Fatalf("Read does not list the resource %s (it lists %d)", id, len(objs))
	}
	return *o
}

func countKey(objs []reconcile.Object, key string) int {
	n := 0
	for _, o := range objs {
		if o.Key() == key {
			n++
		}
	}
	return n
}

// assertPlan diffs a document declaring desired against live and compares
// the summary. Nothing may be left unmanaged: every live object must be
// the twin of a desired one.
func assertPlan(t *testing.T, step string, desired, live []reconcile.Object, want diff.Summary) {
	t.Helper()
	p := diff.Compute(document(desired), nil, liveState(live))
	if p.Summary != want || len(p.Unmanaged) > 0 {
		t.Errorf("%s: plan summary %+v with %d unmanaged, want %+v and none\n%s", step, p.Summary, len(p.Unmanaged), want, describe(p))
	}
}

func document(objs []reconcile.Object) *spec.Document {
	doc := &spec.Document{}
	for _, o := range objs {
		switch {
		case o.Task != nil:
			doc.DeliveryTasks = append(doc.DeliveryTasks, *o.Task)
		case o.Export != nil:
			doc.Exports = append(doc.Exports, *o.Export)
		case o.Dump != nil:
			doc.Dumps = append(doc.Dumps, *o.Dump)
		}
	}
	return doc
}

func liveState(objs []reconcile.Object) *diff.Live {
	live := &diff.Live{}
	for _, o := range objs {
		switch {
		case o.Task != nil:
			live.DeliveryTasks = append(live.DeliveryTasks, diff.LiveTask{ID: o.ID, Status: o.Status, Task: *o.Task})
		case o.Export != nil:
			live.Exports = append(live.Exports, diff.LiveExport{ID: o.ID, Status: o.Status, Export: *o.Export})
		case o.Dump != nil:
			live.Dumps = append(live.Dumps, diff.LiveDump{ID: o.ID, Dump: *o.Dump})
		}
	}
	return live
}

// describe lists the changes of a plan that are not no-ops, for failures.
func describe(p *diff.Plan) string {
	var b strings.Builder
	for _, c := range p.Changes {
		if c.Action == diff.ActionNoop {
			continue
		}
		fmt.Fprintf(&b, "  %s %s %s %s\n", c.Action, c.Kind, c.Key, c.Reason)
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "    %s: %s -> %s\n", f.Path, f.Before, f.After)
		}
	}
	for _, r := range p.Unmanaged {
		fmt.Fprintf(&b, "  unmanaged %s %s (%s)\n", r.Kind, r.Key, r.LiveID)
	}
	return b.String()
}

// boundedContext is a context with its own cancel, for helpers that run
// outside a *testing.T.
type boundedContext struct {
	context.Context
	cancel context.CancelFunc
}

// contextFor allows n paced calls at 20/s with a wide margin.
func contextFor(n int) boundedContext {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute+time.Duration(n)*time.Second)
	return boundedContext{ctx, cancel}
}
