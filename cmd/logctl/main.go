// Command logctl keeps cloud log delivery pipelines in Git: it lints the
// desired-state YAML with Rego policies, plans the difference against the live
// cloud state, and applies it.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// LOGCTL_CPUPROFILE=FILE writes a CPU profile of the run, for the
	// performance work behind bench/.
	if path := os.Getenv("LOGCTL_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	// LOGCTL_HEAPPROFILE=FILE writes a heap profile at the largest live
	// heap of the run.
	stopHeap := func() {}
	if path := os.Getenv("LOGCTL_HEAPPROFILE"); path != "" {
		stopHeap = peakHeapProfile(path)
	}
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	stopHeap()
	pprof.StopCPUProfile()
	os.Exit(code)
}
