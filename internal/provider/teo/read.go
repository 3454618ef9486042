package teo

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
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

// readAll is API.DescribeAllTasks with every page paced by the rate
// limiter: the API layer pages on its own and has no hook for a wait. Each
// page is converted as it arrives (while the next one waits for its slot),
// so the wire tasks of a zone are never all held at once. A task seen twice
// because the list shifted between pages is kept once.
func (p *Provider) readAll(ctx context.Context, zoneID string) ([]reconcile.Object, error) {
	var out []reconcile.Object
	seen := map[string]bool{}
	_, err := tencent.WalkOffsets(p.api.pageSize, func(offset, limit int64) (int, uint64, error) {
		if err := p.limits.Wait(ctx, ratelimit.TeoDescribeTasks); err != nil {
			return 0, 0, err
		}
		page, err := p.api.DescribeTasks(ctx, &DescribeTasksRequest{ZoneId: zoneID, Offset: offset, Limit: uint64(limit)})
		if err != nil {
			return 0, 0, err
		}
		wire := page.RealtimeLogDeliveryTasks
		tasks := make([]spec.DeliveryTask, 0, len(wire)) // one allocation per page; never grows
		for i := range wire {
			if seen[wire[i].TaskId] {
				continue
			}
			seen[wire[i].TaskId] = true
			tasks = append(tasks, taskFromWire(zoneID, &wire[i]))
			out = append(out, reconcile.Object{ID: wire[i].TaskId, Status: wire[i].DeliveryStatus, Task: &tasks[len(tasks)-1]})
		}
		return len(wire), page.TotalCount, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read delivery tasks of zone %s: %w", zoneID, err)
	}
	return out, nil
}
