package retry

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/logctl/logctl/internal/apierr"
)

// jitter spreads each computed wait over ±50 % of it (backoff's
// RandomizationFactor), so clients throttled together do not retry
// together.
const jitter = 0.5

// Policy bounds the retries of one call. The computed wait doubles from
// Initial up to Max (Max caps the wait before jitter, so one wait may reach
// 1.5 × Max).
type Policy struct {
	Tries   int           // attempts in all, the first included; 0 means no bound but the waits'
	Initial time.Duration // first computed wait, before jitter
	Max     time.Duration // cap on a computed wait, before jitter
	// MaxWait bounds the sum of the waits of one Do: a wait that would
	// pass it is not started and Do returns the last error. It counts
	// waits only, not the calls, so a long download that fails still gets
	// its retry (backoff's MaxElapsedTime would count the transfer too).
	MaxWait time.Duration
	// Budget, when set, is a total wait shared with other Do calls (all
	// the requests of one PR-comment upsert, say).
	Budget *Budget
	// NoJitter makes every wait exactly the computed one; for tests that
	// compare waits.
	NoJitter bool
}

// Or fills the zero bounds of p from def.
func (p Policy) Or(def Policy) Policy {
	if p.Tries == 0 {
		p.Tries = def.Tries
	}
	if p.Initial == 0 {
		p.Initial = def.Initial
	}
	if p.Max == 0 {
		p.Max = def.Max
	}
	if p.MaxWait == 0 {
		p.MaxWait = def.MaxWait
	}
	return p
}

// Transient is the classifier for calls that must not be repeated when
// their outcome is unknown (creates): only throttling and unavailability,
// where the request certainly had no effect, are retried.
func Transient(err error) bool { return apierr.Retryable(err) }

// Idempotent is the classifier for calls that may be repeated whatever
// happened to the first (reads, or a write whose effect was checked
// first): an unknown outcome is retried too.
func Idempotent(err error) bool {
	return apierr.Retryable(err) || errors.Is(err, apierr.ErrOutcomeUnknown)
}

// Do runs op until it succeeds, fails with an error retryable rejects
// (unless marked with After) or marked with Permanent, the tries or the wait bounds are spent, or ctx is
// done. It returns op's last error, joined with ctx's when ctx ended the
// wait.
func Do(ctx context.Context, p Policy, retryable func(error) bool, op func() error) error {
	if p.Tries == 0 && p.MaxWait <= 0 && p.Budget == nil {
		p.Tries = 1 // nothing else would end the retries
	}
	b := &bounded{p: p, exp: &backoff.ExponentialBackOff{InitialInterval: p.Initial,
		RandomizationFactor: jitter, Multiplier: 2, MaxInterval: max(p.Max, p.Initial)}}
	if p.NoJitter {
		b.exp.RandomizationFactor = 0
	}
	var last error
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		last = op()
		var perm *backoff.PermanentError
		var forced *afterError
		switch {
		case last == nil:
			return struct{}{}, nil
		case errors.As(last, &perm):
			last = perm.Err
			return struct{}{}, perm
		case !errors.As(last, &forced) && !retryable(last):
			return struct{}{}, backoff.Permanent(last)
		}
		if d, ok := hint(last); ok {
			b.after = &d
			return struct{}{}, errors.Join(last, &backoff.RetryAfterError{Duration: d})
		}
		return struct{}{}, last
	}, backoff.WithBackOff(b), backoff.WithMaxTries(uint(max(p.Tries, 0))),
		backoff.WithMaxElapsedTime(0)) // MaxWait bounds the waits instead
	if err == nil {
		return nil
	}
	if cause := context.Cause(ctx); cause != nil && errors.Is(err, cause) && !errors.Is(last, cause) {
		return errors.Join(last, cause)
	}
	return last
}

// Permanent marks err as not to be retried, whatever the classifier says.
func Permanent(err error) error { return backoff.Permanent(err) }

// bounded is the back-off of one Do: backoff's exponential one, or the
// answer's Retry-After in its place, cut off by the wait bounds.
type bounded struct {
	p      Policy
	exp    *backoff.ExponentialBackOff
	after  *time.Duration // the last error's Retry-After, if it had one
	waited time.Duration
}

// NextBackOff returns the next wait, or backoff.Stop when it would pass
// MaxWait or the shared budget. backoff.Retry itself replaces the value
// with the RetryAfterError's duration, which is the same one.
func (b *bounded) NextBackOff() time.Duration {
	d := b.exp.NextBackOff()
	if b.after != nil {
		d, b.after = *b.after, nil
	}
	if b.p.MaxWait > 0 && b.waited+d > b.p.MaxWait {
		return backoff.Stop
	}
	if !b.p.Budget.take(d) {
		return backoff.Stop
	}
	b.waited += d
	return d
}

func (b *bounded) Reset() { b.exp.Reset() }

// Budget is a total wait that several Do calls draw from; safe for
// concurrent use.
type Budget struct {
	mu   sync.Mutex
	left time.Duration
}

// NewBudget returns a budget of total.
func NewBudget(total time.Duration) *Budget { return &Budget{left: total} }

// take draws d and reports whether the budget allowed it; a nil budget
// allows anything.
func (b *Budget) take(d time.Duration) bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if d > b.left {
		return false
	}
	b.left -= d
	return true
}
