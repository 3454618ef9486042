package engine

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// fakeCloud is an in-memory cloud for the engine's tests: what the
// providers see of it is exactly what the tests put there, and it counts
// the reads.
type fakeCloud struct {
	mu     sync.Mutex
	objs   []reconcile.Object
	nextID int
	reads  []string // targets read, in order
}

func (c *fakeCloud) providers(*spec.Document) (map[spec.Kind]reconcile.Provider, error) {
	out := map[spec.Kind]reconcile.Provider{}
	for _, k := range []spec.Kind{spec.KindDeliveryTask, spec.KindExport, spec.KindDump} {
		out[k] = &fakeProvider{c: c, kind: k}
	}
	return out, nil
}

func (c *fakeCloud) add(o reconcile.Object) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	o.ID = fmt.Sprintf("id-%d", c.nextID)
	c.objs = append(c.objs, o)
}

type fakeProvider struct {
	c    *fakeCloud
	kind spec.Kind
}

func (p *fakeProvider) Kind() spec.Kind { return p.kind }

func inTarget(o reconcile.Object, t reconcile.Target) bool {
	switch {
	case o.Task != nil:
		return o.Task.ZoneID == t.ZoneID
	case o.Export != nil:
		return o.Export.Region == t.Region && o.Export.TopicID == t.TopicID
	case o.Dump != nil:
		return o.Dump.Region == t.Region && o.Dump.ProjectID == t.ProjectID
	}
	return false
}

func (p *fakeProvider) Read(_ context.Context, t reconcile.Target) ([]reconcile.Object, error) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.reads = append(p.c.reads, t.String())
	var out []reconcile.Object
	for _, o := range p.c.objs {
		if o.Kind() == p.kind && inTarget(o, t) {
			out = append(out, clone(o))
		}
	}
	return out, nil
}

// clone copies the resource, as a decoded API response would be.
func clone(o reconcile.Object) reconcile.Object {
	switch {
	case o.Task != nil:
		t := *o.Task
		o.Task = &t
	case o.Export != nil:
		e := *o.Export
		o.Export = &e
	case o.Dump != nil:
		d := *o.Dump
		o.Dump = &d
	}
	return o
}

func (p *fakeProvider) Create(_ context.Context, desired reconcile.Object) (string, error) {
	p.c.add(clone(desired))
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	return p.c.objs[len(p.c.objs)-1].ID, nil
}

func (p *fakeProvider) Update(_ context.Context, live, desired reconcile.Object) error {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	for i, o := range p.c.objs {
		if o.ID == live.ID {
			n := clone(desired)
			n.ID = o.ID
			p.c.objs[i] = n
			return nil
		}
	}
	return apierr.ErrNotFound
}

func (p *fakeProvider) Delete(_ context.Context, live reconcile.Object) error {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	for i, o := range p.c.objs {
		if o.ID == live.ID {
			p.c.objs = slices.Delete(p.c.objs, i, i+1)
			return nil
		}
	}
	return apierr.ErrNotFound
}
