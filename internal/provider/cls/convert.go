package cls

import (
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/spec"
)

// exportFromWire converts an export as DescribeExports returns it. An
// export has no name (the spec's name is a logctl-side label) and no
// region on the wire: region is the one the list was read in. From and To
// stay epoch milliseconds (cls-export.md §2); the diff compares instants.
func exportFromWire(region string, w *ExportInfo) spec.Export {
	count := int64(w.Count)
	rule := int64(w.SyntaxRule)
	return spec.Export{
		Region: region, TopicID: w.TopicId, Query: w.Query, Count: &count,
		From: spec.TimestampFromMillis(w.From), To: spec.TimestampFromMillis(w.To),
		Order: w.Order, Format: w.Format, SyntaxRule: &rule, DerivedFields: w.DerivedFields,
	}
}

// createRequest builds CreateExport's input with every parameter the spec
// sets (cls-export.md §2); unset optional ones are left to the service's
// defaults (Order desc, Format json, SyntaxRule 0 Lucene).
func createRequest(e *spec.Export) (*CreateExportRequest, error) {
	switch {
	case e.TopicID == "" || e.Query == "":
		return nil, fmt.Errorf("export needs a topicId and a query: %w", apierr.ErrInvalid)
	case e.Count == nil || *e.Count < 1 || *e.Count > MaxCount:
		return nil, fmt.Errorf("export count must be 1..%d: %w", MaxCount, apierr.ErrInvalid)
	case !e.From.Set || !e.To.Set:
		return nil, fmt.Errorf("export needs from and to: %w", apierr.ErrInvalid)
	case e.SyntaxRule != nil && (*e.SyntaxRule < 0 || *e.SyntaxRule > 1):
		return nil, fmt.Errorf("export syntaxRule must be 0 (Lucene) or 1 (CQL): %w", apierr.ErrInvalid)
	}
	req := &CreateExportRequest{
		TopicId: e.TopicID, Count: uint64(*e.Count), Query: e.Query, From: e.From.Millis, To: e.To.Millis,
		Order: optional(e.Order), Format: optional(e.Format), DerivedFields: e.DerivedFields,
	}
	if e.SyntaxRule != nil {
		rule := uint64(*e.SyntaxRule)
		req.SyntaxRule = &rule
	}
	return req, nil
}

// optional sends a string only when set.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
