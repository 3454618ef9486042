package apierr

import (
	"errors"
	"fmt"
	"time"
)

// The error classes. A classified error matches exactly one of them with
// errors.Is; an error that matches none is a failure the caller should report
// as is (for example a vendor FailedOperation whose cause is unknown).
var (
	// ErrNotFound: the resource addressed by the call does not exist.
	ErrNotFound = errors.New("not found")
	// ErrThrottled: the per-action rate limit was hit; retry after a back-off.
	ErrThrottled = errors.New("throttled")
	// ErrAuth: credentials missing, wrong, expired or not authorized.
	ErrAuth = errors.New("authentication or authorization failed")
	// ErrInvalid: the request was refused as malformed or over a quota;
	// resending it unchanged cannot succeed.
	ErrInvalid = errors.New("invalid request")
	// ErrUnavailable: a transient failure where the request certainly had no
	// effect (5xx, vendor InternalError, connection never established); safe
	// to retry.
	ErrUnavailable = errors.New("service unavailable")
	// ErrOutcomeUnknown: the request was sent but no usable answer came back
	// (timeout, reset or EOF after the write). A create may have happened:
	// look the resource up by identity before retrying.
	ErrOutcomeUnknown = errors.New("outcome unknown")
)

// NetworkError is a transport failure of one call. Sent reports whether the
// request bytes were written before the failure, which decides between
// ErrOutcomeUnknown (sent) and ErrUnavailable (not sent).
//
// Host is the endpoint host (with port); the message never carries request
// headers or bodies, so credentials and secrets cannot leak through it.
type NetworkError struct {
	Op   string // e.g. "teo CreateRealtimeLogDeliveryTask"
	Host string
	Sent bool
	Err  error
}

func (e *NetworkError) Error() string {
	state := "no response"
	if !e.Sent {
		state = "request not sent"
	}
	return fmt.Sprintf("%s: %s (%s): %v", e.Op, e.Host, state, e.Err)
}

// Unwrap exposes the transport error, so errors.Is(err,
// context.DeadlineExceeded) still works.
func (e *NetworkError) Unwrap() error { return e.Err }

// Is classifies the failure: ErrOutcomeUnknown once the request was written,
// ErrUnavailable before.
func (e *NetworkError) Is(target error) bool {
	if e.Sent {
		return target == ErrOutcomeUnknown
	}
	return target == ErrUnavailable
}

// Retryable reports whether err is a transient class that may be retried
// without checking live state first (throttling or unavailable). An
// ErrOutcomeUnknown error is deliberately not retryable here: a non-idempotent
// call must find before it retries.
func Retryable(err error) bool {
	return errors.Is(err, ErrThrottled) || errors.Is(err, ErrUnavailable)
}

// HTTPError is a response that carried no vendor error code the client could
// read: a bare non-2xx status, or a body that could not be decoded. Detail
// says what was wrong and never quotes the body (it may hold secrets).
type HTTPError struct {
	Op     string
	Host   string
	Status int
	Detail string
	// After is the wait the answer's Retry-After header asked for (0 when
	// none); a retry honours it instead of its own back-off.
	After time.Duration
}

// RetryAfter is the wait the server asked for, or 0.
func (e *HTTPError) RetryAfter() time.Duration { return e.After }

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: %s answered HTTP %d: %s", e.Op, e.Host, e.Status, e.Detail)
}

// Is classifies by status. A 2xx whose body was unusable means the call may
// have taken effect, so it is ErrOutcomeUnknown; other unlisted statuses
// (404 from a wrong endpoint path, say) stay unclassified on purpose, lest a
// misrouted read look like a deleted resource.
func (e *HTTPError) Is(target error) bool {
	return StatusClass(e.Status) == target
}

// StatusClass maps an HTTP status without a readable vendor code to a class,
// or nil when the status says nothing decisive.
func StatusClass(status int) error {
	switch {
	case status >= 200 && status < 300:
		return ErrOutcomeUnknown
	case status == 429:
		return ErrThrottled
	case status == 401 || status == 403:
		return ErrAuth
	case status >= 500:
		return ErrUnavailable
	}
	return nil
}
