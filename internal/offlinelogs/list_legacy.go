package offlinelogs

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
)

// maxLegacyPages bounds the legacy walk (teo.MaxLegacyPages); a variable so
// that tests can lower it.
var maxLegacyPages = teo.MaxLegacyPages

// listLegacy walks the 2022-01-06 DownloadL7Logs pages with
// teo.WalkLegacyPages, which learns from the first answer whether pages
// count from 0 or 1 (UNCONFIRMED, edgeone-logs.md §11) and stops at the
// reported Pages, a short, empty or repeated page (every response member
// may be null). Its quota is 20/s (ratelimit.Vendor). The page size is not
// documented for this form; 300 is the cap of its successor.
func (l *Lister) listLegacy(ctx context.Context, q Query, stats *ListStats) ([]Package, error) {
	if l.Legacy == nil {
		return nil, errors.New("list l7 log packages: no client for API version 2022-01-06")
	}
	var out []Package
	req := teo.LegacyDownloadL7LogsRequest{StartTime: isoTime(q.Start), EndTime: isoTime(q.End),
		PageSize: l.pageSize(), Zones: q.Zones, Domains: q.Subjects}
	_, err := teo.WalkLegacyPages(req.PageSize, maxLegacyPages, func(no int64) (page *teo.LegacyDownloadL7LogsResponse, err error) {
		req.PageNo = no
		err = l.call(ctx, ratelimit.TeoDownloadL7LogsLegacy, stats, func() (err error) {
			page, err = l.Legacy.DownloadL7Logs(ctx, &req)
			return err
		})
		if err == nil {
			stats.Pages++
		}
		return page, err
	}, func(data []teo.L7OfflineLog) error {
		for _, d := range data {
			p, err := fromL7(d)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list l7 log packages (2022-01-06): %w", err)
	}
	return out, nil
}
