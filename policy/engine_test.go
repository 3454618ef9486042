package policy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/spec"
)

// parse loads one YAML document; it must load without schema errors.
func parse(t *testing.T, yaml string) *spec.Document {
	t.Helper()
	doc, diags := spec.ParseBytes("logs.yaml", []byte(yaml))
	if diags.HasErrors() {
		t.Fatalf("fixture does not load: %v", diags)
	}
	return doc
}

// newEngine compiles the built-in policies plus the given user directories.
func newEngine(t *testing.T, dirs ...string) *Engine {
	t.Helper()
	e, err := New(context.Background(), Options{UserDirs: dirs})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// writeFiles creates a directory holding the given files.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// brief is the part of a finding the table tests compare.
type brief struct {
	Rule, Pos, Kind, Name, Path string
	Severity                    Severity
	Waived                      bool
}

func briefs(fs []Finding) []brief {
	out := make([]brief, 0, len(fs))
	for _, f := range fs {
		out = append(out, brief{f.Rule, f.Pos.String(), string(f.Kind), f.Name, f.Path, f.Severity, f.Waived})
	}
	return out
}

const twoTasks = `version: 1
deliveryTasks:
  - name: legacy
    zoneId: zone-000000000001
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [a.example.com]
    fields: [RequestID]
    sample: 0
    cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}
  - name: fresh
    zoneId: zone-000000000001
    type: cls
    logType: domain
    area: mainland
    entities: [b.example.com]
    fields: [RequestID, Bogus]
    sample: 2000
    cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}
`

func TestEvalPlacesAndSortsFindings(t *testing.T) {
	got, err := newEngine(t).Eval(context.Background(), parse(t, twoTasks), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []brief{
		{"teo.sample-range", "logs.yaml:10:5", "deliveryTask", "legacy", "deliveryTasks[0].sample", SeverityError, false},
		{"teo.log-type-legacy", "logs.yaml:15:5", "deliveryTask", "fresh", "deliveryTasks[1].logType", SeverityWarning, false},
		{"teo.unknown-field", "logs.yaml:18:25", "deliveryTask", "fresh", "deliveryTasks[1].fields[1]", SeverityError, false},
		{"teo.sample-range", "logs.yaml:19:5", "deliveryTask", "fresh", "deliveryTasks[1].sample", SeverityError, false},
	}
	if diff := cmp.Diff(want, briefs(got)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestEvalCleanDocument(t *testing.T) {
	doc := parse(t, `version: 1
exports:
  - {name: e, region: ap-guangzhou, topicId: t, query: "status:200", count: 10, from: 2020-12-09T07:31:47Z, to: 1607499207000}
`)
	got, err := newEngine(t).Eval(context.Background(), doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("want no findings, got %+v", got)
	}
}

func TestEvalLiveState(t *testing.T) {
	doc := parse(t, twoTasks)
	live := map[string]any{"deliveryTasks": []any{
		// The live twin of a declared task is that task, not a rival ...
		map[string]any{"name": "legacy", "zoneId": "zone-000000000001", "type": "cls", "logType": "l7-access-logs", "area": "mainland", "entities": []any{"a.example.com"}},
		// ... but an undeclared task on the same entity is.
		map[string]any{"name": "console", "zoneId": "zone-000000000001", "type": "cls", "logType": "l7-access-logs", "area": "mainland", "entities": []any{"b.example.com"}},
	}}
	e := newEngine(t)
	got, err := e.Eval(context.Background(), doc, live)
	if err != nil {
		t.Fatal(err)
	}
	var unique []brief
	for _, b := range briefs(got) {
		if b.Rule == "teo.entity-unique" {
			unique = append(unique, b)
		}
	}
	want := []brief{{"teo.entity-unique", "logs.yaml:17:16", "deliveryTask", "fresh", "deliveryTasks[1].entities[0]", SeverityError, false}}
	if diff := cmp.Diff(want, unique); diff != "" {
		t.Errorf("uniqueness findings (-want +got):\n%s", diff)
	}
	// The live state lives in a transaction that is thrown away.
	again, err := e.Eval(context.Background(), doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again {
		if f.Rule == "teo.entity-unique" {
			t.Errorf("live state leaked into the next evaluation: %+v", f)
		}
	}
}

func TestUserPolicyAndData(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"acme/naming.rego": `package logctl.acme

# METADATA
# title: Task names start with the team prefix
# custom:
#   id: acme.task-prefix
#   severity: error
#   source: ACME logging standard
deny_task_prefix contains f if {
	some i, t in input.deliveryTasks
	not startswith(t.name, "acme_")
	f := {"msg": sprintf("task %q lacks the acme_ prefix", [t.name]), "rule": "acme.task-prefix", "path": sprintf("deliveryTasks[%d].name", [i])}
}

# A plain conftest rule: a string result, no path.
warn contains "acme reviews every logging change"
`,
		"fields.yaml": "logctl:\n  fields:\n    l7-access-logs: [Bogus]\n",
	})
	e := newEngine(t, dir)
	got, err := e.Eval(context.Background(), parse(t, twoTasks), nil)
	if err != nil {
		t.Fatal(err)
	}
	var meta *RuleMeta
	for _, m := range e.Rules() {
		if m.ID == "acme.task-prefix" {
			meta = &m
		}
	}
	if meta == nil || meta.Builtin || meta.Title != "Task names start with the team prefix" || meta.Source != "ACME logging standard" {
		t.Errorf("user rule metadata: %+v", meta)
	}
	want := []brief{
		{"acme", "logs.yaml", "", "", "", SeverityWarning, false},
		{"acme.task-prefix", "logs.yaml:3:5", "deliveryTask", "legacy", "deliveryTasks[0].name", SeverityError, false},
		{"teo.sample-range", "logs.yaml:10:5", "deliveryTask", "legacy", "deliveryTasks[0].sample", SeverityError, false},
		{"acme.task-prefix", "logs.yaml:12:5", "deliveryTask", "fresh", "deliveryTasks[1].name", SeverityError, false},
		{"teo.log-type-legacy", "logs.yaml:15:5", "deliveryTask", "fresh", "deliveryTasks[1].logType", SeverityWarning, false},
		{"teo.sample-range", "logs.yaml:19:5", "deliveryTask", "fresh", "deliveryTasks[1].sample", SeverityError, false},
	}
	if diff := cmp.Diff(want, briefs(got)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestExceptionsWaivePerResource(t *testing.T) {
	dir := writeFiles(t, map[string]string{"waivers.rego": `package logctl.teo

# The legacy task samples nothing until it is retired.
exception contains rules if {
	some t in input.deliveryTasks
	t.name == "legacy"
	rules := ["sample_range"]
}
`})
	got, err := newEngine(t, dir).Eval(context.Background(), parse(t, twoTasks), nil)
	if err != nil {
		t.Fatal(err)
	}
	var sample []Finding
	for _, f := range got {
		if f.Rule == "teo.sample-range" {
			sample = append(sample, f)
		}
	}
	if len(sample) != 2 {
		t.Fatalf("want both sample findings, waived or not, got %+v", sample)
	}
	if !sample[0].Waived || sample[0].Name != "legacy" {
		t.Errorf("the legacy task's finding is not waived: %+v", sample[0])
	}
	if !strings.Contains(sample[0].WaivedBy, "data.logctl.teo.exception") || !strings.Contains(sample[0].WaivedBy, "waivers.rego:4") {
		t.Errorf("WaivedBy does not name the exception: %q", sample[0].WaivedBy)
	}
	if sample[1].Waived {
		t.Errorf("the exception leaked to another task: %+v", sample[1])
	}
}

func TestCompileErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"syntax", "package logctl.bad\n\ndeny contains f if {\n\tf := \n}\n", "bad.rego:5"},
		{"unsafe variable", "package logctl.bad\n\ndeny contains f if {\n\tx == 1\n\tf := \"m\"\n}\n", "bad.rego:4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"bad.rego": tc.body})
			_, err := New(context.Background(), Options{UserDirs: []string{dir}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error naming %s, got %v", tc.want, err)
			}
		})
	}
}

func TestEvalConcurrently(t *testing.T) {
	e := newEngine(t)
	doc := parse(t, twoTasks)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if fs, err := e.Eval(context.Background(), doc, nil); err != nil || len(fs) != 4 {
				t.Errorf("concurrent eval: %d findings, %v", len(fs), err)
			}
		}()
	}
	wg.Wait()
}
