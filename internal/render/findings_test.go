package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixtureFindings has what every format must handle: errors and warnings
// in two files, a schema finding at a key, a file-level finding without a
// line, a waived finding, and a message with characters that need escaping.
// It is deliberately out of order: the renderers sort.
func fixtureFindings() []policy.Finding {
	return []policy.Finding{
		{Rule: "teo.sample-range", Severity: policy.SeverityError, Message: "sample must be 1..1000 permille, got 0",
			Pos: spec.Pos{File: "logs/edgeone.yaml", Line: 14, Column: 5}, Kind: spec.KindDeliveryTask,
			Name: "access-to-cls", Path: "deliveryTasks[0].sample"},
		{Rule: "schema.unknown-key", Severity: policy.SeverityError, Message: "unknown key \"smaple\" in a delivery task", Hint: "did you mean \"sample\"?",
			Pos: spec.Pos{File: "logs/edgeone.yaml", Line: 9, Column: 5}, Kind: spec.KindDeliveryTask,
			Name: "access-to-cls", Path: "deliveryTasks[0].smaple"},
		{Rule: "teo.http-endpoint", Severity: policy.SeverityWarning,
			Message: "endpoint uses http://, 100% of logs travel unencrypted;\nuse https://",
			Pos:     spec.Pos{File: "logs/edgeone.yaml", Line: 31, Column: 7}, Kind: spec.KindDeliveryTask,
			Name: "to-endpoint", Path: "deliveryTasks[1].customEndpoint.url"},
		{Rule: "teo.legacy-log-type", Severity: policy.SeverityWarning, Message: `logType "domain" is a legacy name; use "l7-access-logs"`,
			Pos: spec.Pos{File: "logs/edgeone.yaml", Line: 27, Column: 5}, Kind: spec.KindDeliveryTask,
			Name: "to-endpoint", Path: "deliveryTasks[1].logType", Waived: true,
			WaivedBy: "data.logctl.teo.exception (policies/waivers.rego:4)"},
		{Rule: "schema.empty-file", Severity: policy.SeverityError, Message: "file is empty", Hint: "add 'version: 1' and resources, or delete the file",
			Pos: spec.Pos{File: "logs/empty.yaml"}},
		{Rule: "lts.period", Severity: policy.SeverityError, Message: `period "10min" is not one of 2min, 5min, 30min, 1hour, 3hour, 6hour, 12hour`,
			Pos: spec.Pos{File: "logs/a dir/lts.yaml", Line: 6, Column: 5}, Kind: spec.KindDump,
			Name: "app-logs", Path: "dumps[0].period"},
	}
}

func fixtureRules() []policy.RuleMeta {
	return []policy.RuleMeta{
		{ID: "teo.sample-range", Title: "Sample is a permille in 1..1000", Severity: policy.SeverityError,
			Source: "edgeone-logs.md §4 Sample", URL: "https://www.tencentcloud.com/document/product/1145/57734",
			Package: "logctl.teo", Name: "deny_sample_range", Builtin: true},
		{ID: "teo.http-endpoint", Title: "Custom endpoints should use HTTPS", Severity: policy.SeverityWarning,
			Description: "Logs sent over plain HTTP can be read on the way.", Source: "edgeone-logs.md §6",
			Package: "logctl.teo", Name: "warn_http_endpoint", Builtin: true},
		{ID: "teo.legacy-log-type", Title: "Legacy LogType names", Severity: policy.SeverityWarning,
			URL: "not a uri", Package: "logctl.teo", Name: "warn_legacy_log_type", Builtin: true},
		{ID: "lts.period", Title: "Transfer period", Severity: policy.SeverityError, Package: "logctl.lts",
			Name: "deny_period", Builtin: true},
	}
}

func fixtureOptions() FindingOptions {
	return FindingOptions{Files: 4, Rules: fixtureRules(), ToolVersion: "v0.0.0-test"}
}

func TestFindingsGolden(t *testing.T) {
	cases := []struct {
		name   string
		format string
		opts   func(*FindingOptions)
	}{
		{name: "text", format: "text"},
		{name: "text-color", format: "text", opts: func(o *FindingOptions) { o.Color = true }},
		{name: "json", format: "json"},
		{name: "github", format: "github"},
		{name: "sarif", format: "sarif"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := fixtureOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			var buf bytes.Buffer
			if err := Findings(&buf, tc.format, fixtureFindings(), opts); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "findings."+tc.name+".golden"), buf.Bytes())
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestFindingsUnknownFormat(t *testing.T) {
	err := Findings(&bytes.Buffer{}, "xml", nil, FindingOptions{})
	if err == nil {
		t.Fatal("want an error for an unknown format")
	}
	for _, name := range FindingFormats() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list format %q", err, name)
		}
	}
}

func TestFindingFormats(t *testing.T) {
	want := []string{"text", "github", "json", "sarif"}
	if diff := cmp.Diff(want, FindingFormats()); diff != "" {
		t.Errorf("FindingFormats (-want +got):\n%s", diff)
	}
	for _, name := range FindingFormats() {
		if err := Findings(&bytes.Buffer{}, name, fixtureFindings(), fixtureOptions()); err != nil {
			t.Errorf("format %q: %v", name, err)
		}
	}
}

func TestFindingsDoesNotReorderInput(t *testing.T) {
	in := fixtureFindings()
	before := append([]policy.Finding(nil), in...)
	if err := Findings(&bytes.Buffer{}, "text", in, FindingOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, in); diff != "" {
		t.Errorf("input slice changed (-before +after):\n%s", diff)
	}
}

func TestSummaryLine(t *testing.T) {
	cases := []struct {
		name  string
		c     FindingCounts
		files int
		want  string
	}{
		{name: "clean", c: FindingCounts{}, files: 4, want: "0 errors, 0 warnings in 4 files"},
		{name: "singular", c: FindingCounts{Errors: 1, Warnings: 1, Files: 1}, want: "1 error, 1 warning in 1 file"},
		{name: "waived", c: FindingCounts{Errors: 2, Warnings: 3, Waived: 1, Files: 2}, files: 5,
			want: "2 errors, 3 warnings (1 waived) in 5 files"},
		{name: "files from findings", c: FindingCounts{Errors: 2, Files: 2}, want: "2 errors, 0 warnings in 2 files"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := summaryLine(tc.c, tc.files); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCountFindings(t *testing.T) {
	got := CountFindings(fixtureFindings())
	want := FindingCounts{Errors: 4, Warnings: 1, Waived: 1, Files: 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountFindings (-want +got):\n%s", diff)
	}
}

// TestJSONShape pins the keys of design §5: every finding has exactly the
// nine contract keys, plus hint when it has one and waived/waivedBy only on
// a waived finding.
func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Findings(&buf, "json", fixtureFindings(), FindingOptions{}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		FormatVersion string           `json:"formatVersion"`
		Findings      []map[string]any `json:"findings"`
		Summary       map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	base := []string{"column", "file", "kind", "line", "message", "name", "path", "rule", "severity"}
	for i, f := range out.Findings {
		want := slices.Clone(base)
		if f["hint"] != nil {
			want = append(want, "hint")
		}
		if f["waived"] == true {
			want = append(want, "waived", "waivedBy")
		}
		slices.Sort(want)
		if diff := cmp.Diff(want, slices.Sorted(maps.Keys(f))); diff != "" {
			t.Errorf("finding %d keys (-want +got):\n%s", i, diff)
		}
	}
	if out.FormatVersion != FindingsFormatVersion {
		t.Errorf("formatVersion = %q", out.FormatVersion)
	}
	if diff := cmp.Diff(map[string]int{"errors": 4, "warnings": 1}, out.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

func TestJSONEmptyIsList(t *testing.T) {
	var buf bytes.Buffer
	if err := Findings(&buf, "json", nil, FindingOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("no findings must print an empty list, got:\n%s", buf.String())
	}
}
