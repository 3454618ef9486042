package tencent

import (
	"context"
	"errors"
	"time"

	"github.com/logctl/logctl/internal/apierr"
)

// Settle bounds the reads a provider makes after a write until the read
// reflects it. Reads may be immediately consistent or lag behind writes,
// and a delete may finish at once or later (edgeone-logs.md §3, §4, §10;
// emulator switches describe-lag and async-delete): Terraform polls after
// Create, Modify and Delete for the same reason.
type Settle struct {
	// Timeout bounds the wait for a write to show; deletes may take three
	// times as long (they free what a replacement needs).
	Timeout time.Duration
	// Sleep waits for d or until ctx is done; tests replace it to move an
	// emulator clock instead of waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// DefaultSettle waits up to 20 s for writes (60 s for deletes).
func DefaultSettle() Settle { return Settle{Timeout: 20 * time.Second, Sleep: sleepCtx} }

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

// Poll calls check until it reports done, with backoff from 100 ms to 2 s,
// sleeping at most limit in all. It reports whether check was done; a
// failed check ends the wait with its error.
func (s Settle) Poll(ctx context.Context, limit time.Duration, check func() (bool, error)) (bool, error) {
	sleep := s.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	slept, d := time.Duration(0), 100*time.Millisecond
	for {
		done, err := check()
		if err != nil || done {
			return done, err
		}
		if slept >= limit {
			return false, nil
		}
		if err := sleep(ctx, d); err != nil {
			return false, err
		}
		slept += d
		d = min(2*d, 2*time.Second)
	}
}

// Undecided reports whether a failed Delete or Modify may have hit a
// resource that is already gone, so that a fresh read must decide: a
// not-found code, plain FailedOperation (the only code the teo doc gives
// Delete, edgeone-logs.md §1; emulator switch not-found-plain) or another
// unclassified code, or a lost response. Throttling, auth, invalid and
// unavailable errors are decided already.
func Undecided(err error) bool {
	for _, class := range []error{apierr.ErrThrottled, apierr.ErrAuth, apierr.ErrInvalid, apierr.ErrUnavailable} {
		if errors.Is(err, class) {
			return false
		}
	}
	return true
}
