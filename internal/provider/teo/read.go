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
	tasks, err := p.describeAll(ctx, t.ZoneID)
	if err != nil {
		return nil, err
	}
	out := make([]reconcile.Object, len(tasks))
	for i := range tasks {
		task := taskFromWire(t.ZoneID, &tasks[i])
		out[i] = reconcile.Object{ID: tasks[i].TaskId, Status: tasks[i].DeliveryStatus, Task: &task}
	}
	return out, nil
}

// describeAll is API.DescribeAllTasks with every page paced by the rate
// limiter: the API layer pages on its own and has no hook for a wait. A
// task seen twice because the list shifted between pages is kept once.
func (p *Provider) describeAll(ctx context.Context, zoneID string) ([]RealtimeLogDeliveryTask, error) {
	var tasks []RealtimeLogDeliveryTask
	seen := map[string]bool{}
	_, err := tencent.WalkOffsets(p.api.pageSize, func(offset, limit int64) (int, uint64, error) {
		if err := p.limits.Wait(ctx, ratelimit.TeoDescribeTasks); err != nil {
			return 0, 0, err
		}
		page, err := p.api.DescribeTasks(ctx, &DescribeTasksRequest{ZoneId: zoneID, Offset: offset, Limit: uint64(limit)})
		if err != nil {
			return 0, 0, err
		}
		for _, task := range page.RealtimeLogDeliveryTasks {
			if !seen[task.TaskId] {
				seen[task.TaskId] = true
				tasks = append(tasks, task)
			}
		}
		return len(page.RealtimeLogDeliveryTasks), page.TotalCount, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read delivery tasks of zone %s: %w", zoneID, err)
	}
	return tasks, nil
}
