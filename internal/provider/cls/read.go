package cls

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Read returns every export of the target topic, one DescribeExports call
// per page of up to 100 (cls-export.md §3; design §9). All pages are read:
// an export missing from a first page must not look deleted (§5). Status
// is the export's status (Queuing ... Expired).
func (p *Provider) Read(ctx context.Context, t reconcile.Target) ([]reconcile.Object, error) {
	if t.Kind != spec.KindExport || t.TopicID == "" {
		return nil, fmt.Errorf("read exports: target %s has no topic: %w", t, apierr.ErrInvalid)
	}
	a, err := p.api(t.Region)
	if err != nil {
		return nil, fmt.Errorf("read exports of topic %s: %w", t.TopicID, err)
	}
	return p.readAll(ctx, a, t.Region, t.TopicID)
}

// readAll is API.DescribeAllExports with every page paced by the rate
// limiter, which the API layer has no hook for. Each page is converted as
// it arrives, while the next one waits for its slot.
func (p *Provider) readAll(ctx context.Context, a *API, region, topicID string) ([]reconcile.Object, error) {
	var out []reconcile.Object
	seen := map[string]bool{}
	_, err := tencent.WalkOffsets(a.pageSize, func(offset, limit int64) (int, uint64, error) {
		if err := p.limits.Wait(ctx, ratelimit.CLSDescribeExports); err != nil {
			return 0, 0, err
		}
		page, err := a.DescribeExports(ctx, &DescribeExportsRequest{TopicId: topicID, Offset: offset, Limit: limit})
		if err != nil {
			return 0, 0, err
		}
		exports := make([]spec.Export, 0, len(page.Exports)) // one allocation per page; never grows
		for i := range page.Exports {
			w := &page.Exports[i]
			if seen[w.ExportId] {
				continue
			}
			seen[w.ExportId] = true
			e := exportFromWire(region, w)
			if e.TopicID == "" {
				e.TopicID = topicID
			}
			exports = append(exports, e)
			out = append(out, reconcile.Object{ID: w.ExportId, Status: w.Status, Export: &exports[len(exports)-1]})
		}
		return len(page.Exports), uint64(max(page.TotalCount, 0)), nil
	})
	if err != nil {
		return nil, fmt.Errorf("read exports of topic %s in %s: %w", topicID, a.Region(), err)
	}
	return out, nil
}
