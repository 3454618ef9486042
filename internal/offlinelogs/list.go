package offlinelogs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/internal/tencent"
)

// Query selects the packages to list.
type Query struct {
	Kind Kind
	// Zones are zone ids (zone-2z55fgysdtmc) for the 2022-09-01 actions,
	// where they are mandatory since 2024-05-30; with Legacy they are site
	// *names* (example.com) and may be empty for every site
	// (edgeone-logs.md §11).
	Zones []string
	// Subjects narrows the list to these domains (l7) or L4 proxy ids (l4);
	// empty means all.
	Subjects   []string
	Start, End time.Time
	// Legacy uses the 2022-01-06 DownloadL7Logs form (PageNo/PageSize).
	Legacy bool
}

// Validate checks q before any call is made.
func (q Query) Validate() error {
	if _, err := ParseKind(string(q.Kind)); err != nil {
		return err
	}
	switch {
	case q.Legacy && q.Kind != KindL7:
		return errors.New("the 2022-01-06 API version lists l7 packages only")
	case !q.Legacy && len(q.Zones) == 0:
		// edgeone-logs.md §11: ZoneIds mandatory since 2024-05-30.
		return errors.New("at least one zone id is required")
	case q.Start.IsZero() || q.End.IsZero() || !q.Start.Before(q.End):
		return errors.New("the time window needs a start before its end")
	}
	return nil
}

// Lister reads package lists. API serves 2022-09-01; Legacy, needed only for
// Query.Legacy, serves 2022-01-06. Limits paces the calls (ratelimit.Vendor:
// 100/s for the 2022-09-01 actions, 20/s for the legacy one).
type Lister struct {
	API      *teo.API
	Legacy   *teo.LegacyAPI
	Limits   *ratelimit.Set
	Retry    retry.Policy // zero bounds take defaultRetry's
	PageSize int64        // 0 means teo.MaxDownloadLimit (300)
}

// ListStats counts the calls of one listing.
type ListStats struct {
	Pages   int // pages read
	Retries int // calls sent again after a transient failure
}

// List returns every package of q, sorted by window start, subject, area
// and name, with duplicates (a list that grew while it was paged) dropped.
func (l *Lister) List(ctx context.Context, q Query) ([]Package, ListStats, error) {
	if err := q.Validate(); err != nil {
		return nil, ListStats{}, err
	}
	var (
		pkgs  []Package
		stats ListStats
		err   error
	)
	switch {
	case q.Legacy:
		pkgs, err = l.listLegacy(ctx, q, &stats)
	case q.Kind == KindL4:
		pkgs, err = l.listL4(ctx, q, &stats)
	default:
		pkgs, err = l.listL7(ctx, q, &stats)
	}
	if err != nil {
		return nil, stats, err
	}
	return sortUnique(pkgs), stats, nil
}

func (l *Lister) pageSize() int64 {
	if l.PageSize > 0 {
		return min(l.PageSize, teo.MaxDownloadLimit)
	}
	return teo.MaxDownloadLimit
}

// call paces and retries one listing call.
func (l *Lister) call(ctx context.Context, action string, stats *ListStats, op func() error) error {
	first := true
	return retry.Do(ctx, l.Retry.Or(defaultRetry), retryListing, func() error {
		if !first {
			stats.Retries++
		}
		first = false
		if err := l.Limits.Wait(ctx, action); err != nil {
			return err
		}
		return op()
	})
}

func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (l *Lister) listL7(ctx context.Context, q Query, stats *ListStats) ([]Package, error) {
	var out []Package
	req := teo.DownloadL7LogsRequest{StartTime: isoTime(q.Start), EndTime: isoTime(q.End), ZoneIds: q.Zones, Domains: q.Subjects}
	_, err := tencent.WalkOffsets(l.pageSize(), func(offset, limit int64) (int, uint64, error) {
		req.Offset, req.Limit = offset, limit
		var page *teo.DownloadL7LogsResponse
		err := l.call(ctx, ratelimit.TeoDownloadL7Logs, stats, func() (err error) {
			page, err = l.API.DownloadL7Logs(ctx, &req)
			return err
		})
		if err != nil {
			return 0, 0, err
		}
		stats.Pages++
		for _, d := range page.Data {
			p, err := fromL7(d)
			if err != nil {
				return 0, 0, err
			}
			out = append(out, p)
		}
		return len(page.Data), uint64(max(page.TotalCount, 0)), nil
	})
	if err != nil {
		return nil, fmt.Errorf("list l7 log packages: %w", err)
	}
	return out, nil
}

func (l *Lister) listL4(ctx context.Context, q Query, stats *ListStats) ([]Package, error) {
	var out []Package
	req := teo.DownloadL4LogsRequest{StartTime: isoTime(q.Start), EndTime: isoTime(q.End), ZoneIds: q.Zones, ProxyIds: q.Subjects}
	_, err := tencent.WalkOffsets(l.pageSize(), func(offset, limit int64) (int, uint64, error) {
		req.Offset, req.Limit = offset, limit
		var page *teo.DownloadL4LogsResponse
		err := l.call(ctx, ratelimit.TeoDownloadL4Logs, stats, func() (err error) {
			page, err = l.API.DownloadL4Logs(ctx, &req)
			return err
		})
		if err != nil {
			return 0, 0, err
		}
		stats.Pages++
		for _, d := range page.Data {
			p, err := fromL4(d)
			if err != nil {
				return 0, 0, err
			}
			out = append(out, p)
		}
		return len(page.Data), page.TotalCount, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list l4 log packages: %w", err)
	}
	return out, nil
}

// sortUnique sorts packages and drops repeats of the same package.
func sortUnique(pkgs []Package) []Package {
	slices.SortFunc(pkgs, func(a, b Package) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Area, b.Area), cmp.Compare(a.Name, b.Name), cmp.Compare(a.URL, b.URL))
	})
	return slices.CompactFunc(pkgs, func(a, b Package) bool {
		return a.Name == b.Name && a.Subject == b.Subject && a.Area == b.Area && a.Start.Equal(b.Start)
	})
}
