package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

const lintTask = `version: 1
deliveryTasks:
  - name: %NAME%
    zoneId: zone-2z55fgysdtmc
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID]
    %EXTRA%
    logFormat: {formatType: json}
    cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}
`

// TestLintFindings runs the loader and the built-in policies on small
// documents and checks which findings come out: loader diagnostics become
// findings with their hint, and a policy finding at the key of a schema
// finding is dropped while the others stay.
func TestLintFindings(t *testing.T) {
	eng, err := policy.New(context.Background(), policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type brief struct{ Rule, Path, Pos, Kind, Name string }
	cases := []struct {
		name, taskName, extra string
		want                  []brief
		wantHint              map[string]string // rule → hint substring
	}{
		{name: "clean", taskName: "ok", extra: "sample: 500"},
		{name: "type error hides the range check on the same key", taskName: "ok", extra: "sample: high",
			want:     []brief{{"schema.type", "deliveryTasks[0].sample", "t.yaml:10:5", "deliveryTask", "ok"}},
			wantHint: map[string]string{"schema.type": "whole number"}},
		{name: "range check alone", taskName: "ok", extra: "sample: 0",
			want: []brief{{"teo.sample-range", "deliveryTasks[0].sample", "t.yaml:10:5", "deliveryTask", "ok"}}},
		{name: "unknown key and an unrelated policy finding", taskName: "bad name!", extra: "sampel: 5",
			want: []brief{
				{"teo.name-format", "deliveryTasks[0].name", "t.yaml:3:5", "deliveryTask", "bad name!"},
				{"schema.unknown-key", "deliveryTasks[0].sampel", "t.yaml:10:5", "deliveryTask", "bad name!"},
			},
			wantHint: map[string]string{"schema.unknown-key": "did you mean \"sample\"?"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.NewReplacer("%NAME%", tc.taskName, "%EXTRA%", tc.extra).Replace(lintTask)
			doc, diags := spec.ParseBytes("t.yaml", []byte(src))
			fs, err := lintFindings(eng, doc, diags)
			if err != nil {
				t.Fatal(err)
			}
			var got []brief
			for _, f := range fs {
				got = append(got, brief{f.Rule, f.Path, f.Pos.String(), string(f.Kind), f.Name})
				if sub, ok := tc.wantHint[f.Rule]; ok && !strings.Contains(f.Hint, sub) {
					t.Errorf("%s hint %q does not contain %q", f.Rule, f.Hint, sub)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiagnosticFinding(t *testing.T) {
	d := spec.Diagnostic{Rule: "schema.empty-file", Severity: spec.SeverityError, Summary: "file is empty",
		Detail: "add 'version: 1'", Pos: spec.Pos{File: "e.yaml"}}
	doc, _ := spec.ParseBytes("x.yaml", []byte("version: 1\n"))
	got := diagnosticFinding(doc, d)
	want := policy.Finding{Rule: "schema.empty-file", Severity: policy.SeverityError,
		Message: "file is empty", Hint: "add 'version: 1'", Pos: spec.Pos{File: "e.yaml"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnosticFinding (-want +got):\n%s", diff)
	}
}

// lintFindings is what lint reports for doc, without live state.
func lintFindings(eng *policy.Engine, doc *spec.Document, diags spec.Diagnostics) ([]policy.Finding, error) {
	ev, err := eng.Prepare(doc)
	if err != nil {
		return nil, err
	}
	return findings(context.Background(), ev, doc, diags, nil)
}
