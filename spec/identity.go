package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// Key is the identity of a delivery task: (zoneId, name) — design §3.
func (t *DeliveryTask) Key() string { return t.ZoneID + "/" + t.Name }

// Key is the identity of an export: every field that defines the job, since
// CLS exports are immutable (cls-export.md §5). Order and format defaults are
// applied so that "omitted" and "desc"/"json" are the same export.
func (e *Export) Key() string {
	count := ""
	if e.Count != nil {
		count = strconv.FormatInt(*e.Count, 10)
	}
	return strings.Join([]string{e.Region, e.TopicID, strconv.FormatInt(e.From.Millis, 10),
		strconv.FormatInt(e.To.Millis, 10), count, orDefault(e.Order, "desc"), orDefault(e.Format, "json"),
		e.Query}, "/")
}

// Key is the identity of a dump: (region, projectId, logGroupId, bucket).
func (d *Dump) Key() string {
	return strings.Join([]string{d.Region, d.ProjectID, d.LogGroupID, d.Bucket}, "/")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkDuplicates reports resources declared twice, naming both places.
// Exports and dumps are also checked by name, their logctl-side label.
func (doc *Document) checkDuplicates() Diagnostics {
	var diags Diagnostics
	// what describes the resource; it is called only for a duplicate, not
	// for each of 100,000 resources.
	dup := func(list string, seen map[string]int, key string, i int, what func() string) bool {
		if key == "" {
			return false
		}
		if j, ok := seen[key]; ok {
			first := doc.Locate(fmt.Sprintf("%s[%d]", list, j))
			path := fmt.Sprintf("%s[%d]", list, i)
			diags = append(diags, Diagnostic{Rule: "schema.duplicate", Severity: SeverityError,
				Summary: fmt.Sprintf("%s is declared twice: here and at %s", what(), first),
				Detail:  "each resource must be declared once across all files; remove or rename one",
				Pos:     doc.Locate(path), Path: path})
			return true
		}
		seen[key] = i
		return false
	}
	seen := map[string]int{}
	for i := range doc.DeliveryTasks {
		t := &doc.DeliveryTasks[i]
		if t.Name != "" && t.ZoneID != "" {
			dup("deliveryTasks", seen, t.Key(), i, func() string { return fmt.Sprintf("delivery task %q in zone %s", t.Name, t.ZoneID) })
		}
	}
	byKey, byName := map[string]int{}, map[string]int{}
	for i := range doc.Exports {
		e := &doc.Exports[i]
		if !dup("exports", byName, e.Name, i, func() string { return fmt.Sprintf("export name %q", e.Name) }) && e.Name != "" {
			dup("exports", byKey, e.Key(), i, func() string {
				return fmt.Sprintf("export %q (same topic, query, window, count, order and format)", e.Name)
			})
		}
	}
	byKey, byName = map[string]int{}, map[string]int{}
	for i := range doc.Dumps {
		d := &doc.Dumps[i]
		if !dup("dumps", byName, d.Name, i, func() string { return fmt.Sprintf("dump name %q", d.Name) }) && d.Name != "" && d.LogGroupID != "" {
			dup("dumps", byKey, d.Key(), i, func() string { return fmt.Sprintf("dump %q (same project, log group and bucket)", d.Name) })
		}
	}
	return diags
}
