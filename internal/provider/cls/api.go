package cls

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/tencent"
)

// The API this file speaks (cls-export.md).
const (
	Service = "cls"
	Version = "2020-10-16"

	// MaxDescribeLimit is DescribeExports' page cap (§3).
	MaxDescribeLimit = 100
	// MaxCount is CreateExport's line cap (§2; 10,000,000 before 2022-03).
	MaxCount = 50_000_000
)

// CreateExportRequest is CreateExport's input (§2). From and To are epoch
// milliseconds. Nil optional members are left out, so the service applies
// its defaults (Order desc, Format json, SyntaxRule 0 = Lucene).
type CreateExportRequest struct {
	TopicId       string   `json:"TopicId"`
	Count         uint64   `json:"Count"`
	Query         string   `json:"Query"` // search statement; SQL pipes are not supported
	From          int64    `json:"From"`
	To            int64    `json:"To"`
	Order         *string  `json:"Order,omitzero"`      // asc | desc
	Format        *string  `json:"Format,omitzero"`     // json | csv
	SyntaxRule    *uint64  `json:"SyntaxRule,omitzero"` // 0 Lucene | 1 CQL
	DerivedFields []string `json:"DerivedFields,omitzero"`
}

// CreateExportResponse carries the new export's id. The task runs
// asynchronously; its file appears later in DescribeExports (CosPath).
type CreateExportResponse struct {
	ExportId  string `json:"ExportId"`
	RequestId string `json:"RequestId"`
}

// DescribeExportsRequest lists the exports of one topic; there is no filter
// by ExportId (§3). A zero Limit is left out (server default 20).
type DescribeExportsRequest struct {
	TopicId string `json:"TopicId"`
	Offset  int64  `json:"Offset"`
	Limit   int64  `json:"Limit,omitzero"`
}

// DescribeExportsResponse is one page; TotalCount counts the topic's exports.
type DescribeExportsResponse struct {
	Exports    []ExportInfo `json:"Exports"`
	TotalCount int64        `json:"TotalCount"`
	RequestId  string       `json:"RequestId"`
}

// ExportInfo is an export as DescribeExports returns it (§3). DerivedFields
// and CreateTimestamp are newer and may be absent.
type ExportInfo struct {
	TopicId         string   `json:"TopicId"`
	ExportId        string   `json:"ExportId"`
	Query           string   `json:"Query"`
	FileName        string   `json:"FileName"`
	FileSize        uint64   `json:"FileSize"`
	Order           string   `json:"Order"`
	Format          string   `json:"Format"`
	Count           uint64   `json:"Count"`
	Status          string   `json:"Status"` // Queuing | Processing | Completed | Failed | Expired
	From            int64    `json:"From"`
	To              int64    `json:"To"`
	CosPath         string   `json:"CosPath"`    // download URL, valid 1 hour
	CreateTime      string   `json:"CreateTime"` // yyyy-MM-dd HH:mm:ss, zone unstated
	SyntaxRule      uint64   `json:"SyntaxRule"`
	DerivedFields   []string `json:"DerivedFields,omitzero"`
	CreateTimestamp uint64   `json:"CreateTimestamp,omitzero"` // ms
}

// DeleteExportRequest is DeleteExport's input (§4).
type DeleteExportRequest struct {
	ExportId string `json:"ExportId"`
}

// DeleteExportResponse carries only the request id.
type DeleteExportResponse struct {
	RequestId string `json:"RequestId"`
}

// API is the typed CLS export surface for one region. It is safe for
// concurrent use.
type API struct {
	c        *tencent.Client
	pageSize int64 // MaxDescribeLimit; tests lower it to exercise paging
}

// NewAPI wraps a client built with tencent.New(Service, Version, cfg) where
// cfg.Region is the topic's region.
func NewAPI(c *tencent.Client) *API {
	return &API{c: c, pageSize: MaxDescribeLimit}
}

// Region is the region every call of this API goes to.
func (a *API) Region() string { return a.c.Region() }

// CreateExport starts an export task.
func (a *API) CreateExport(ctx context.Context, req *CreateExportRequest) (*CreateExportResponse, error) {
	var resp CreateExportResponse
	if err := a.c.Call(ctx, "CreateExport", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DescribeExports reads one page of a topic's exports.
func (a *API) DescribeExports(ctx context.Context, req *DescribeExportsRequest) (*DescribeExportsResponse, error) {
	var resp DescribeExportsResponse
	if err := a.c.Call(ctx, "DescribeExports", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DeleteExport deletes an export task; an unknown id is apierr.ErrNotFound
// (ResourceNotFound.ExportNotExist).
func (a *API) DeleteExport(ctx context.Context, req *DeleteExportRequest) (*DeleteExportResponse, error) {
	var resp DeleteExportResponse
	if err := a.c.Call(ctx, "DeleteExport", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// WalkExports pages through the exports of a topic, one call per page of
// up to 100 (cls-export.md §3), and hands each page to visit. before, when
// set, runs ahead of every call (the provider waits on its rate limiter
// there). An export seen twice because the list shifted between pages is
// handed over once. It reports how many calls it made.
func (a *API) WalkExports(ctx context.Context, topicID string, before func() error, visit func([]ExportInfo)) (int, error) {
	seen := map[string]bool{}
	calls, err := tencent.WalkOffsets(a.pageSize, func(offset, limit int64) (int, uint64, error) {
		if before != nil {
			if err := before(); err != nil {
				return 0, 0, err
			}
		}
		page, err := a.DescribeExports(ctx, &DescribeExportsRequest{TopicId: topicID, Offset: offset, Limit: limit})
		if err != nil {
			return 0, 0, err
		}
		fresh := page.Exports[:0:0]
		for _, e := range page.Exports {
			if !seen[e.ExportId] {
				seen[e.ExportId] = true
				fresh = append(fresh, e)
			}
		}
		visit(fresh)
		return len(page.Exports), uint64(max(page.TotalCount, 0)), nil
	})
	return calls, err
}

// DescribeAllExports reads every export of a topic (WalkExports without
// pacing) and reports how many calls it made.
func (a *API) DescribeAllExports(ctx context.Context, topicID string) ([]ExportInfo, int, error) {
	var exports []ExportInfo
	calls, err := a.WalkExports(ctx, topicID, nil, func(page []ExportInfo) { exports = append(exports, page...) })
	if err != nil {
		return nil, calls, fmt.Errorf("describe exports of topic %s in %s: %w", topicID, a.Region(), err)
	}
	return exports, calls, nil
}
