package diff

import (
	"slices"
	"strings"

	"github.com/logctl/logctl/spec"
)

// legacyLogTypes maps the pre-2026 names that Describe still returns for old
// tasks to the current ones (edgeone-logs.md §6): `domain` became
// `l7-access-logs`. The web-* security names stay distinct log types.
var legacyLogTypes = map[string]string{"domain": "l7-access-logs"}

// NormalizeTask returns the canonical form of a delivery task: the one step
// both desired and live go through before they are compared.
func NormalizeTask(t spec.DeliveryTask) spec.DeliveryTask {
	if v, ok := legacyLogTypes[t.LogType]; ok {
		t.LogType = v
	}
	// edgeone-logs.md §2, §10: Sample omitted means 100%, and Describe
	// returns 0 for "not set".
	if t.Sample == nil || *t.Sample == 0 {
		t.Sample = ptr(int64(1000))
	}
	if t.Enabled == nil {
		t.Enabled = ptr(true)
	}
	t.Entities = sortedSet(t.Entities)
	t.Fields = emptyToNil(t.Fields)
	t.CustomFields = normalizeCustomFields(t.CustomFields)
	if len(t.DeliveryConditions) == 0 {
		t.DeliveryConditions = nil
	}
	// §2: for cls and log_analysis only FormatType json is allowed and the
	// other members are ignored, so json and "default" are the same.
	if t.Type == "cls" || t.Type == "log_analysis" {
		if t.LogFormat != nil && t.LogFormat.FormatType == "json" {
			t.LogFormat = nil
		}
	}
	// A Modify writes the default format out (DefaultLogFormat): it reads
	// back as that explicit format, which means the default.
	if d := DefaultLogFormat(t.Type); d != nil && t.LogFormat != nil && *t.LogFormat == *d {
		t.LogFormat = nil
	}
	if ce := t.CustomEndpoint; ce != nil {
		c := *ce
		// §6: Protocol omitted = derived from the URL scheme.
		if c.Protocol == "" {
			if i := strings.Index(c.URL, "://"); i > 0 {
				c.Protocol = strings.ToLower(c.URL[:i])
			}
		}
		c.Headers = normalizeHeaders(c.Headers)
		t.CustomEndpoint = &c
	}
	return t
}

// DefaultLogFormat is the documented default format of custom_endpoint
// and s3 tasks written out (edgeone-logs.md §2: "omitted = default
// (custom_endpoint: JSON array of objects per batch; s3: JSON Lines)"),
// or nil for other task types, where only json exists. A Modify sends it
// instead of omitting LogFormat: whether an omitted LogFormat resets to
// the default (the Modify doc) or keeps the old format (the SDK model
// texts) is UNCONFIRMED (§3), and the explicit value means the same under
// both readings.
func DefaultLogFormat(taskType string) *spec.LogFormat {
	switch taskType {
	case "custom_endpoint":
		return &spec.LogFormat{FormatType: "json", BatchPrefix: "[", BatchSuffix: "]", RecordDelimiter: ","}
	case "s3":
		return &spec.LogFormat{FormatType: "json", RecordDelimiter: "\n"}
	}
	return nil
}

func normalizeCustomFields(in []spec.CustomField) []spec.CustomField {
	if len(in) == 0 {
		return nil
	}
	out := make([]spec.CustomField, len(in))
	for i, f := range in {
		// §7: Enabled omitted = field not delivered.
		if f.Enabled == nil {
			f.Enabled = ptr(false)
		}
		out[i] = f
	}
	return out
}

func normalizeHeaders(in []spec.Header) []spec.Header {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b spec.Header) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// NormalizeExport returns the canonical form of an export (cls-export.md §2
// defaults: Order desc, Format json, SyntaxRule 0).
func NormalizeExport(e spec.Export) spec.Export {
	if e.Order == "" {
		e.Order = "desc"
	}
	if e.Format == "" {
		e.Format = "json"
	}
	if e.SyntaxRule == nil {
		e.SyntaxRule = ptr(int64(0))
	}
	e.DerivedFields = emptyToNil(e.DerivedFields)
	return e
}

// NormalizeDump returns the canonical form of a dump: RAW and enabled by
// default (huawei-lts-transfer.md §4), streams as a set.
func NormalizeDump(d spec.Dump) spec.Dump {
	if d.StorageFormat == "" {
		d.StorageFormat = "RAW"
	}
	if d.Enabled == nil {
		d.Enabled = ptr(true)
	}
	d.LogStreamIDs = sortedSet(d.LogStreamIDs)
	return d
}

func sortedSet(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}

func emptyToNil[T any](in []T) []T {
	if len(in) == 0 {
		return nil
	}
	return in
}

func ptr[T any](v T) *T { return &v }
