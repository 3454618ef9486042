package diff

import (
	"encoding/json"
	"testing"

	"github.com/logctl/logctl/bench/workload"
	"github.com/logctl/logctl/spec"
)

// BenchmarkCompute diffs the bench workload against itself, all of it live
// and unchanged: the steady state of a nightly plan. Its allocations set
// how often a large plan collects garbage.
func BenchmarkCompute(b *testing.B) {
	c := workload.Config{Tasks: 8000, Exports: 1000, Dumps: 1000, Files: 1, Out: b.TempDir()}
	if err := workload.Write(c); err != nil {
		b.Fatal(err)
	}
	raw, diags, err := spec.Load([]string{c.Out})
	if err != nil || diags.HasErrors() {
		b.Fatalf("load: %v %v", err, diags)
	}
	desired, _ := raw.Resolve(func(name string) (string, bool) { return "bench-" + name, true })
	live := liveOf(desired)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if p := Compute(desired, raw, live); p.HasChanges() {
			b.Fatalf("changes: %+v", p.Summary)
		}
	}
}

// BenchmarkPlanJSON writes and reads back the plan of the bench workload
// against an empty live state (every field of 10,000 resources an
// addition), as plan -o json, plan --out and apply --plan do.
func BenchmarkPlanJSON(b *testing.B) {
	c := workload.Config{Tasks: 8000, Exports: 1000, Dumps: 1000, Files: 1, Out: b.TempDir()}
	if err := workload.Write(c); err != nil {
		b.Fatal(err)
	}
	raw, diags, err := spec.Load([]string{c.Out})
	if err != nil || diags.HasErrors() {
		b.Fatalf("load: %v %v", err, diags)
	}
	desired, _ := raw.Resolve(func(name string) (string, bool) { return "bench-" + name, true })
	p := Compute(desired, raw, &Live{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		var back Plan
		if err := json.Unmarshal(out, &back); err != nil || len(back.Changes) != len(p.Changes) {
			b.Fatalf("read back: %v", err)
		}
	}
}
