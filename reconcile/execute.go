package reconcile

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/spec"
)

// execute runs one step with retries. Creates whose outcome is unknown are
// looked up by identity before they are sent again, so a lost response
// never yields a duplicate (design §6).
func (run *applyRun) execute(ctx context.Context, i int) error {
	st := run.steps[i]
	c := run.plan.Changes[st.change]
	p := run.a.Providers[c.Kind]
	if p == nil {
		return fmt.Errorf("%s %q: no provider for %s", st.kind, c.Name, c.Kind)
	}
	want, got := run.desired[changeKey(c)], run.live[liveKey(c.Kind, c.LiveID)]
	switch st.kind {
	case stepCreate:
		if want.Kind() == "" {
			return fmt.Errorf("create %s %q: the desired resource is missing from the files", c.Kind, c.Name)
		}
		id, note, err := run.create(ctx, p, want, c.LiveID)
		run.mu.Lock()
		if id != "" {
			run.ids[st.change] = id
		}
		run.notes[st.change] = note
		run.mu.Unlock()
		return wrapStep(err, "create", c)
	case stepUpdate:
		if want.Kind() == "" || got.Kind() == "" {
			return fmt.Errorf("update %s %q: the desired or live resource is unknown", c.Kind, c.Name)
		}
		note, err := run.confirmed(ctx, p, got, func() error { return p.Update(ctx, got, want) },
			func(objs []Object) bool { return matches(objs, got.ID, want) })
		run.setNote(st.change, note)
		return wrapStep(err, "update", c)
	case stepDelete:
		if got.Kind() == "" {
			// Deleting needs where the object lives (zone, region,
			// project), which only the read gives.
			return fmt.Errorf("delete %s %q: live object %s was not read", c.Kind, c.Name, c.LiveID)
		}
		note, err := run.confirmed(ctx, p, got, func() error {
			if err := p.Delete(ctx, got); err != nil && !isNotFound(err) {
				return err
			}
			return nil
		}, func(objs []Object) bool { return !listed(objs, got.ID) })
		run.setNote(st.change, note)
		if err == nil && c.Action == diff.ActionReplace && c.ReplaceOrder == diff.DeleteThenCreate {
			err = run.awaitGone(ctx, p, got)
		}
		return wrapStep(err, "delete", c)
	}
	return nil
}

func (run *applyRun) setNote(change int, note string) {
	if note == "" {
		return
	}
	run.mu.Lock()
	run.notes[change] = note
	run.mu.Unlock()
}

func wrapStep(err error, op string, c diff.Change) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s %s %q: %w", op, c.Kind, c.Name, err)
}

func (a *Applier) retry() retry.Policy { return a.Retry.Or(DefaultRetry()) }

// create sends a create, retrying transient failures. After an unknown
// outcome it reads the target and adopts a resource with the same identity
// (other than exclude, the old half of a replace) instead of sending again.
func (run *applyRun) create(ctx context.Context, p Provider, want Object, exclude string) (id, note string, err error) {
	if id, note, err = run.lookBeforeCreate(ctx, p, want, exclude); id != "" || err != nil {
		return id, note, err
	}
	// Idempotent: a create whose outcome is unknown is only sent again
	// once the look-up below found nothing.
	err = retry.Do(ctx, run.a.retry(), retry.Idempotent, func() error {
		var cerr error
		id, cerr = p.Create(ctx, want)
		switch {
		case cerr == nil:
			return nil
		case id != "":
			// Created, but a follow-up call failed: never create again;
			// the next plan shows what is left to do.
			note = ""
			return retry.Permanent(cerr)
		case errors.Is(cerr, apierr.ErrOutcomeUnknown):
			found, ferr := run.find(ctx, p, want, exclude)
			if ferr != nil {
				return retry.Permanent(errors.Join(cerr, fmt.Errorf("look up after lost response: %w", ferr)))
			}
			if found != "" {
				id, note = found, "the response was lost; found the created resource instead of creating it again"
				return nil
			}
		}
		return cerr
	})
	if err != nil && id == "" {
		return "", "", err
	}
	return id, note, err
}

// find reads the target of want and returns the id of a live resource with
// the same identity, or "".
func (run *applyRun) find(ctx context.Context, p Provider, want Object, exclude string) (string, error) {
	t := targetOf(want)
	var objs []Object
	err := retry.Do(ctx, run.a.retry(), retry.Idempotent, func() error {
		var err error
		objs, err = p.Read(ctx, t)
		return err
	})
	if err != nil {
		return "", err
	}
	for _, o := range objs {
		if o.Key() == want.Key() && o.ID != exclude {
			return o.ID, nil
		}
	}
	return "", nil
}

// targetOf is the read target that holds an object.
func targetOf(o Object) Target {
	switch {
	case o.Task != nil:
		return Target{Kind: spec.KindDeliveryTask, ZoneID: o.Task.ZoneID}
	case o.Export != nil:
		return Target{Kind: spec.KindExport, Region: o.Export.Region, TopicID: o.Export.TopicID}
	case o.Dump != nil:
		return Target{Kind: spec.KindDump, Region: o.Dump.Region, ProjectID: o.Dump.ProjectID, LogGroups: []string{o.Dump.LogGroupID}}
	}
	return Target{}
}

// desiredObjects indexes the resolved desired resources by change key.
func desiredObjects(doc *spec.Document) map[string]Object {
	m := map[string]Object{}
	for i := range doc.DeliveryTasks {
		t := &doc.DeliveryTasks[i]
		m[string(spec.KindDeliveryTask)+"|"+t.Key()] = Object{Task: t}
	}
	for i := range doc.Exports {
		e := &doc.Exports[i]
		m[string(spec.KindExport)+"|"+e.Key()] = Object{Export: e}
	}
	for i := range doc.Dumps {
		d := &doc.Dumps[i]
		m[string(spec.KindDump)+"|"+d.Key()] = Object{Dump: d}
	}
	return m
}

// liveObjects indexes the live resources by kind and id.
func liveObjects(live *diff.Live) map[string]Object {
	m := map[string]Object{}
	for i := range live.DeliveryTasks {
		t := &live.DeliveryTasks[i]
		m[liveKey(spec.KindDeliveryTask, t.ID)] = Object{ID: t.ID, Status: t.Status, Task: &t.Task}
	}
	for i := range live.Exports {
		e := &live.Exports[i]
		m[liveKey(spec.KindExport, e.ID)] = Object{ID: e.ID, Status: e.Status, Export: &e.Export}
	}
	for i := range live.Dumps {
		d := &live.Dumps[i]
		m[liveKey(spec.KindDump, d.ID)] = Object{ID: d.ID, Dump: &d.Dump}
	}
	return m
}
