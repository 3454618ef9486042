package policy

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/logctl/logctl/bench/workload"
	"github.com/logctl/logctl/spec"
)

// loadWorkload generates and loads the design §9 lint workload.
func loadWorkload(tb testing.TB, c workload.Config) *spec.Document {
	tb.Helper()
	c.Out = tb.TempDir()
	if err := workload.Write(c); err != nil {
		tb.Fatal(err)
	}
	doc, diags, err := spec.Load([]string{c.Out})
	if err != nil {
		tb.Fatal(err)
	}
	if diags.HasErrors() {
		tb.Fatalf("workload does not load cleanly: %v", diags)
	}
	return doc
}

// BenchmarkEval measures policy evaluation alone (the YAML is parsed once,
// outside the timer) on 10,000 tasks, 1,000 exports and 1,000 dumps. Design
// §9 leaves about 0.7 s of the 2 s lint budget to it.
func BenchmarkEval(b *testing.B) {
	ctx := context.Background()
	doc := loadWorkload(b, workload.Config{Tasks: 10000, Exports: 1000, Dumps: 1000, Files: 1})
	e, err := New(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	cpu := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		fs, err := e.Eval(ctx, doc, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 0 {
			b.Fatalf("the workload is valid, got %d findings, first: %+v", len(fs), fs[0])
		}
	}
	// CPU time (user+system, all goroutines) tells the cost apart from
	// waiting on a busy machine; ns/op is the wall time.
	b.ReportMetric(float64((cpuTime(b)-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLivePass measures plan's second policy pass on the BenchmarkEval
// workload with a live rival for every resource: a full evaluation with
// the live state against the prepared one, which re-runs only the packages
// that read data.logctl.live.
func BenchmarkLivePass(b *testing.B) {
	ctx := context.Background()
	doc := loadWorkload(b, workload.Config{Tasks: 10000, Exports: 1000, Dumps: 1000, Files: 1})
	e, err := New(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	live := rivals(doc)
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.Eval(ctx, doc, live); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepared", func(b *testing.B) {
		ev, err := e.Prepare(doc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ev.Eval(ctx, nil); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := ev.Eval(ctx, live); err != nil {
				b.Fatal(err)
			}
		}
	})
}
