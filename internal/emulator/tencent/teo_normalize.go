package tencent

import (
	"encoding/json"
	"strconv"
)

// How stored tasks are shaped for read-back: every member present, so
// Describe answers like the vendor's example (empty strings and lists,
// Enabled false when omitted).

func cloneTask(t *Task) *Task {
	b, _ := json.Marshal(t)
	var c Task
	_ = json.Unmarshal(b, &c)
	return &c
}

func itoa(i int) string { return strconv.Itoa(i) }

func str(s string) *string { return &s }

func strOr(p *string) *string {
	if p == nil {
		return str("")
	}
	return p
}

func normalizeCustomFields(in []CustomField) []CustomField {
	out := make([]CustomField, len(in))
	for i, f := range in {
		out[i] = f
		if f.Enabled == nil {
			out[i].Enabled = new(bool)
		}
	}
	return out
}

func normalizeExpressionFields(in []CustomExpressionField) []CustomExpressionField {
	out := make([]CustomExpressionField, len(in))
	for i, f := range in {
		out[i] = f
		if f.Enabled == nil {
			out[i].Enabled = new(bool)
		}
	}
	return out
}

// normalizeLogFormat stores a format with every member present; for cls
// and log_analysis only FormatType counts (the others are ignored).
func normalizeLogFormat(taskType string, f *LogFormat) *LogFormat {
	if f == nil {
		return nil
	}
	if taskType == "cls" || taskType == "log_analysis" {
		f = &LogFormat{FormatType: f.FormatType}
	}
	return &LogFormat{
		FormatType: f.FormatType, BatchPrefix: strOr(f.BatchPrefix), BatchSuffix: strOr(f.BatchSuffix),
		RecordPrefix: strOr(f.RecordPrefix), RecordSuffix: strOr(f.RecordSuffix), RecordTemplate: strOr(f.RecordTemplate),
		RecordDelimiter: strOr(f.RecordDelimiter), FieldDelimiter: strOr(f.FieldDelimiter),
	}
}

// normalizeEndpoint stores a custom endpoint with every member present.
// AccessKey is kept and returned as sent: no doc says it is masked, and
// Terraform's import test reads it back unchanged (edgeone-logs.md §10).
func normalizeEndpoint(e *CustomEndpoint) *CustomEndpoint {
	return &CustomEndpoint{
		Url: e.Url, AccessId: strOr(e.AccessId), AccessKey: strOr(e.AccessKey),
		CompressType: strOr(e.CompressType), Protocol: strOr(e.Protocol), Headers: nonNil(e.Headers),
	}
}

func normalizeS3(s *S3) *S3 {
	return &S3{
		Endpoint: s.Endpoint, Region: s.Region, Bucket: s.Bucket,
		AccessId: s.AccessId, AccessKey: s.AccessKey, CompressType: strOr(s.CompressType),
	}
}
