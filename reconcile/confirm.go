package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
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
	policy := run.a.retry()
	for attempt := 0; attempt < max(policy.Attempts, 1); attempt++ {
		if attempt > 0 {
			if serr := policy.Sleep(ctx, policy.backoff(attempt-1)); serr != nil {
				return "", errors.Join(err, serr)
			}
		}
		err = write()
		switch {
		case err == nil:
			return "", nil
		case errors.Is(err, apierr.ErrOutcomeUnknown):
			objs, rerr := run.readTarget(ctx, p, live)
			if rerr == nil && done(objs) {
				return "the response was lost; a re-read shows the change done", nil
			}
		case !apierr.Retryable(err):
			return "", err
		}
	}
	return "", err
}

// readTarget reads the target that holds o, retrying transient failures.
func (run *applyRun) readTarget(ctx context.Context, p Provider, o Object) ([]Object, error) {
	var objs []Object
	err := run.a.retry().do(ctx, true, func() error {
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
	policy := run.a.retry()
	var slept time.Duration
	for attempt := 0; ; attempt++ {
		objs, err := run.readTarget(ctx, p, live)
		if err != nil {
			return fmt.Errorf("confirm that %s is gone: %w", live.ID, err)
		}
		if !listed(objs, live.ID) {
			return nil
		}
		if slept >= goneWait {
			return fmt.Errorf("%s is still listed %s after its delete; its replacement was not created", live.ID, goneWait)
		}
		if attempt == 0 {
			Notify(ctx, fmt.Sprintf("%s is still listed after its delete; its replacement waits until it is gone", live.ID))
		}
		d := min(policy.Base<<min(attempt, 5), 5*time.Second)
		if d <= 0 {
			d = time.Second
		}
		if err := policy.Sleep(ctx, d); err != nil {
			return err
		}
		slept += d
	}
}
