package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	w := newWindow(10)
	ctx := context.Background()
	for _, n := range []int{4, 6} {
		if err := w.admit(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	// Full: the next target waits for a release.
	admitted := make(chan error, 1)
	go func() { admitted <- w.admit(ctx, 3) }()
	select {
	case err := <-admitted:
		t.Fatalf("admitted past the window (err %v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	w.release(4)
	if err := <-admitted; err != nil {
		t.Fatal(err)
	}
	// A cancelled wait returns the context's error.
	cctx, cancel := context.WithCancel(ctx)
	go func() { admitted <- w.admit(cctx, 5) }()
	cancel()
	if err := <-admitted; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// A target larger than the window goes alone, once the window is empty.
	w.release(6)
	w.release(3)
	if err := w.admit(ctx, 25); err != nil || w.used != 25 {
		t.Fatalf("err %v, used %d: a large target is admitted alone", err, w.used)
	}
}
