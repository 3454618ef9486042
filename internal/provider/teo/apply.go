package teo

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
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
	return resp.TaskId, nil
}

// Update modifies the live task in place, resending every mutable field.
func (p *Provider) Update(ctx context.Context, live, desired reconcile.Object) error {
	if live.ID == "" {
		return fmt.Errorf("update delivery task: the live object has no TaskId: %w", apierr.ErrInvalid)
	}
	return p.modify(ctx, live.ID, desired)
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
		return fmt.Errorf("modify delivery task %s (%s): %w", t.Key(), id, err)
	}
	return nil
}

// Delete deletes the live task; a task already gone is apierr.ErrNotFound
// (FailedOperation.RealtimeLogNotFound).
func (p *Provider) Delete(ctx context.Context, live reconcile.Object) error {
	if live.ID == "" || live.Task == nil || live.Task.ZoneID == "" {
		return fmt.Errorf("delete delivery task: the live object needs a TaskId and a zone: %w", apierr.ErrInvalid)
	}
	if err := p.limits.Wait(ctx, ratelimit.TeoDeleteTask); err != nil {
		return fmt.Errorf("delete delivery task %s (%s): %w", live.Task.Key(), live.ID, err)
	}
	if _, err := p.api.DeleteTask(ctx, &DeleteTaskRequest{ZoneId: live.Task.ZoneID, TaskId: live.ID}); err != nil {
		return fmt.Errorf("delete delivery task %s (%s): %w", live.Task.Key(), live.ID, err)
	}
	return nil
}
