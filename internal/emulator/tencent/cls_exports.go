package tencent

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// CreateExport, DescribeExports, DeleteExport (cls-export.md §2-§4, §6).

const (
	maxExportCount       = 50_000_000 // raised from 10,000,000 in 2022-03
	maxExportsLimit      = 100
	defaultExportsLimit  = 20
	exportFileLifetime   = 72 * time.Hour
	exportCreateTimeForm = "2006-01-02 15:04:05"
)

type createExportRequest struct {
	TopicId       *string  `json:"TopicId"`
	Count         *uint64  `json:"Count"`
	Query         *string  `json:"Query"`
	From          *int64   `json:"From"`
	To            *int64   `json:"To"`
	Order         *string  `json:"Order"`
	Format        *string  `json:"Format"`
	SyntaxRule    *uint64  `json:"SyntaxRule"`
	DerivedFields []string `json:"DerivedFields"`
}

type describeExportsRequest struct {
	TopicId *string `json:"TopicId"`
	Offset  *int64  `json:"Offset"`
	Limit   *int64  `json:"Limit"`
}

type deleteExportRequest struct {
	ExportId *string `json:"ExportId"`
}

func (h *Handler) createExport(c *call) (map[string]any, *apiError) {
	var req createExportRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	e, aerr := h.newExport(c.region, &req)
	if aerr != nil {
		return nil, aerr
	}
	e.ExportId = h.cfg.State.nextID(h.cfg.Seed, "export")
	e.Serial = h.cfg.State.Seq
	e.Created = c.now.UnixMilli()
	h.cfg.State.Exports = append(h.cfg.State.Exports, e)
	if aerr := h.commit(); aerr != nil {
		return nil, aerr
	}
	return map[string]any{"ExportId": e.ExportId}, nil
}

// newExport validates a CreateExport request and returns the export it
// describes (without id and creation time).
func (h *Handler) newExport(region string, req *createExportRequest) (*Export, *apiError) {
	if region == "" {
		return nil, missing("Region")
	}
	for _, p := range []struct {
		name string
		set  bool
	}{{"TopicId", req.TopicId != nil}, {"Query", req.Query != nil}, {"Count", req.Count != nil}, {"From", req.From != nil}, {"To", req.To != nil}} {
		if !p.set {
			return nil, missing(p.name)
		}
	}
	if !h.cfg.World.topicExists(region, *req.TopicId) {
		return nil, errf("ResourceNotFound.TopicNotExist", "The log topic %s does not exist in region %s.", *req.TopicId, region)
	}
	if *req.Count == 0 {
		return nil, errf(codeInvalidParameter, "Count must be between 1 and %d.", maxExportCount)
	}
	if *req.Count > maxExportCount {
		return nil, errf("LimitExceeded.Export", "Count %d exceeds the export limit of %d log lines.", *req.Count, maxExportCount)
	}
	if *req.From < 0 || *req.From >= *req.To {
		return nil, errf(codeInvalidParameter, "From (%d) must be earlier than To (%d); both are Unix milliseconds.", *req.From, *req.To)
	}
	if hasPipe(*req.Query) {
		return nil, errf(codeInvalidParameter, "The export query must not contain SQL analysis (a `|` pipe): SQL is not supported by CreateExport.")
	}
	e := &Export{
		Region: region, TopicId: *req.TopicId, Query: *req.Query, Count: *req.Count,
		From: *req.From, To: *req.To, Order: "desc", Format: "json",
		DerivedFields: slices.Clone(req.DerivedFields),
	}
	if req.Order != nil {
		if *req.Order != "asc" && *req.Order != "desc" {
			return nil, errf(codeInvalidParameter, "Order %q is invalid: asc or desc.", *req.Order)
		}
		e.Order = *req.Order
	}
	if req.Format != nil {
		if *req.Format != "json" && *req.Format != "csv" {
			return nil, errf(codeInvalidParameter, "Format %q is invalid: json or csv.", *req.Format)
		}
		e.Format = *req.Format
	}
	if req.SyntaxRule != nil {
		if *req.SyntaxRule > 1 {
			return nil, errf(codeInvalidParameter, "SyntaxRule %d is invalid: 0 (Lucene) or 1 (CQL).", *req.SyntaxRule)
		}
		e.SyntaxRule = *req.SyntaxRule
	}
	return e, nil
}

// hasPipe reports a `|` outside double quotes: the start of SQL analysis.
func hasPipe(q string) bool {
	quoted, esc := false, false
	for _, r := range q {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"':
			quoted = !quoted
		case r == '|' && !quoted:
			return true
		}
	}
	return false
}

func (h *Handler) describeExports(c *call) (map[string]any, *apiError) {
	var req describeExportsRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	if c.region == "" {
		return nil, missing("Region")
	}
	if req.TopicId == nil {
		return nil, missing("TopicId")
	}
	if !h.cfg.World.topicExists(c.region, *req.TopicId) {
		return nil, errf("ResourceNotFound.TopicNotExist", "The log topic %s does not exist in region %s.", *req.TopicId, c.region)
	}
	offset, limit, aerr := page(req.Offset, req.Limit, defaultExportsLimit, maxExportsLimit)
	if aerr != nil {
		return nil, aerr
	}
	if h.purgeExports(c.now) {
		if aerr := h.commit(); aerr != nil {
			return nil, aerr
		}
	}
	// Newest first, as the console lists them. Under describe-lag an
	// export shows only DescribeLag after its creation, and a deleted one
	// until DescribeLag after its delete (exportsLag).
	cutoff := c.now.Add(-h.cfg.Semantics.DescribeLag).UnixMilli()
	var all []*Export
	for i := len(h.cfg.State.Exports) - 1; i >= 0; i-- {
		e := h.cfg.State.Exports[i]
		if e.Region == c.region && e.TopicId == *req.TopicId && e.Created <= cutoff {
			all = append(all, e)
		}
	}
	out := []exportInfo{}
	for i := offset; i < len(all) && i < offset+limit; i++ {
		out = append(out, h.exportInfo(all[i], c.now))
	}
	return map[string]any{"TotalCount": len(all), "Exports": out}, nil
}

func (h *Handler) deleteExport(c *call) (map[string]any, *apiError) {
	var req deleteExportRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	if c.region == "" {
		return nil, missing("Region")
	}
	if req.ExportId == nil {
		return nil, missing("ExportId")
	}
	h.purgeExports(c.now)
	i := slices.IndexFunc(h.cfg.State.Exports, func(e *Export) bool {
		return e.ExportId == *req.ExportId && e.Region == c.region && e.Deleted == 0
	})
	if i < 0 {
		return nil, h.exportNotFound(*req.ExportId, c.region)
	}
	if h.cfg.Semantics.DescribeLag > 0 {
		e := *h.cfg.State.Exports[i]
		e.Deleted = c.now.UnixMilli()
		h.cfg.State.Exports[i] = &e
	} else {
		h.cfg.State.Exports = slices.Delete(h.cfg.State.Exports, i, i+1)
	}
	if aerr := h.commit(); aerr != nil {
		return nil, aerr
	}
	return map[string]any{}, nil
}

// exportStatus moves Queuing -> Processing -> Completed over ExportStep
// each; a completed file expires after 3 days.
func (h *Handler) exportStatus(e *Export, now time.Time) string {
	age := now.Sub(time.UnixMilli(e.Created))
	switch {
	case age < h.cfg.ExportStep:
		return "Queuing"
	case age < 2*h.cfg.ExportStep:
		return "Processing"
	case age < 2*h.cfg.ExportStep+exportFileLifetime:
		return "Completed"
	default:
		return "Expired"
	}
}

// exportFileName follows the vendor's example shape
// log_<numeric id>_<topicId>_<yyyymmdd>_<x>_<unix seconds>.tar.gz.
func exportFileName(e *Export) string {
	created := time.UnixMilli(e.Created)
	return fmt.Sprintf("log_%d_%s_%s_0_%d.tar.gz", 100000+e.Serial, e.TopicId, created.In(cst).Format("20060102"), created.Unix())
}

// exportInfo is the ExportInfo of e at now; CosPath and FileSize appear
// only once the export is Completed.
func (h *Handler) exportInfo(e *Export, now time.Time) exportInfo {
	status := h.exportStatus(e, now)
	cosPath, size := "", int64(0)
	if status == "Completed" {
		cosPath = strings.TrimRight(h.cfg.BaseURL(), "/") + "/cls-exports/" + e.Region + "/" + e.ExportId + "/" + exportFileName(e)
		size = h.exportSize(e)
	}
	return exportInfo{
		TopicId: e.TopicId, ExportId: e.ExportId, Query: e.Query, FileName: exportFileName(e), FileSize: size,
		Order: e.Order, Format: e.Format, Count: e.Count, Status: status, From: e.From, To: e.To, CosPath: cosPath,
		CreateTime: time.UnixMilli(e.Created).In(cst).Format(exportCreateTimeForm), SyntaxRule: e.SyntaxRule,
		DerivedFields: nonNil(e.DerivedFields), CreateTimestamp: e.Created,
	}
}

// exportInfo is the ExportInfo wire type (cls-export.md §3).
type exportInfo struct {
	TopicId         string
	ExportId        string
	Query           string
	FileName        string
	FileSize        int64
	Order           string
	Format          string
	Count           uint64
	Status          string
	From            int64
	To              int64
	CosPath         string
	CreateTime      string
	SyntaxRule      uint64
	DerivedFields   []string
	CreateTimestamp int64
}

// exportNotFound answers a DeleteExport of an unknown id: the documented
// ResourceNotFound.ExportNotExist (cls-export.md §4), or under
// not-found-plain the plain FailedOperation DeleteExport may also return
// (cls-export.md §1), the reading a client must survive as well.
func (h *Handler) exportNotFound(id, region string) *apiError {
	code := "ResourceNotFound.ExportNotExist"
	if h.cfg.Semantics.NotFoundPlain {
		code = "FailedOperation"
	}
	return errf(code, "The export task %s does not exist in region %s.", id, region)
}

// purgeExports drops the exports deleted under describe-lag whose delete
// the lag has caught up with; it reports whether it changed the state.
func (h *Handler) purgeExports(now time.Time) bool {
	cutoff := now.Add(-h.cfg.Semantics.DescribeLag).UnixMilli()
	n := len(h.cfg.State.Exports)
	h.cfg.State.Exports = slices.DeleteFunc(h.cfg.State.Exports, func(e *Export) bool {
		return e.Deleted != 0 && e.Deleted <= cutoff
	})
	return len(h.cfg.State.Exports) != n
}
