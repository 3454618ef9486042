package reconcile

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/logctl/logctl/internal/apierr"
)

// RetryPolicy bounds retries of one call: exponential backoff with full
// jitter between Base and Max, at most Attempts tries in all.
type RetryPolicy struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
	// Sleep waits for d or until ctx is done; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultRetry suits the vendors' 20/s quotas: throttling clears within a
// second, so a few short waits are enough.
func DefaultRetry() RetryPolicy {
	return RetryPolicy{Attempts: 8, Base: 100 * time.Millisecond, Max: 3 * time.Second, Sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (p RetryPolicy) backoff(attempt int) time.Duration {
	d := p.Base << min(attempt, 16)
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	return time.Duration(rand.Int64N(int64(d)) + 1)
}

// transient reports whether a call may simply be retried. For reads, an
// unknown outcome is transient too: reading twice changes nothing.
func transient(err error, idempotent bool) bool {
	if apierr.Retryable(err) {
		return true
	}
	return idempotent && errors.Is(err, apierr.ErrOutcomeUnknown)
}

// do runs fn until it succeeds, fails permanently, or the attempts run out.
func (p RetryPolicy) do(ctx context.Context, idempotent bool, fn func() error) error {
	var err error
	for attempt := 0; attempt < max(p.Attempts, 1); attempt++ {
		if attempt > 0 {
			if serr := p.Sleep(ctx, p.backoff(attempt-1)); serr != nil {
				return errors.Join(err, serr)
			}
		}
		if err = fn(); err == nil || !transient(err, idempotent) {
			return err
		}
	}
	return err
}
