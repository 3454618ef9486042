package teo

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
)

// Create creates the task and returns its TaskId. Create has no
// DeliveryStatus (edgeone-logs.md §2), so a task that must be disabled is
// modified right after; if that fails the task exists, and its id comes
// back together with the error so that apply can record it.
func (p *Provider) Create(ctx context.Context, desired reconcile.Object) (string, error) {
	t := desired.Task
	if t == nil {
		return "", fmt.Errorf("create delivery task: the object holds no task: %w", apierr.ErrInvalid)
	}
	req, err := createRequest(t)
	if err != nil {
		return "", fmt.Errorf("create delivery task %s: %w", t.Key(), err)
	}
	if err := p.limits.Wait(ctx, ratelimit.TeoCreateTask); err != nil {
		return "", fmt.Errorf("create delivery task %s: %w", t.Key(), err)
	}
	resp, err := p.api.CreateTask(ctx, req)
	if err != nil {
		return "", fmt.Errorf("create delivery task %s: %w", t.Key(), err)
	}
	if resp.TaskId == "" {
		// A success without an id: the task may exist; find it by identity.
		return "", fmt.Errorf("create delivery task %s: the response has no TaskId: %w", t.Key(), apierr.ErrOutcomeUnknown)
	}
	if statusOf(t) == statusDisabled {
		if err := p.modify(ctx, resp.TaskId, desired); err != nil {
			return resp.TaskId, fmt.Errorf("disable delivery task %s (%s) after create: %w", t.Key(), resp.TaskId, err)
		}
	}
	_ = p.awaitMatch(ctx, resp.TaskId, t, p.settle.Timeout)
	return resp.TaskId, nil
}

// Update modifies the live task in place, resending every mutable field.
func (p *Provider) Update(ctx context.Context, live, desired reconcile.Object) error {
	if live.ID == "" {
		return fmt.Errorf("update delivery task: the live object has no TaskId: %w", apierr.ErrInvalid)
	}
	if err := p.modify(ctx, live.ID, desired); err != nil {
		// A lost response: a read that shows the task as desired (within
		// the read-back bound, as reads may lag) means it went through.
		if errors.Is(err, apierr.ErrOutcomeUnknown) && p.awaitMatch(ctx, live.ID, desired.Task, p.confirmLimit()) {
			return nil
		}
		return err
	}
	_ = p.awaitMatch(ctx, live.ID, desired.Task, p.settle.Timeout)
	return nil
}

func (p *Provider) modify(ctx context.Context, id string, desired reconcile.Object) error {
	t := desired.Task
	if t == nil {
		return fmt.Errorf("modify delivery task %s: the object holds no task: %w", id, apierr.ErrInvalid)
	}
	req, err := modifyRequest(id, t)
	if err != nil {
		return fmt.Errorf("modify delivery task %s (%s): %w", t.Key(), id, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.TeoModifyTask); err != nil {
		return fmt.Errorf("modify delivery task %s (%s): %w", t.Key(), id, err)
	}
	if _, err := p.api.ModifyTask(ctx, req); err != nil {
		// A Modify of a task that is gone may answer RealtimeLogNotFound
		// or plain FailedOperation (not-found-plain): a fresh read decides.
		if tencent.Undecided(err) {
			if got, rerr := p.readTask(ctx, t.ZoneID, id); rerr == nil && got == nil {
				return fmt.Errorf("modify delivery task %s (%s): a fresh read no longer lists it: %w", t.Key(), id, apierr.ErrNotFound)
			}
		}
		return fmt.Errorf("modify delivery task %s (%s): %w", t.Key(), id, err)
	}
	return nil
}

// Delete deletes the live task and waits until it is no longer listed
// (settle.go). A task already gone is apierr.ErrNotFound, whichever code
// says so: FailedOperation.RealtimeLogNotFound, or plain FailedOperation
// (the only code documented for Delete, edgeone-logs.md §1), confirmed by
// a fresh read. A lost response whose delete went through counts as done.
func (p *Provider) Delete(ctx context.Context, live reconcile.Object) error {
	if live.ID == "" || live.Task == nil || live.Task.ZoneID == "" {
		return fmt.Errorf("delete delivery task: the live object needs a TaskId and a zone: %w", apierr.ErrInvalid)
	}
	zone, id, key := live.Task.ZoneID, live.ID, live.Task.Key()
	if err := p.limits.Wait(ctx, ratelimit.TeoDeleteTask); err != nil {
		return fmt.Errorf("delete delivery task %s (%s): %w", key, id, err)
	}
	if _, err := p.api.DeleteTask(ctx, &DeleteTaskRequest{ZoneId: zone, TaskId: id}); err != nil {
		if !tencent.Undecided(err) {
			return fmt.Errorf("delete delivery task %s (%s): %w", key, id, err)
		}
		if gone, rerr := p.awaitGone(ctx, zone, id, p.confirmLimit()); rerr != nil || !gone {
			return fmt.Errorf("delete delivery task %s (%s): %w", key, id, err)
		}
		if errors.Is(err, apierr.ErrOutcomeUnknown) {
			return nil
		}
		return fmt.Errorf("delete delivery task %s (%s): a fresh read no longer lists it: %w", key, id, apierr.ErrNotFound)
	}
	if _, err := p.awaitGone(ctx, zone, id, 3*p.settle.Timeout); err != nil {
		return fmt.Errorf("delete delivery task %s (%s): wait until it is gone: %w", key, id, err)
	}
	return nil
}
