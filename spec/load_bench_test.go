package spec

import (
	"flag"
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
