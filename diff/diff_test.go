package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/logctl/logctl/spec"
)

var update = flag.Bool("update", false, "rewrite golden files")

// env is the environment of the golden cases: secrets resolve from here.
var env = map[string]string{"EP_KEY": "key-v1", "EP_ID": "id-1", "TOKEN": "tok-1", "S3_ID": "s3id", "S3_KEY": "s3key"}

func lookup(k string) (string, bool) { v, ok := env[k]; return v, ok }

// TestGolden runs every testdata/<case>/{desired.yaml,live.json} pair and
// compares the plan with plan.golden.json (rewritten by -update).
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*")
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, diags, err := spec.Load([]string{filepath.Join(dir, "desired.yaml")})
			if err != nil || diags.HasErrors() {
				t.Fatalf("load: %v %v", err, diags)
			}
			desired, diags := raw.Resolve(lookup)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var live Live
			b, err := os.ReadFile(filepath.Join(dir, "live.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &live); err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(Compute(desired, raw, &live), "", "  ")
			got = append(got, '\n')
			golden := filepath.Join(dir, "plan.golden.json")
			if *update {
				os.WriteFile(golden, got, 0o644)
			}
			want, _ := os.ReadFile(golden)
			if !bytes.Equal(got, want) {
				t.Errorf("plan differs from %s (run with -update):\n%s", golden, got)
			}
			for _, secret := range env {
				if strings.Contains(string(got), secret) {
					t.Errorf("plan leaks the value of a secret: %q", secret)
				}
			}
		})
	}
}

// TestDiffSelfIsEmpty is the "apply, then plan" invariant: a document diffed
// against itself as live state plans no change.
func TestDiffSelfIsEmpty(t *testing.T) {
	raw, diags, err := spec.Load([]string{"../examples"})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	desired, _ := raw.Resolve(lookup)
	p := Compute(desired, raw, liveOf(desired))
	if p.HasChanges() || p.Summary.Noop != len(p.Changes) {
		t.Fatalf("self-diff has changes: %+v", p.Summary)
	}
}

// liveOf turns a desired document into the live state it would produce.
func liveOf(doc *spec.Document) *Live {
	live := &Live{}
	for i, t := range doc.DeliveryTasks {
		live.DeliveryTasks = append(live.DeliveryTasks, LiveTask{ID: "task-" + t.Name, Task: doc.DeliveryTasks[i]})
	}
	for _, e := range doc.Exports {
		e.Name = ""
		live.Exports = append(live.Exports, LiveExport{ID: "export-" + e.Query, Export: e})
	}
	for _, d := range doc.Dumps {
		d.Name = ""
		live.Dumps = append(live.Dumps, LiveDump{ID: "dump-" + d.Bucket, Dump: d})
	}
	return live
}

func TestTasksConflict(t *testing.T) {
	base := spec.DeliveryTask{ZoneID: "z", LogType: "l7-access-logs", Area: "mainland", Entities: []string{"a", "b"}, Type: "cls"}
	with := func(f func(*spec.DeliveryTask)) spec.DeliveryTask {
		t := base
		t.Entities = append([]string(nil), base.Entities...)
		f(&t)
		return t
	}
	tests := []struct {
		name string
		a, b spec.DeliveryTask
		want bool
	}{
		{"two cls tasks share an entity", base, with(func(t *spec.DeliveryTask) { t.Entities = []string{"b"} }), true},
		{"cls and s3 may coexist", base, with(func(t *spec.DeliveryTask) { t.Type = "s3" }), false},
		{"custom_endpoint and s3 may not", with(func(t *spec.DeliveryTask) { t.Type = "custom_endpoint" }), with(func(t *spec.DeliveryTask) { t.Type = "s3" }), true},
		{"other area", base, with(func(t *spec.DeliveryTask) { t.Area = "overseas" }), false},
		{"legacy name is the same log type", base, with(func(t *spec.DeliveryTask) { t.LogType = "domain" }), true},
		{"no shared entity", base, with(func(t *spec.DeliveryTask) { t.Entities = []string{"c"} }), false},
		{"security log types allow one task", with(func(t *spec.DeliveryTask) { t.LogType = "web-attack" }), with(func(t *spec.DeliveryTask) { t.LogType = "web-attack"; t.Type = "s3" }), true},
		{"one log_analysis per zone, area and log type", with(func(t *spec.DeliveryTask) { t.Type = "log_analysis" }), with(func(t *spec.DeliveryTask) { t.Type = "log_analysis"; t.Entities = []string{"z"} }), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := TasksConflict(tc.a, tc.b); got != tc.want {
				t.Errorf("TasksConflict = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestJoin(t *testing.T) {
	desired := []string{"a", "b", "c", "a"}
	live := []string{"b", "a", "x", "a", "a"}
	match, leftovers := join(len(desired), len(live), func(i int) string { return desired[i] }, func(i int) string { return live[i] })
	if want := []int{1, 0, -1, 3}; !slices.Equal(match, want) {
		t.Errorf("match = %v, want %v", match, want)
	}
	// x matches nothing; the third live "a" is a duplicate made outside logctl.
	if want := []int{2, 4}; !slices.Equal(leftovers, want) {
		t.Errorf("leftovers = %v, want %v", leftovers, want)
	}
}
