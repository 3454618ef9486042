package main

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// gcFloor is the heap size below which a plan does not collect garbage.
// Plan is a one-shot process that allocates several times its live heap
// (YAML, policy input, live state, diff); with the default GOGC=100 a 12,000
// resource plan collected some 20 times, for a sixth of its CPU time. Up to
// the floor it now collects only when the heap reaches it. Once the live
// heap passes half the floor, the floor would make the collector run back
// to back: the usual settings come back, so a large plan paces its
// collections, and uses memory, as before.
const gcFloor = 450 << 20

// gcPace is how often the live heap is checked.
const gcPace = 20 * time.Millisecond

// tuneGC applies the floor until the returned func is called. The settings
// are process-wide: plan and apply call it once per process. It leaves the
// runtime alone when GOGC or GOMEMLIMIT is set: an explicit setting wins.
func tuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return floorGC(gcFloor, gcPace)
}

// floorGC turns the collector off up to floor bytes of heap, until the live
// heap, checked every pace, passes half of it.
func floorGC(floor int64, pace time.Duration) (restore func()) {
	prevPercent := debug.SetGCPercent(-1)
	prevLimit := debug.SetMemoryLimit(floor)
	var once sync.Once
	back := func() {
		once.Do(func() {
			debug.SetMemoryLimit(prevLimit)
			debug.SetGCPercent(prevPercent)
		})
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(pace)
		defer t.Stop()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(floor)/2 {
				back()
				return
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		back()
	}
}
