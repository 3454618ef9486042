package engine

import (
	"context"
	"sync"
)

// window bounds the live state a plan holds read but not yet planned, in
// resources: the reads start while the files' pass runs (design §9: the
// read overlaps parse and lint), and what they bring in waits for the pass.
// A target's size is taken before its read from the resources the files
// declare in it, which is what a no-change plan reads back; a target
// larger than the whole window is admitted alone.
type window struct {
	mu    sync.Mutex
	wake  chan struct{} // closed and replaced on every release
	limit int
	used  int
}

func newWindow(limit int) *window {
	return &window{limit: max(limit, 1), wake: make(chan struct{})}
}

// admit waits until n more resources fit, or ctx ends.
func (w *window) admit(ctx context.Context, n int) error {
	n = max(n, 1)
	for {
		w.mu.Lock()
		if w.used == 0 || w.used+n <= w.limit {
			w.used += n
			w.mu.Unlock()
			return nil
		}
		wake := w.wake
		w.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release gives back what admit took for a target now planned.
func (w *window) release(n int) {
	w.mu.Lock()
	w.used -= max(n, 1)
	close(w.wake)
	w.wake = make(chan struct{})
	w.mu.Unlock()
}
