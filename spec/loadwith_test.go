package spec

import (
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/bench/workload"
)

// wrapped marks a value that went through LoadOptions.ConvertItem.
type wrapped struct{ v any }

// TestLoadWithConvertsEveryResource checks that every resource of the
// policy input goes through ConvertItem exactly once, whether its file is
// split into batches (one big file) or parsed whole (many small ones), and
// that nothing else changes.
func TestLoadWithConvertsEveryResource(t *testing.T) {
	cases := []struct {
		name  string
		files int
	}{
		{"one file, split", 1},
		{"many files, whole", 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := workload.Config{Tasks: 3000, Exports: 300, Dumps: 300, Files: tc.files, Out: t.TempDir()}
			if err := workload.Write(c); err != nil {
				t.Fatal(err)
			}
			plain, _, err := Load([]string{c.Out})
			if err != nil {
				t.Fatal(err)
			}
			var calls atomic.Int64
			conv := func(v any) any { calls.Add(1); return wrapped{v} }
			doc, diags, err := LoadWith([]string{c.Out}, LoadOptions{ConvertItem: conv})
			if err != nil || diags.HasErrors() {
				t.Fatalf("load: %v %v", err, diags)
			}
			items := 0
			for _, key := range listKeys {
				got, _ := doc.Input()[key].([]any)
				want, _ := plain.Input()[key].([]any)
				if len(got) != len(want) {
					t.Fatalf("%s: %d items, want %d", key, len(got), len(want))
				}
				for i := range got {
					w, ok := got[i].(wrapped)
					if !ok {
						t.Fatalf("%s[%d] was not converted: %T", key, i, got[i])
					}
					if d := cmp.Diff(want[i], w.v); d != "" {
						t.Fatalf("%s[%d] differs (-plain +converted):\n%s", key, i, d)
					}
				}
				items += len(got)
			}
			if int(calls.Load()) != items {
				t.Errorf("ConvertItem called %d times for %d items", calls.Load(), items)
			}
			if d := cmp.Diff(plain.DeliveryTasks, doc.DeliveryTasks); d != "" {
				t.Errorf("typed resources differ:\n%s", d)
			}
		})
	}
}

func TestReleaseInput(t *testing.T) {
	doc, diags := ParseBytes("f.yaml", []byte(validTask))
	if len(diags) != 0 {
		t.Fatal(diagLines(diags))
	}
	resolved, _ := doc.Resolve(func(string) (string, bool) { return "", false })
	if doc.Input() == nil {
		t.Fatal("no input before release")
	}
	doc.ReleaseInput()
	if doc.Input() != nil || resolved.Input() != nil {
		t.Error("input kept after release")
	}
	if err := doc.ConvertInput(func(map[string]any) error { return nil }); err == nil {
		t.Error("ConvertInput after release: no error")
	}
	if len(doc.DeliveryTasks) != 1 {
		t.Error("release dropped the resources")
	}
}
