package teo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// After a write the provider reads the task back until the read reflects
// it. Two readings are covered (edgeone-logs.md §3, §4, §10; emulator
// switches describe-lag and async-delete): Describe may be immediately
// consistent (the default reading) or lag behind writes, and Delete may
// remove the task at once or leave it listed (status "deleting") for a
// while, still holding its entities. Terraform polls after Create, Modify
// and Delete for the same reason. The wait is bounded; when the bound
// passes, the write counts as done as before, and the verifying plan after
// apply shows what is left.

// Settle bounds the read-back after writes.
type Settle struct {
	// Timeout bounds the wait for a create or an update to show; a delete
	// may take three times as long (it frees entities a replacement needs).
	Timeout time.Duration
	// Sleep waits for d or until ctx is done; tests replace it to move an
	// emulator clock instead of waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultSettle waits up to 20 s for writes (60 s for deletes).
func DefaultSettle() Settle { return Settle{Timeout: 20 * time.Second, Sleep: sleepCtx} }

// SetSettle replaces the read-back bounds (tests).
func (p *Provider) SetSettle(s Settle) {
	if s.Sleep == nil {
		s.Sleep = sleepCtx
	}
	p.settle = s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// readTask reads one task by id (nil when not listed), paced like Read.
func (p *Provider) readTask(ctx context.Context, zoneID, id string) (*RealtimeLogDeliveryTask, error) {
	if err := p.limits.Wait(ctx, ratelimit.TeoDescribeTasks); err != nil {
		return nil, err
	}
	page, err := p.api.DescribeTasks(ctx, &DescribeTasksRequest{ZoneId: zoneID, Limit: 1,
		Filters: []AdvancedFilter{{Name: "task-id", Values: []string{id}}}})
	if err != nil {
		return nil, err
	}
	for i := range page.RealtimeLogDeliveryTasks {
		if page.RealtimeLogDeliveryTasks[i].TaskId == id {
			return &page.RealtimeLogDeliveryTasks[i], nil
		}
	}
	return nil, nil
}

// await reads the task until done holds for what the read returns, with
// backoff from 100 ms to 2 s, for at most limit of sleeping. It reports
// whether done held; a failed read ends the wait with its error.
func (p *Provider) await(ctx context.Context, zoneID, id string, limit time.Duration, done func(*RealtimeLogDeliveryTask) bool) (bool, error) {
	slept, d := time.Duration(0), 100*time.Millisecond
	for {
		t, err := p.readTask(ctx, zoneID, id)
		if err != nil {
			return false, err
		}
		if done(t) {
			return true, nil
		}
		if slept >= limit {
			return false, nil
		}
		if err := p.settle.Sleep(ctx, d); err != nil {
			return false, err
		}
		slept += d
		d = min(2*d, 2*time.Second)
	}
}

// awaitListed waits until a created task is listed.
func (p *Provider) awaitListed(ctx context.Context, zoneID, id string) {
	_, _ = p.await(ctx, zoneID, id, p.settle.Timeout, func(t *RealtimeLogDeliveryTask) bool { return t != nil })
}

// awaitMatch waits until the task reads back as desired (a no-op plan:
// masked secrets and normalization as in diff) and reports whether it did.
func (p *Provider) awaitMatch(ctx context.Context, id string, desired *spec.DeliveryTask) bool {
	doc := &spec.Document{DeliveryTasks: []spec.DeliveryTask{*desired}}
	ok, _ := p.await(ctx, desired.ZoneID, id, p.settle.Timeout, func(t *RealtimeLogDeliveryTask) bool {
		if t == nil {
			return false
		}
		live := &diff.Live{DeliveryTasks: []diff.LiveTask{{ID: id, Task: taskFromWire(desired.ZoneID, t)}}}
		return !diff.Compute(doc, nil, live).HasChanges()
	})
	return ok
}

// awaitGone waits until a deleted task is no longer listed, telling apply
// once when it has to wait (reconcile.Notify).
func (p *Provider) awaitGone(ctx context.Context, zoneID, id string) (bool, error) {
	told := false
	return p.await(ctx, zoneID, id, 3*p.settle.Timeout, func(t *RealtimeLogDeliveryTask) bool {
		if t != nil && !told {
			told = true
			reconcile.Notify(ctx, fmt.Sprintf("waiting for task %s to be gone (listed as %q)", id, t.DeliveryStatus))
		}
		return t == nil
	})
}

// undecided reports whether a failed Delete or Modify may have hit a task
// that is already gone: not-found codes, plain FailedOperation (the only
// code documented for Delete, edgeone-logs.md §1; emulator switch
// not-found-plain) and other unclassified codes, and lost responses.
func undecided(err error) bool {
	for _, class := range []error{apierr.ErrThrottled, apierr.ErrAuth, apierr.ErrInvalid, apierr.ErrUnavailable} {
		if errors.Is(err, class) {
			return false
		}
	}
	return true
}
