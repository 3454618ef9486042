package diff

import (
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
