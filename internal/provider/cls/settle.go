package cls

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
)

// After CreateExport and DeleteExport the provider reads the topic's
// exports until the read reflects the write (tencent.Settle bounds the
// wait). DescribeExports may be immediately consistent (the default
// reading) or lag behind writes (emulator switch describe-lag; CLS says
// nothing either way, cls-export.md §3): without the wait, the plan that
// verifies an apply would see the export missing, or still there, and
// plan it again. DescribeExports has no id filter, so each read walks the
// topic's pages.

// SetSettle replaces the read-back bounds (tests).
func (p *Provider) SetSettle(s tencent.Settle) { p.settle = s }

// listed reports whether the topic lists the export. It stops at the page
// that holds it: exports are listed newest first (cls-export.md §3,
// UNCONFIRMED), so a new one is usually on the first page.
func (p *Provider) listed(ctx context.Context, a *API, topicID, id string) (bool, error) {
	found := false
	_, err := tencent.WalkOffsets(a.pageSize, func(offset, limit int64) (int, uint64, error) {
		if err := p.limits.Wait(ctx, ratelimit.CLSDescribeExports); err != nil {
			return 0, 0, err
		}
		page, err := a.DescribeExports(ctx, &DescribeExportsRequest{TopicId: topicID, Offset: offset, Limit: limit})
		if err != nil {
			return 0, 0, err
		}
		if slices.ContainsFunc(page.Exports, func(e ExportInfo) bool { return e.ExportId == id }) {
			found = true
			return 0, 0, nil // an empty page ends the walk
		}
		return len(page.Exports), uint64(max(page.TotalCount, 0)), nil
	})
	return found, err
}

// awaitListed waits until a created export is listed (want true) or a
// deleted one is not (want false), and reports whether it saw that.
func (p *Provider) awaitListed(ctx context.Context, a *API, topicID, id string, want bool) (bool, error) {
	limit := p.settle.Timeout
	if !want {
		limit *= 3
	}
	return p.settle.Poll(ctx, limit, func() (bool, error) {
		got, err := p.listed(ctx, a, topicID, id)
		return err == nil && got == want, err
	})
}

// deleteFailed decides a failed DeleteExport by reading: an export the
// topic no longer lists is gone (ErrNotFound, which apply counts as
// done), whichever code said so: ResourceNotFound.ExportNotExist (the
// documented one, cls-export.md §4) or plain FailedOperation (emulator
// switch not-found-plain). A lost response whose delete went through is
// done.
func (p *Provider) deleteFailed(ctx context.Context, a *API, topicID, id string, err error) error {
	if !tencent.Undecided(err) {
		return err
	}
	if gone, rerr := p.awaitListed(ctx, a, topicID, id, false); rerr != nil || !gone {
		return err
	}
	if errors.Is(err, apierr.ErrOutcomeUnknown) {
		return nil
	}
	return fmt.Errorf("a fresh read no longer lists it: %w", apierr.ErrNotFound)
}
