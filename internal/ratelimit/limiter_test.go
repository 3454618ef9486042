package ratelimit

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeClock advances only when a limiter sleeps, and records the sleeps.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
	fail   error // returned by Sleep instead of sleeping, when set
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (f *fakeClock) clock() Clock {
	return Clock{
		Now: func() time.Time {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.t
		},
		Sleep: func(ctx context.Context, d time.Duration) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.fail != nil {
				return f.fail
			}
			f.sleeps = append(f.sleeps, d)
			f.t = f.t.Add(d)
			return nil
		},
	}
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestLimiterSpacing(t *testing.T) {
	tests := []struct {
		name      string
		perSecond float64
		calls     int
		idleAfter int           // advance the clock by idle after this many calls (-1: never)
		idle      time.Duration //
		want      []time.Duration
	}{
		{name: "evenly spaced at 20/s", perSecond: 20, calls: 4, idleAfter: -1,
			want: []time.Duration{ms(50), ms(50), ms(50)}},
		{name: "100/s", perSecond: 100, calls: 3, idleAfter: -1,
			want: []time.Duration{ms(10), ms(10)}},
		{name: "idle time does not build a burst", perSecond: 20, calls: 4, idleAfter: 2, idle: 5 * time.Second,
			want: []time.Duration{ms(50), ms(50)}},
		{name: "partly idle waits only the rest", perSecond: 20, calls: 2, idleAfter: 1, idle: ms(30),
			want: []time.Duration{ms(20)}},
		{name: "zero means not limited", perSecond: 0, calls: 5, idleAfter: -1, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newFakeClock()
			l := NewLimiter(tt.perSecond, fc.clock())
			for i := range tt.calls {
				if i == tt.idleAfter {
					fc.advance(tt.idle)
				}
				if err := l.Wait(context.Background()); err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
			}
			if diff := cmp.Diff(tt.want, fc.sleeps); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLimiterFixedWindows checks the property the emulator asserts: no
// one-second window, wherever it starts, holds more calls than the quota.
func TestLimiterFixedWindows(t *testing.T) {
	fc := newFakeClock()
	clock := fc.clock()
	l := NewLimiter(20, clock)
	var starts []time.Time
	for range 100 {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.Now())
	}
	for i := range starts {
		n := 0
		for j := i; j < len(starts) && starts[j].Sub(starts[i]) < time.Second; j++ {
			n++
		}
		if n > 20 {
			t.Fatalf("%d calls in the second after call %d, want at most 20", n, i)
		}
	}
}

func TestLimiterDeadline(t *testing.T) {
	fc := newFakeClock()
	l := NewLimiter(1, fc.clock()) // one call per second
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), fc.clock().Now().Add(ms(500)))
	defer cancel()
	err := l.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait past the deadline = %v, want context.DeadlineExceeded", err)
	}
	if len(fc.sleeps) != 0 {
		t.Errorf("slept %v before refusing; want an immediate refusal", fc.sleeps)
	}
	// The refused call reserved nothing: the next one waits one interval.
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{time.Second}, fc.sleeps); diff != "" {
		t.Errorf("sleeps after a refusal (-want +got):\n%s", diff)
	}
}

func TestLimiterCancelledWaitReleasesSlot(t *testing.T) {
	fc := newFakeClock()
	l := NewLimiter(10, fc.clock())
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	fc.fail = context.Canceled
	if err := l.Wait(context.Background()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
	fc.fail = nil
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The abandoned slot is reused: 100 ms, not 200 ms.
	if diff := cmp.Diff([]time.Duration{ms(100)}, fc.sleeps); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestLimiterDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, rate := range []float64{0, 20} {
		if err := NewLimiter(rate, Clock{}).Wait(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("rate %v: Wait on a done context = %v, want context.Canceled", rate, err)
		}
	}
}

// TestLimiterConcurrentRealClock runs goroutines against the system clock
// (and the race detector): n calls at 100/s take at least (n-1)*10ms.
func TestLimiterConcurrentRealClock(t *testing.T) {
	l := NewLimiter(100, Clock{})
	const n = 12
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() { errs <- l.Wait(context.Background()) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < (n-1)*ms(10) {
		t.Errorf("%d calls at 100/s took %s, want at least %s", n, el, (n-1)*ms(10))
	}
}
