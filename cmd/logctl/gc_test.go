package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

func TestTuneGCLeavesExplicitSettings(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		percent, limit := gcPercent(), memoryLimit()
		restore := tuneGC(func(k string) string {
			if k == env {
				return "200"
			}
			return ""
		})
		if gcPercent() != percent || memoryLimit() != limit {
			t.Errorf("%s set: the GC settings changed", env)
		}
		restore()
	}
}

var sink [][]byte

func TestFloorGCFollowsALargeLiveHeapAndRestores(t *testing.T) {
	percent, limit := gcPercent(), memoryLimit()
	const floor = 8 << 20
	restore := floorGC(floor, time.Millisecond)
	if gcPercent() != -1 || memoryLimit() != floor {
		t.Fatalf("during: GOGC %d, limit %d; want off and %d", gcPercent(), memoryLimit(), floor)
	}
	for range 64 {
		sink = append(sink, make([]byte, 256<<10)) // 16 MiB kept live
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for memoryLimit() == floor && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	// The limit follows the live heap (16 MiB and the test process's own),
	// largeHeadroom above it.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := int64(sample[0].Value.Uint64())
	if got := memoryLimit(); got < (16<<20)*(100+largeHeadroom)/100 || got > 2*live*(100+largeHeadroom)/100 {
		t.Errorf("16 MiB live over an 8 MiB floor (live heap %d MiB): limit %d MiB; want about %d%% above the live heap", live>>20, got>>20, largeHeadroom)
	}
	sink = nil
	restore()
	if gcPercent() != percent || memoryLimit() != limit {
		t.Errorf("after: GOGC %d, limit %d; want %d, %d", gcPercent(), memoryLimit(), percent, limit)
	}
}

func TestFloorGCRestores(t *testing.T) {
	percent, limit := gcPercent(), memoryLimit()
	floorGC(1<<40, time.Millisecond)()
	if gcPercent() != percent || memoryLimit() != limit {
		t.Errorf("after: GOGC %d, limit %d; want %d, %d", gcPercent(), memoryLimit(), percent, limit)
	}
}
