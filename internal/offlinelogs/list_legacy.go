package offlinelogs

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
)

// maxLegacyPages bounds the legacy walk: a server that never reports Pages
// and never returns a short page must not keep us paging forever. At 300
// per page it is 3 million packages, far past 31 days of hourly packages for
// any realistic number of domains.
const maxLegacyPages = 10_000

// listLegacy walks the 2022-01-06 DownloadL7Logs pages 1, 2, ... until the
// reported Pages, a short page or an empty one (every response member may be
// null, edgeone-logs.md §11). Its quota is 20/s (ratelimit.Vendor). The page
// size is not documented for this form; 300 is the cap of its successor.
func (l *Lister) listLegacy(ctx context.Context, q Query, stats *ListStats) ([]Package, error) {
	if l.Legacy == nil {
		return nil, errors.New("list l7 log packages: no client for API version 2022-01-06")
	}
	var out []Package
	req := teo.LegacyDownloadL7LogsRequest{StartTime: isoTime(q.Start), EndTime: isoTime(q.End),
		PageSize: l.pageSize(), Zones: q.Zones, Domains: q.Subjects}
	for req.PageNo = 1; req.PageNo <= maxLegacyPages; req.PageNo++ {
		var page *teo.LegacyDownloadL7LogsResponse
		err := l.call(ctx, ratelimit.TeoDownloadL7LogsLegacy, stats, func() (err error) {
			page, err = l.Legacy.DownloadL7Logs(ctx, &req)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("list l7 log packages (2022-01-06), page %d: %w", req.PageNo, err)
		}
		stats.Pages++
		for _, d := range page.Data {
			p, err := fromL7(d)
			if err != nil {
				return nil, fmt.Errorf("list l7 log packages (2022-01-06): %w", err)
			}
			out = append(out, p)
		}
		last := len(page.Data) < int(req.PageSize)
		if page.Pages != nil {
			last = req.PageNo >= *page.Pages
		}
		if len(page.Data) == 0 || last {
			return out, nil
		}
	}
	return nil, fmt.Errorf("list l7 log packages (2022-01-06): still not done after %d pages", maxLegacyPages)
}
