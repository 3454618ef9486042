package ratelimit

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/time/rate"
)

// Clock is the time source of the limiters; tests pass a fake one. A nil
// member means the system clock.
type Clock struct {
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

func (c Clock) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c Clock) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Limiter paces calls with a token bucket of golang.org/x/time/rate
// with a burst of one: it lets one call through every 1/rate, evenly
// spaced. It is safe for concurrent use; callers are served in the order
// they reserved their slot. The clock is injected (rate's ...At methods
// take the time), so tests need no real sleeps.
type Limiter struct {
	interval time.Duration // 0: not limited
	clock    Clock
	bucket   *rate.Limiter
}

// NewLimiter returns a limiter of perSecond calls per second; perSecond <= 0
// means not limited.
func NewLimiter(perSecond float64, clock Clock) *Limiter {
	l := &Limiter{clock: clock}
	if perSecond > 0 {
		l.interval = time.Duration(float64(time.Second) / perSecond)
		// The bucket starts full: the first call goes at once, as before.
		l.bucket = rate.NewLimiter(rate.Limit(perSecond), 1)
	}
	return l
}

// Interval is the spacing between two calls (0 when not limited).
func (l *Limiter) Interval() time.Duration { return l.interval }

// Wait blocks until the caller may send its call, or returns the context's
// error. A slot that would start after the context's deadline is refused at
// once with an error wrapping context.DeadlineExceeded, so a caller never
// sleeps only to time out. An abandoned wait gives its slot back, so it
// does not delay the callers after it for nothing.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.bucket == nil {
		return nil
	}
	now := l.clock.now()
	r := l.bucket.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(d)) {
		r.CancelAt(now)
		return fmt.Errorf("rate limit: next slot in %s is past the deadline: %w", d, context.DeadlineExceeded)
	}
	if d <= 0 {
		return nil
	}
	if err := l.clock.sleep(ctx, d); err != nil {
		r.CancelAt(l.clock.now())
		return err
	}
	return nil
}
