package diff

import (
	"slices"

	"github.com/logctl/logctl/spec"
)

// ReplaceOrder says how a replace is carried out.
type ReplaceOrder string

// The two ways of replacing a resource.
const (
	// CreateThenDelete keeps delivering during the replace: the new
	// resource exists before the old one goes.
	CreateThenDelete ReplaceOrder = "create-then-delete"
	// DeleteThenCreate is needed when the vendor's uniqueness rules do not
	// allow old and new to exist at once; delivery pauses in between.
	DeleteThenCreate ReplaceOrder = "delete-then-create"
)

// securityLogTypes allow one task in total per (entity, LogType, Area)
// (edgeone-logs.md §8).
var securityLogTypes = map[string]bool{"web-rateLiming": true, "web-attack": true, "web-rule": true, "web-bot": true}

// TasksConflict reports whether two delivery tasks cannot exist at the same
// time under the uniqueness rules of edgeone-logs.md §8: per (entity,
// LogType, Area) at most one cls task plus one custom_endpoint or one s3
// task; one task in total for the security log types; and one log_analysis
// task per (zone, area, LogType).
func TasksConflict(a, b spec.DeliveryTask) bool {
	a, b = NormalizeTask(a), NormalizeTask(b)
	if a.ZoneID != b.ZoneID || a.LogType != b.LogType || a.Area != b.Area {
		return false
	}
	if a.Type == "log_analysis" && b.Type == "log_analysis" {
		return true
	}
	shared := false
	for _, e := range a.Entities {
		if slices.Contains(b.Entities, e) {
			shared = true
			break
		}
	}
	if !shared {
		return false
	}
	if securityLogTypes[a.LogType] || a.Type == b.Type {
		return true
	}
	pair := map[string]bool{a.Type: true, b.Type: true}
	return pair["custom_endpoint"] && pair["s3"]
}
