package teo

import (
	"context"
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
// zones are given by site name, not id. PageNo starts at 1.
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

// DownloadAllL7Logs reads pages 1, 2, ... until Pages is reached or a page is
// empty (req's PageNo and PageSize are ignored), and reports the calls made.
// The emulator, like the example in the vendor page, treats PageNo 0 as 1.
func (l *LegacyAPI) DownloadAllL7Logs(ctx context.Context, req LegacyDownloadL7LogsRequest) ([]L7OfflineLog, int, error) {
	var all []L7OfflineLog
	req.PageSize = l.pageSize
	for req.PageNo = 1; ; req.PageNo++ {
		page, err := l.DownloadL7Logs(ctx, &req)
		if err != nil {
			return nil, int(req.PageNo), fmt.Errorf("list l7 log packages, page %d: %w", req.PageNo, err)
		}
		all = append(all, page.Data...)
		// Pages may be null: then a short page is the last one.
		last := len(page.Data) < int(req.PageSize)
		if page.Pages != nil {
			last = req.PageNo >= *page.Pages
		}
		if len(page.Data) == 0 || last {
			return all, int(req.PageNo), nil
		}
	}
}
