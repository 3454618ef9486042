package cls

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
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

// readAll walks the topic's pages, each paced by the rate limiter, and
// converts each page as it arrives, while the next one waits for its slot.
func (p *Provider) readAll(ctx context.Context, a *API, region, topicID string) ([]reconcile.Object, error) {
	var out []reconcile.Object
	wait := func() error { return p.limits.Wait(ctx, ratelimit.CLSDescribeExports) }
	_, err := a.WalkExports(ctx, topicID, wait, func(wire []ExportInfo) {
		exports := make([]spec.Export, len(wire)) // one allocation per page
		for i := range wire {
			exports[i] = exportFromWire(region, &wire[i])
			if exports[i].TopicID == "" {
				exports[i].TopicID = topicID
			}
			out = append(out, reconcile.Object{ID: wire[i].ExportId, Status: wire[i].Status, Export: &exports[i]})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read exports of topic %s in %s: %w", topicID, a.Region(), err)
	}
	return out, nil
}
