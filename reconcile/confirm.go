package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/spec"
)

// Updates and deletes whose response was lost are confirmed by reading, as
// creates are (execute.go): a re-read that shows the write done counts as
// done, instead of failing the apply (or sending the write again and
// failing on "not found").

// confirmed runs write with retries. After an unknown outcome it re-reads
// the target of live: when done holds for what the read lists, the write
// counts as done (with a note); otherwise it is sent again.
func (run *applyRun) confirmed(ctx context.Context, p Provider, live Object, write func() error, done func([]Object) bool) (note string, err error) {
	// Idempotent: after an unknown outcome the write is only sent again
	// once a read showed it not done.
	err = retry.Do(ctx, run.a.retry(), retry.Idempotent, func() error {
		werr := write()
		if errors.Is(werr, apierr.ErrOutcomeUnknown) {
			if objs, rerr := run.readTarget(ctx, p, live); rerr == nil && done(objs) {
				note = "the response was lost; a re-read shows the change done"
				return nil
			}
		}
		return werr
	})
	return note, err
}

// readTarget reads the target that holds o, retrying transient failures.
func (run *applyRun) readTarget(ctx context.Context, p Provider, o Object) ([]Object, error) {
	var objs []Object
	err := retry.Do(ctx, run.a.retry(), retry.Idempotent, func() error {
		var err error
		objs, err = p.Read(ctx, targetOf(o))
		return err
	})
	return objs, err
}

// matches reports whether the object with id reads back as want (a no-op
// plan of the two).
func matches(objs []Object, id string, want Object) bool {
	i := slices.IndexFunc(objs, func(o Object) bool { return o.ID == id })
	if i < 0 {
		return false
	}
	doc, live := &spec.Document{}, &diff.Live{}
	got := objs[i]
	switch {
	case want.Task != nil && got.Task != nil:
		doc.DeliveryTasks = []spec.DeliveryTask{*want.Task}
		live.DeliveryTasks = []diff.LiveTask{{ID: id, Status: got.Status, Task: *got.Task}}
	case want.Export != nil && got.Export != nil:
		doc.Exports = []spec.Export{*want.Export}
		live.Exports = []diff.LiveExport{{ID: id, Status: got.Status, Export: *got.Export}}
	case want.Dump != nil && got.Dump != nil:
		doc.Dumps = []spec.Dump{*want.Dump}
		live.Dumps = []diff.LiveDump{{ID: id, Dump: *got.Dump}}
	default:
		return false
	}
	return !diff.Compute(doc, nil, live).HasChanges()
}

func listed(objs []Object, id string) bool {
	return slices.ContainsFunc(objs, func(o Object) bool { return o.ID == id })
}

// goneWait bounds the wait of a delete-first replace for the old resource
// to disappear: a vendor may delete asynchronously (edgeone-logs.md §4,
// emulator switch async-delete) and list it meanwhile, and the create
// would then collide with it.
const goneWait = 2 * time.Minute

// awaitGone re-reads the target of a deleted resource until it is no
// longer listed, reporting the wait through Progress. Providers that wait
// themselves (teo) make the first read conclusive.
func (run *applyRun) awaitGone(ctx context.Context, p Provider, live Object) error {
	// Polls on the apply's first wait, doubling up to 5 s, for goneWait in
	// all; no bound on the reads but that.
	poll := retry.Policy{Initial: run.a.retry().Initial, Max: 5 * time.Second, MaxWait: goneWait}
	first := true
	err := retry.Do(ctx, poll, func(err error) bool { return errors.Is(err, errStillListed) }, func() error {
		objs, err := run.readTarget(ctx, p, live)
		if err != nil {
			return fmt.Errorf("confirm that %s is gone: %w", live.ID, err)
		}
		if !listed(objs, live.ID) {
			return nil
		}
		if first {
			first = false
			Notify(ctx, fmt.Sprintf("%s is still listed after its delete; its replacement waits until it is gone", live.ID))
		}
		return errStillListed
	})
	switch {
	case errors.Is(err, errStillListed) && ctx.Err() != nil:
		return context.Cause(ctx)
	case errors.Is(err, errStillListed):
		return fmt.Errorf("%s is still listed %s after its delete; its replacement was not created", live.ID, goneWait)
	}
	return err
}

// errStillListed keeps awaitGone polling.
var errStillListed = errors.New("still listed")
