package teo

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Read returns every delivery task of the target zone, one
// DescribeRealtimeLogDeliveryTasks call per page of up to 1000 tasks
// (edgeone-logs.md §5; design §9). Status is the DeliveryStatus as read.
func (p *Provider) Read(ctx context.Context, t reconcile.Target) ([]reconcile.Object, error) {
	if t.Kind != spec.KindDeliveryTask || t.ZoneID == "" {
		return nil, fmt.Errorf("read delivery tasks: target %s has no zone: %w", t, apierr.ErrInvalid)
	}
	return p.readAll(ctx, t.ZoneID)
}

// readAll walks the zone's pages, each paced by the rate limiter, and
// converts each page as it arrives (while the next one waits for its slot),
// so the wire tasks of a zone are never all held at once.
func (p *Provider) readAll(ctx context.Context, zoneID string) ([]reconcile.Object, error) {
	var out []reconcile.Object
	wait := func() error { return p.limits.Wait(ctx, ratelimit.TeoDescribeTasks) }
	_, err := p.api.WalkTasks(ctx, zoneID, nil, wait, func(wire []RealtimeLogDeliveryTask) {
		tasks := make([]spec.DeliveryTask, len(wire)) // one allocation per page
		for i := range wire {
			tasks[i] = taskFromWire(zoneID, &wire[i])
			out = append(out, reconcile.Object{ID: wire[i].TaskId, Status: wire[i].DeliveryStatus, Task: &tasks[i]})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read delivery tasks of zone %s: %w", zoneID, err)
	}
	return out, nil
}
