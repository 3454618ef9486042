package tencent

import (
	"slices"
	"strings"
)

// DescribeRealtimeLogDeliveryTasks (edgeone-logs.md §5): filters task-id,
// task-name (fuzzy allowed), entity-list and task-type; Offset/Limit with
// Limit at most 1000; TotalCount of every match.

func (h *Handler) describeTasks(c *call) (map[string]any, *apiError) {
	var req describeTasksRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	if req.ZoneId == nil {
		return nil, missing("ZoneId")
	}
	if h.cfg.World.zone(*req.ZoneId) == nil {
		return nil, errf(codeResourceNotFound, "The zone %s does not exist.", *req.ZoneId)
	}
	offset, limit, aerr := page(req.Offset, req.Limit, defaultDescribeLim, maxDescribeLimit)
	if aerr != nil {
		return nil, aerr
	}
	match, aerr := taskFilter(req.Filters)
	if aerr != nil {
		return nil, aerr
	}
	if h.settle(c.now) {
		if aerr := h.commit(); aerr != nil {
			return nil, aerr
		}
	}
	var all []*Task
	for _, t := range h.laggedTasks(*req.ZoneId, c.now) {
		if match(t) {
			all = append(all, t)
		}
	}
	out := []taskWire{}
	for i := offset; i < len(all) && i < offset+limit; i++ {
		out = append(out, h.wireOf(all[i]))
	}
	return map[string]any{"TotalCount": len(all), "RealtimeLogDeliveryTasks": out}, nil
}

// page validates Offset/Limit: Offset >= 0, Limit 1..max (absent or 0 =
// the default).
func page(off, lim *int64, def, max int) (int, int, *apiError) {
	offset, limit := 0, def
	if off != nil {
		if *off < 0 {
			return 0, 0, errf(codeInvalidParameterValue, "Offset must be >= 0, got %d.", *off)
		}
		offset = int(*off)
	}
	if lim != nil && *lim != 0 {
		if *lim < 0 || *lim > int64(max) {
			return 0, 0, errf(codeInvalidParameterValue, "Limit must be between 1 and %d, got %d.", max, *lim)
		}
		limit = int(*lim)
	}
	return offset, limit, nil
}

// taskFilter builds the Describe filter: AND between filters, OR between
// the values of one filter.
func taskFilter(filters []AdvancedFilter) (func(*Task) bool, *apiError) {
	var preds []func(*Task) bool
	for i, f := range filters {
		if f.Name == nil {
			return nil, missing("Filters." + itoa(i) + ".Name")
		}
		if len(f.Values) == 0 {
			return nil, missing("Filters." + itoa(i) + ".Values")
		}
		if len(f.Values) > maxFilterValues {
			return nil, errf(codeInvalidParameterValue, "Filters.%d.Values holds %d values: at most %d.", i, len(f.Values), maxFilterValues)
		}
		fuzzy := f.Fuzzy != nil && *f.Fuzzy
		if fuzzy && *f.Name != "task-name" {
			return nil, errf(codeInvalidParameterValue, "Filters.%d: fuzzy matching is supported only for task-name.", i)
		}
		if fuzzy && len(f.Values) != 1 {
			return nil, errf(codeInvalidParameterValue, "Filters.%d: a fuzzy task-name filter takes exactly one value.", i)
		}
		values := slices.Clone(f.Values)
		var p func(*Task) bool
		switch *f.Name {
		case "task-id":
			p = func(t *Task) bool { return slices.Contains(values, t.TaskId) }
		case "task-name":
			p = func(t *Task) bool {
				if fuzzy {
					return strings.Contains(t.TaskName, values[0])
				}
				return slices.Contains(values, t.TaskName)
			}
		case "entity-list":
			p = func(t *Task) bool {
				return slices.ContainsFunc(t.EntityList, func(e string) bool { return slices.Contains(values, e) })
			}
		case "task-type":
			p = func(t *Task) bool { return slices.Contains(values, t.TaskType) }
		default:
			return nil, errf(codeInvalidParameterValue, "Filters.%d.Name %q is invalid: use task-id, task-name, entity-list or task-type.", i, *f.Name)
		}
		preds = append(preds, p)
	}
	return func(t *Task) bool {
		for _, p := range preds {
			if !p(t) {
				return false
			}
		}
		return true
	}, nil
}
