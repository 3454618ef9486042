package offlinelogs

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/logctl/logctl/internal/apierr"
)

// Backoff is the retry policy for transient failures: exponential back-off
// with full jitter, as design §6 asks of every client call.
type Backoff struct {
	Attempts int           // tries in all, including the first; 0 means 6
	Base     time.Duration // first delay before jitter; 0 means 250 ms
	Max      time.Duration // cap on one delay; 0 means 10 s
	// Sleep waits d or until ctx is done; nil uses a timer. Tests pass a
	// recorder.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter picks the actual delay in [0, d]; nil draws it uniformly.
	Jitter func(d time.Duration) time.Duration
}

func (b Backoff) attempts() int {
	if b.Attempts > 0 {
		return b.Attempts
	}
	return 6
}

// delay is the wait before retry number n (1-based).
func (b Backoff) delay(n int) time.Duration {
	base, limit := b.Base, b.Max
	if base <= 0 {
		base = 250 * time.Millisecond
	}
	if limit <= 0 {
		limit = 10 * time.Second
	}
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	if b.Jitter != nil {
		return b.Jitter(d)
	}
	return rand.N(d + 1)
}

func (b Backoff) sleep(ctx context.Context, d time.Duration) error {
	if b.Sleep != nil {
		return b.Sleep(ctx, d)
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

// Do runs op until it succeeds, fails with an error retry rejects, the
// attempts are spent, or ctx is done. It returns op's last error.
func (b Backoff) Do(ctx context.Context, retry func(error) bool, op func() error) error {
	var err error
	for n := 1; ; n++ {
		if err = op(); err == nil || !retry(err) || n >= b.attempts() {
			return err
		}
		if ctx.Err() != nil {
			return err
		}
		if serr := b.sleep(ctx, b.delay(n)); serr != nil {
			return err
		}
	}
}

// retryListing reports whether a listing call may be sent again. Listing is
// a read, so besides throttling and unavailability a call whose answer was
// lost (apierr.ErrOutcomeUnknown, which includes a call that hit the
// client's per-call timeout) is safe to repeat, unlike a create. Do stops
// anyway once the caller's context is done.
func retryListing(err error) bool {
	return apierr.Retryable(err) || errors.Is(err, apierr.ErrOutcomeUnknown)
}
