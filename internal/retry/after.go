package retry

import (
	"errors"
	"time"
)

// After marks err to be retried, whatever the classifier says, after
// exactly d in place of the computed back-off: a wait the server asked for (GitHub's rate-limit reset), or 0
// for a retry that needs none. It is still subject to the wait bounds.
func After(err error, d time.Duration) error {
	return &afterError{err: err, d: max(d, 0)}
}

type afterError struct {
	err error
	d   time.Duration
}

func (e *afterError) Error() string { return e.err.Error() }
func (e *afterError) Unwrap() error { return e.err }

// hint returns the wait an error asks for: one set with After, else the
// RetryAfter() of an error in its chain (apierr.HTTPError and the vendors'
// API errors carry the Retry-After header that way), when positive.
func hint(err error) (time.Duration, bool) {
	var a *afterError
	if errors.As(err, &a) {
		return a.d, true
	}
	var h interface{ RetryAfter() time.Duration }
	if errors.As(err, &h) && h.RetryAfter() > 0 {
		return h.RetryAfter(), true
	}
	return 0, false
}
