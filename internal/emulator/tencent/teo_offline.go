package tencent

import (
	"slices"
	"strings"
	"time"
)

// DownloadL7Logs (2022-09-01 and the 2022-01-06 form) and DownloadL4Logs
// (edgeone-logs.md §11). Packages are synthesized: one per hour per domain
// or L4 proxy for every hour of the retention window (31 days back from
// now), none for the most recent 3 hours, listed oldest first.

const (
	retention        = 31 * 24 * time.Hour
	availableAfter   = 3 * time.Hour
	maxDownloadLimit = 300
	maxLegacyPage    = 1000
	defaultPageSize  = 20
)

type downloadRequest struct {
	StartTime *string  `json:"StartTime"`
	EndTime   *string  `json:"EndTime"`
	ZoneIds   []string `json:"ZoneIds"`
	Domains   []string `json:"Domains"`
	ProxyIds  []string `json:"ProxyIds"`
	Limit     *int64   `json:"Limit"`
	Offset    *int64   `json:"Offset"`
}

type l7Request struct {
	StartTime *string  `json:"StartTime"`
	EndTime   *string  `json:"EndTime"`
	ZoneIds   []string `json:"ZoneIds"`
	Domains   []string `json:"Domains"`
	Limit     *int64   `json:"Limit"`
	Offset    *int64   `json:"Offset"`
}

type l4Request struct {
	StartTime *string  `json:"StartTime"`
	EndTime   *string  `json:"EndTime"`
	ZoneIds   []string `json:"ZoneIds"`
	ProxyIds  []string `json:"ProxyIds"`
	Limit     *int64   `json:"Limit"`
	Offset    *int64   `json:"Offset"`
}

type legacyL7Request struct {
	StartTime *string  `json:"StartTime"`
	EndTime   *string  `json:"EndTime"`
	PageSize  *int64   `json:"PageSize"`
	PageNo    *int64   `json:"PageNo"`
	Zones     []string `json:"Zones"`
	Domains   []string `json:"Domains"`
}

// subject is one producer of packages: a domain or an L4 proxy of a zone.
type subject struct {
	zone *Zone
	name string
}

// packages is the ordered list of packages for a set of subjects and a
// window: index i is hour first+i/len(subjects) of subject i%len(subjects).
type packages struct {
	kind     string // "l7" or "l4"
	subjects []subject
	first    time.Time
	hours    int
}

func (p packages) total() int { return p.hours * len(p.subjects) }

func (p packages) at(i int) pkg {
	s := p.subjects[i%len(p.subjects)]
	return pkg{kind: p.kind, zone: s.zone, subject: s.name, hour: p.first.Add(time.Duration(i/len(p.subjects)) * time.Hour)}
}

// window returns the hours [first, first+n) whose packages overlap
// [start, end] and exist at now.
func window(start, end, now time.Time) (time.Time, int) {
	first := start.UTC().Truncate(time.Hour)
	if oldest := now.Add(-retention).UTC().Truncate(time.Hour).Add(time.Hour); first.Before(oldest) {
		first = oldest
	}
	last := end.UTC().Truncate(time.Hour)
	if newest := now.Add(-availableAfter - time.Hour).UTC().Truncate(time.Hour); last.After(newest) {
		last = newest
	}
	if last.Before(first) {
		return first, 0
	}
	return first, int(last.Sub(first)/time.Hour) + 1
}

// available reports whether the package of hour exists at now.
func available(hour, now time.Time) bool {
	first, n := window(hour, hour, now)
	return n == 1 && first.Equal(hour)
}

func parseWindow(start, end *string) (time.Time, time.Time, *apiError) {
	if start == nil {
		return time.Time{}, time.Time{}, missing("StartTime")
	}
	if end == nil {
		return time.Time{}, time.Time{}, missing("EndTime")
	}
	s, err := time.Parse(time.RFC3339, *start)
	if err != nil {
		return time.Time{}, time.Time{}, errf(codeInvalidParameterValue, "StartTime %q is not an ISO 8601 (RFC 3339) time.", *start)
	}
	e, err := time.Parse(time.RFC3339, *end)
	if err != nil {
		return time.Time{}, time.Time{}, errf(codeInvalidParameterValue, "EndTime %q is not an ISO 8601 (RFC 3339) time.", *end)
	}
	if e.Before(s) {
		return time.Time{}, time.Time{}, errf(codeInvalidParameterValue, "EndTime must not be earlier than StartTime.")
	}
	return s, e, nil
}

// zoneSubjects lists the subjects of the given zone ids, keeping only names
// in filter when it is not empty. An unknown zone is ResourceUnavailable,
// the one business error DownloadL4Logs documents.
func (h *Handler) zoneSubjects(zoneIDs, filter []string, l4 bool) ([]subject, *apiError) {
	if len(zoneIDs) == 0 {
		return nil, errf(codeMissingParameter, "The request is missing a required parameter `ZoneIds` (mandatory since 2024-05-30).")
	}
	var out []subject
	for _, id := range zoneIDs {
		z := h.cfg.World.zone(id)
		if z == nil {
			return nil, errf("ResourceUnavailable", "The zone %s does not exist or has no offline logs.", id)
		}
		names := z.Domains
		if l4 {
			names = z.L4Proxies
		}
		for _, n := range names {
			if len(filter) == 0 || slices.Contains(filter, n) {
				out = append(out, subject{z, n})
			}
		}
	}
	return out, nil
}

func (h *Handler) downloadL7Logs(c *call) (map[string]any, *apiError) {
	var req l7Request
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	return h.download(c, "l7", downloadRequest{StartTime: req.StartTime, EndTime: req.EndTime, ZoneIds: req.ZoneIds, Domains: req.Domains, Limit: req.Limit, Offset: req.Offset})
}

func (h *Handler) downloadL4Logs(c *call) (map[string]any, *apiError) {
	var req l4Request
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	return h.download(c, "l4", downloadRequest{StartTime: req.StartTime, EndTime: req.EndTime, ZoneIds: req.ZoneIds, ProxyIds: req.ProxyIds, Limit: req.Limit, Offset: req.Offset})
}

func (h *Handler) download(c *call, kind string, req downloadRequest) (map[string]any, *apiError) {
	start, end, aerr := parseWindow(req.StartTime, req.EndTime)
	if aerr != nil {
		return nil, aerr
	}
	offset, limit, aerr := page(req.Offset, req.Limit, defaultPageSize, maxDownloadLimit)
	if aerr != nil {
		return nil, aerr
	}
	filter := req.Domains
	if kind == "l4" {
		filter = req.ProxyIds
	}
	subjects, aerr := h.zoneSubjects(req.ZoneIds, filter, kind == "l4")
	if aerr != nil {
		return nil, aerr
	}
	first, n := window(start, end, c.now)
	p := packages{kind: kind, subjects: subjects, first: first, hours: n}
	data := []map[string]any{}
	for i := offset; i < p.total() && i < offset+limit; i++ {
		data = append(data, h.offlineLog(p.at(i)))
	}
	return map[string]any{"TotalCount": p.total(), "Data": data}, nil
}

func (h *Handler) downloadL7LogsLegacy(c *call) (map[string]any, *apiError) {
	var req legacyL7Request
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	start, end, aerr := parseWindow(req.StartTime, req.EndTime)
	if aerr != nil {
		return nil, aerr
	}
	if req.PageSize == nil {
		return nil, missing("PageSize")
	}
	if req.PageNo == nil {
		return nil, missing("PageNo")
	}
	size, no := int(*req.PageSize), int(*req.PageNo)
	if size < 0 || size > maxLegacyPage || no < 0 {
		return nil, errf(codeInvalidParameterValue, "PageSize must be 0-%d and PageNo >= 0.", maxLegacyPage)
	}
	if size == 0 {
		size = defaultPageSize
	}
	// The legacy page base is UNCONFIRMED (edgeone-logs.md §11): by default
	// pages count from 1 (PageNo 0 reads as 1); under l7-legacy-page-zero
	// they count from 0, as the vendor's example sending PageNo 0 suggests.
	base := 1
	if h.cfg.Semantics.L7LegacyPageZero {
		base = 0
	}
	if no < base {
		no = base
	}
	// This form filters on site names, not ids.
	var subjects []subject
	for i := range h.cfg.World.Zones {
		z := &h.cfg.World.Zones[i]
		if len(req.Zones) > 0 && !slices.Contains(req.Zones, z.Name) {
			continue
		}
		for _, d := range z.Domains {
			if len(req.Domains) == 0 || slices.Contains(req.Domains, d) {
				subjects = append(subjects, subject{z, d})
			}
		}
	}
	first, n := window(start, end, c.now)
	p := packages{kind: "l7", subjects: subjects, first: first, hours: n}
	data := []map[string]any{}
	for i := (no - base) * size; i < p.total() && i < (no-base+1)*size; i++ {
		full := h.offlineLog(p.at(i))
		data = append(data, map[string]any{
			"LogTime": full["LogTime"], "Domain": full["Domain"], "Size": full["Size"],
			"Url": full["Url"], "LogPacketName": full["LogPacketName"], "Area": full["Area"],
		})
	}
	pages := (p.total() + size - 1) / size
	return map[string]any{"Data": data, "PageSize": size, "PageNo": no, "Pages": pages, "TotalSize": p.total()}, nil
}

// offlineLog is the L7OfflineLog / L4OfflineLog of a package.
func (h *Handler) offlineLog(p pkg) map[string]any {
	out := map[string]any{
		"Area":          p.zone.area(),
		"LogPacketName": p.name(),
		"Url":           strings.TrimRight(h.cfg.BaseURL(), "/") + p.path(),
		"LogTime":       p.hour.Unix(),
		"LogStartTime":  isoTime(p.hour),
		"LogEndTime":    isoTime(p.hour.Add(time.Hour)),
		"Size":          h.packageSize(p),
	}
	if p.kind == "l4" && h.cfg.Semantics.L4SizeOriginal {
		// One vendor model calls the L4 Size the original size; by default
		// it is the size of the .gz (edgeone-logs.md §11, UNCONFIRMED).
		out["Size"] = int64(len(p.text()))
	}
	if p.kind == "l4" {
		out["ProxyId"] = p.subject
	} else {
		out["Domain"] = p.subject
	}
	return out
}
