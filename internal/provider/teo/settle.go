package teo

import (
	"context"
	"fmt"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// After a write the provider reads the task back until the read reflects
// it (tencent.Settle bounds the wait). Two readings are covered
// (edgeone-logs.md §3, §4, §10; emulator switches describe-lag and
// async-delete): Describe may be immediately
// consistent (the default reading) or lag behind writes, and Delete may
// remove the task at once or leave it listed (status "deleting") for a
// while, still holding its entities. Terraform polls after Create, Modify
// and Delete for the same reason. The wait is bounded; when the bound
// passes, the write counts as done as before, and the verifying plan after
// apply shows what is left.

// SetSettle replaces the read-back bounds (tests).
func (p *Provider) SetSettle(s tencent.Settle) { p.settle = s }

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

// await reads the task until done holds for what the read returns, for at
// most limit of sleeping, and reports whether done held.
func (p *Provider) await(ctx context.Context, zoneID, id string, limit time.Duration, done func(*RealtimeLogDeliveryTask) bool) (bool, error) {
	return p.settle.Poll(ctx, limit, func() (bool, error) {
		t, err := p.readTask(ctx, zoneID, id)
		return err == nil && done(t), err
	})
}

// awaitMatch waits until the task reads back as desired (a no-op plan:
// masked secrets and normalization as in diff), for at most limit of
// sleeping, and reports whether it did.
func (p *Provider) awaitMatch(ctx context.Context, id string, desired *spec.DeliveryTask, limit time.Duration) bool {
	doc := &spec.Document{DeliveryTasks: []spec.DeliveryTask{*desired}}
	ok, _ := p.await(ctx, desired.ZoneID, id, limit, func(t *RealtimeLogDeliveryTask) bool {
		if t == nil {
			return false
		}
		live := &diff.Live{DeliveryTasks: []diff.LiveTask{{ID: id, Task: taskFromWire(desired.ZoneID, t)}}}
		return !diff.Compute(doc, nil, live).HasChanges()
	})
	return ok
}

// awaitGone waits until a deleted task is no longer listed, for at most
// limit of sleeping, or three times the settle bound while it is listed
// as being deleted (statusDeleting). It tells apply once when it has to
// wait (reconcile.Notify).
func (p *Provider) awaitGone(ctx context.Context, zoneID, id string, limit time.Duration) (bool, error) {
	told, deleting := false, false
	done := func(t *RealtimeLogDeliveryTask) bool {
		if t != nil && !told {
			told = true
			reconcile.Notify(ctx, fmt.Sprintf("task %s is still listed (status %q) after its delete", id, t.DeliveryStatus))
		}
		deleting = t != nil && t.DeliveryStatus == statusDeleting
		return t == nil
	}
	gone, err := p.await(ctx, zoneID, id, limit, done)
	if !gone && err == nil && deleting && limit < 3*p.settle.Timeout {
		return p.await(ctx, zoneID, id, 3*p.settle.Timeout, done)
	}
	return gone, err
}

// confirmLimit bounds the read-back that decides a failed write (a lost
// response, a not-found code): short, since a write that did not happen
// is simply sent again.
func (p *Provider) confirmLimit() time.Duration { return p.settle.Timeout / 4 }
