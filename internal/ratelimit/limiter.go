package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"time"
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

// Limiter is a token bucket with a burst of one: it lets one call through
// every 1/rate, evenly spaced. It is safe for concurrent use; callers are
// served in the order they reserved their slot.
type Limiter struct {
	interval time.Duration // 0: not limited
	clock    Clock
	mu       sync.Mutex
	next     time.Time // earliest start of the next free slot
}

// NewLimiter returns a limiter of perSecond calls per second; perSecond <= 0
// means not limited.
func NewLimiter(perSecond float64, clock Clock) *Limiter {
	l := &Limiter{clock: clock}
	if perSecond > 0 {
		l.interval = time.Duration(float64(time.Second) / perSecond)
	}
	return l
}

// Interval is the spacing between two calls (0 when not limited).
func (l *Limiter) Interval() time.Duration { return l.interval }

// Wait blocks until the caller may send its call, or returns the context's
// error. A slot that would start after the context's deadline is refused at
// once with an error wrapping context.DeadlineExceeded, so a caller never
// sleeps only to time out.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.interval == 0 {
		return nil
	}
	l.mu.Lock()
	now := l.clock.now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(at) {
		l.mu.Unlock()
		return fmt.Errorf("rate limit: next slot in %s is past the deadline: %w", at.Sub(now), context.DeadlineExceeded)
	}
	l.next = at.Add(l.interval)
	l.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return nil
	}
	if err := l.clock.sleep(ctx, d); err != nil {
		l.release(at)
		return err
	}
	return nil
}

// release gives back the slot at when it is still the last one reserved, so
// an abandoned wait does not delay the callers after it for nothing.
func (l *Limiter) release(at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next.Equal(at.Add(l.interval)) {
		l.next = at
	}
}
