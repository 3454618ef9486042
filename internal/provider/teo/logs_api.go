package teo

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/internal/tencent"
)

// Offline log download (edgeone-logs.md §11).
const (
	// MaxDownloadLimit is DownloadL7Logs/DownloadL4Logs' page cap (2022-09-01).
	MaxDownloadLimit = 300
	// LegacyVersion serves the 2022-01-06 DownloadL7Logs form (PageNo/PageSize,
	// site names); it needs its own client: tencent.New(Service, LegacyVersion, cfg).
	LegacyVersion = "2022-01-06"
)

// DownloadL7LogsRequest lists L7 offline log packages. Times are ISO 8601
// (e.g. 2023-07-26T06:00:00+08:00). ZoneIds is mandatory since 2024-05-30.
type DownloadL7LogsRequest struct {
	StartTime string   `json:"StartTime"`
	EndTime   string   `json:"EndTime"`
	ZoneIds   []string `json:"ZoneIds,omitzero"`
	Domains   []string `json:"Domains,omitzero"` // nil = every subdomain
	Limit     int64    `json:"Limit,omitzero"`   // server default 20, max 300
	Offset    int64    `json:"Offset"`
}

// L7OfflineLog is one hourly L7 log package.
type L7OfflineLog struct {
	Domain        string `json:"Domain"`
	Area          string `json:"Area"`
	LogPacketName string `json:"LogPacketName"`
	Url           string `json:"Url"`
	LogTime       int64  `json:"LogTime,omitzero"` // unix seconds, deprecated
	LogStartTime  string `json:"LogStartTime,omitzero"`
	LogEndTime    string `json:"LogEndTime,omitzero"`
	Size          int64  `json:"Size"` // uncompressed bytes
}

// DownloadL7LogsResponse is one page of L7 packages.
type DownloadL7LogsResponse struct {
	TotalCount int64          `json:"TotalCount"`
	Data       []L7OfflineLog `json:"Data"`
	RequestId  string         `json:"RequestId"`
}

// DownloadL4LogsRequest lists L4 (proxy) offline log packages.
type DownloadL4LogsRequest struct {
	StartTime string   `json:"StartTime"`
	EndTime   string   `json:"EndTime"`
	ZoneIds   []string `json:"ZoneIds,omitzero"`
	ProxyIds  []string `json:"ProxyIds,omitzero"`
	Limit     int64    `json:"Limit,omitzero"`
	Offset    int64    `json:"Offset"`
}

// L4OfflineLog is one hourly L4 log package.
type L4OfflineLog struct {
	ProxyId       string `json:"ProxyId"`
	Area          string `json:"Area"`
	LogPacketName string `json:"LogPacketName"`
	Url           string `json:"Url"`
	LogTime       int64  `json:"LogTime,omitzero"`
	LogStartTime  string `json:"LogStartTime,omitzero"`
	LogEndTime    string `json:"LogEndTime,omitzero"`
	Size          int64  `json:"Size"`
}

// DownloadL4LogsResponse is one page of L4 packages.
type DownloadL4LogsResponse struct {
	TotalCount uint64         `json:"TotalCount"`
	Data       []L4OfflineLog `json:"Data"`
	RequestId  string         `json:"RequestId"`
}

// LegacyDownloadL7LogsRequest is the 2022-01-06 form: pages are numbered and
// zones are given by site name, not id. Whether PageNo counts from 0 or 1
// is UNCONFIRMED: WalkLegacyPages learns it from the first answer.
type LegacyDownloadL7LogsRequest struct {
	StartTime string   `json:"StartTime"`
	EndTime   string   `json:"EndTime"`
	PageSize  int64    `json:"PageSize"`
	PageNo    int64    `json:"PageNo"`
	Zones     []string `json:"Zones,omitzero"`
	Domains   []string `json:"Domains,omitzero"`
}

// LegacyDownloadL7LogsResponse is one numbered page; every member may be null.
type LegacyDownloadL7LogsResponse struct {
	Data      []L7OfflineLog `json:"Data"`
	PageSize  *int64         `json:"PageSize"`
	PageNo    *int64         `json:"PageNo"`
	Pages     *int64         `json:"Pages"`
	TotalSize *int64         `json:"TotalSize"`
	RequestId string         `json:"RequestId"`
}

// DownloadL7Logs reads one page of L7 packages.
func (a *API) DownloadL7Logs(ctx context.Context, req *DownloadL7LogsRequest) (*DownloadL7LogsResponse, error) {
	var resp DownloadL7LogsResponse
	if err := a.c.Call(ctx, "DownloadL7Logs", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DownloadL4Logs reads one page of L4 packages.
func (a *API) DownloadL4Logs(ctx context.Context, req *DownloadL4LogsRequest) (*DownloadL4LogsResponse, error) {
	var resp DownloadL4LogsResponse
	if err := a.c.Call(ctx, "DownloadL4Logs", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DownloadAllL7Logs reads every L7 package of the window, one call per page
// of MaxDownloadLimit (req's Limit and Offset are ignored), and reports the
// number of calls.
func (a *API) DownloadAllL7Logs(ctx context.Context, req DownloadL7LogsRequest) ([]L7OfflineLog, int, error) {
	var all []L7OfflineLog
	calls, err := tencent.WalkOffsets(a.downloadLimit, func(offset, limit int64) (int, uint64, error) {
		req.Offset, req.Limit = offset, limit
		page, err := a.DownloadL7Logs(ctx, &req)
		if err != nil {
			return 0, 0, err
		}
		all = append(all, page.Data...)
		return len(page.Data), uint64(max(page.TotalCount, 0)), nil
	})
	if err != nil {
		return nil, calls, fmt.Errorf("list l7 log packages: %w", err)
	}
	return all, calls, nil
}

// DownloadAllL4Logs is DownloadAllL7Logs for L4 packages.
func (a *API) DownloadAllL4Logs(ctx context.Context, req DownloadL4LogsRequest) ([]L4OfflineLog, int, error) {
	var all []L4OfflineLog
	calls, err := tencent.WalkOffsets(a.downloadLimit, func(offset, limit int64) (int, uint64, error) {
		req.Offset, req.Limit = offset, limit
		page, err := a.DownloadL4Logs(ctx, &req)
		if err != nil {
			return 0, 0, err
		}
		all = append(all, page.Data...)
		return len(page.Data), page.TotalCount, nil
	})
	if err != nil {
		return nil, calls, fmt.Errorf("list l4 log packages: %w", err)
	}
	return all, calls, nil
}

// LegacyAPI speaks the 2022-01-06 DownloadL7Logs form. Whether the service
// still serves it is UNCONFIRMED (§11); prefer API.DownloadL7Logs.
type LegacyAPI struct {
	c        *tencent.Client
	pageSize int64
}

// legacyPageSize: the 2022-01-06 page cap is not documented; 300 is the
// documented cap of its successor.
const legacyPageSize = 300

// NewLegacyAPI wraps a client built with tencent.New(Service, LegacyVersion, cfg).
func NewLegacyAPI(c *tencent.Client) *LegacyAPI {
	return &LegacyAPI{c: c, pageSize: legacyPageSize}
}

// DownloadL7Logs reads one numbered page.
func (l *LegacyAPI) DownloadL7Logs(ctx context.Context, req *LegacyDownloadL7LogsRequest) (*LegacyDownloadL7LogsResponse, error) {
	var resp LegacyDownloadL7LogsResponse
	if err := l.c.Call(ctx, "DownloadL7Logs", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DownloadAllL7Logs reads every page (req's PageNo and PageSize are
// ignored) with WalkLegacyPages, and reports the calls made.
func (l *LegacyAPI) DownloadAllL7Logs(ctx context.Context, req LegacyDownloadL7LogsRequest) ([]L7OfflineLog, int, error) {
	var all []L7OfflineLog
	req.PageSize = l.pageSize
	calls, err := WalkLegacyPages(req.PageSize, MaxLegacyPages, func(no int64) (*LegacyDownloadL7LogsResponse, error) {
		req.PageNo = no
		return l.DownloadL7Logs(ctx, &req)
	}, func(data []L7OfflineLog) error {
		all = append(all, data...)
		return nil
	})
	if err != nil {
		return nil, calls, fmt.Errorf("list l7 log packages: %w", err)
	}
	return all, calls, nil
}

// MaxLegacyPages bounds a legacy walk: a server that never reports Pages
// and never returns a short page must not keep a client paging forever. At
// 300 per page it is 3 million packages, far past 31 days of hourly
// packages for any realistic number of domains.
const MaxLegacyPages = 10_000

// WalkLegacyPages reads the pages of the 2022-01-06 DownloadL7Logs through
// fetch(PageNo) and hands each page's packages not seen before to visit;
// it returns the number of calls.
//
// The page base is UNCONFIRMED (edgeone-logs.md §11): the vendor example
// sends PageNo 0, which is either the first page (pages count from 0) or
// read as page 1 (pages count from 1). The walk asks PageNo 0 first and
// learns the base from the answer instead of assuming it:
//   - the response's PageNo says which page was served (0: base 0; 1: 0 was
//     read as 1), and the next call asks the page after it;
//   - without a PageNo (every member may be null), PageNo 1 is asked next:
//     if it repeats page 0 exactly, 0 was read as 1 and the repeat is
//     skipped; otherwise pages count from 0.
//
// Either way no page is skipped and none is counted twice (packages are
// also deduplicated by Url and name). The walk ends at the reported Pages,
// at a short or empty page, or at a page that adds nothing new.
func WalkLegacyPages(pageSize int64, maxPages int, fetch func(no int64) (*LegacyDownloadL7LogsResponse, error), visit func([]L7OfflineLog) error) (int, error) {
	seen := map[string]bool{}
	base := int64(-1) // unknown until learnt
	no := int64(0)
	for calls := 1; calls <= maxPages; calls++ {
		page, err := fetch(no)
		if err != nil {
			return calls, fmt.Errorf("page %d: %w", no, err)
		}
		if page == nil {
			return calls, fmt.Errorf("page %d: empty response", no)
		}
		served := no
		if page.PageNo != nil {
			served = *page.PageNo
		}
		fresh := freshLogs(seen, page.Data)
		discovering := base < 0
		if discovering {
			base = learnBase(no, page, len(fresh))
		}
		if err := visit(fresh); err != nil {
			return calls, err
		}
		if legacyLastPage(page, pageSize, base, served) || !discovering && len(fresh) == 0 {
			return calls, nil
		}
		if base < 0 && served == 0 {
			no = 1 // base still unknown: the next answer tells
			continue
		}
		if served < no {
			return calls, errors.New("the server went back a page: refusing to loop")
		}
		no = served + 1
	}
	return maxPages, fmt.Errorf("still not done after %d pages", maxPages)
}

// learnBase reads the page base from an answer: -1 while it is unknown.
func learnBase(no int64, page *LegacyDownloadL7LogsResponse, fresh int) int64 {
	switch {
	case page.PageNo != nil:
		return min(*page.PageNo, 1) // asked 0: served 0 (base 0) or 1 (base 1)
	case no == 0:
		return -1
	case len(page.Data) > 0 && fresh == 0:
		return 1 // page 1 repeats what PageNo 0 gave
	default:
		return 0
	}
}

// legacyLastPage: an empty page; the last of the reported Pages once the
// base is known (or a single page whatever it is); else a short page.
func legacyLastPage(page *LegacyDownloadL7LogsResponse, pageSize, base, served int64) bool {
	switch {
	case len(page.Data) == 0:
		return true
	case page.Pages != nil && base >= 0:
		return served >= base+*page.Pages-1
	case page.Pages != nil && *page.Pages <= 1:
		return true
	}
	return int64(len(page.Data)) < pageSize
}

func freshLogs(seen map[string]bool, data []L7OfflineLog) []L7OfflineLog {
	var out []L7OfflineLog
	for _, d := range data {
		key := d.LogPacketName + "\x00" + d.Url
		if !seen[key] {
			seen[key] = true
			out = append(out, d)
		}
	}
	return out
}
