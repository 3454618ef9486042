package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// gcFloor is the heap size below which a plan does not collect garbage.
// Plan is a one-shot process that allocates several times its live heap
// (YAML, policy input, live state, diff); with the default GOGC=100 a 12,000
// resource plan collected some 20 times, for a sixth of its CPU time. Up to
// the floor it now collects only when the heap reaches it. Once the live
// heap passes half the floor, the floor would make the collector run back
// to back: the limit then follows the live heap, largeHeadroom above it.
const gcFloor = 400 << 20

// largeHeadroom is how far, in percent of the live heap, the process's
// memory may grow above the live heap once that has outgrown half the
// floor. GOGC=100 lets the heap grow to twice the live heap, and the
// runtime returns freed memory to the system lazily: a 100,000 resource
// plan with 600 MB live took 1.5 GB. A memory limit that follows the live
// heap also makes the runtime return what it does not need (design §9: a
// plan of 100,000 resources in under 512 MiB).
//
// Planning target by target (engine) bounds the live state's share, but at
// 100,000 resources the peak is the files' policy pass, before any read,
// which holds both the policies' form of the files (some 70 MB) and their
// typed form (some 55 MB). Measured with PLAN_BIG=1 bench/plan.sh on a
// 2-core machine: without the limit (GOGC=100) the 100,000 resource plan
// with everything live took 534-603 MiB and the one with nothing live
// 537-548 MiB; with it, 431-433 MiB both. The limit stays until that pass
// is bounded too.
const largeHeadroom = 25

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

// floorGC turns the collector off up to a memory limit: floor, and once
// the live heap, checked every pace, passes half of it, largeHeadroom
// percent above the live heap.
func floorGC(floor int64, pace time.Duration) (restore func()) {
	prevPercent := debug.SetGCPercent(-1)
	prevLimit := debug.SetMemoryLimit(floor)
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
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if live := int64(sample[0].Value.Uint64()); live > floor/2 {
				debug.SetMemoryLimit(max(floor, live+live*largeHeadroom/100))
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		debug.SetMemoryLimit(prevLimit)
		debug.SetGCPercent(prevPercent)
	}
}
