package spec

import (
	"flag"
	"fmt"
	"runtime"
	"testing"
)

var loadDir = flag.String("loaddir", "", "directory of YAML files for BenchmarkLoadHeap (e.g. made by bench/gen)")

// BenchmarkLoadHeap loads -loaddir and reports the heap the loaded Document
// keeps alive ("heapMB"): what a plan holds for its whole run before it
// reads a single live resource (design target: 100,000 resources in 512 MiB).
func BenchmarkLoadHeap(b *testing.B) {
	if *loadDir == "" {
		b.Skip("set -loaddir to a directory of YAML files")
	}
	var live uint64
	for b.Loop() {
		doc, diags, err := Load([]string{*loadDir})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		live = max(live, ms.HeapAlloc)
		runtime.KeepAlive(doc)
		runtime.KeepAlive(diags)
		runtime.GC()
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/(1<<20), "heapMB")
}

// BenchmarkLocateInside asks for a position inside a different resource of
// -loaddir each time, the worst case for the items a split file keeps
// unindexed (each is read and parsed again), and inside the same resource
// each time, the usual case of several findings on one resource.
func BenchmarkLocateInside(b *testing.B) {
	if *loadDir == "" {
		b.Skip("set -loaddir to a directory of YAML files")
	}
	doc, _, err := Load([]string{*loadDir})
	if err != nil {
		b.Fatal(err)
	}
	n := len(doc.DeliveryTasks)
	if n == 0 {
		b.Skip("no delivery tasks")
	}
	b.Run("spread", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if p := doc.Locate(fmt.Sprintf("deliveryTasks[%d].name", i%n)); p.Line == 0 {
				b.Fatal("no position")
			}
			i += 7919 // a prime: every item in turn, never the one before
		}
	})
	b.Run("same", func(b *testing.B) {
		for b.Loop() {
			if p := doc.Locate("deliveryTasks[1].name"); p.Line == 0 {
				b.Fatal("no position")
			}
		}
	})
}
