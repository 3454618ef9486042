package prcomment

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/retry"
)

// retryTransport retries below go-github, so that go-github never records
// a rate-limit reset against the wall clock (it would then refuse further
// calls itself) and every wait draws on the Upsert's shared budget.
//
// It retries what GitHub documents as safe to repeat: rate-limit answers
// (the request was rejected, not processed) for every method, and server
// errors or lost connections for GET, PATCH and DELETE, which are
// idempotent. A POST that failed that way may have created the comment,
// so Upsert lists again before creating (find before retry).
type retryTransport struct {
	base   http.RoundTripper
	policy retry.Policy // with the Upsert's shared budget
	now    func() time.Time
}

// errRetry and errFinal tell retry.Do what decide said about an answer;
// the answer itself is what RoundTrip returns.
var (
	errRetry = errors.New("answer worth another try")
	errFinal = errors.New("final answer")
)

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	next, attempt := req, 0
	derr := retry.Do(req.Context(), t.policy, func(e error) bool { return e == errRetry }, func() error {
		closeBody(resp) // the answer retried past
		attempt++
		resp, err = t.base.RoundTrip(next)
		d, again, computed := t.decide(req, resp, err, attempt)
		if !again {
			return retry.Permanent(errFinal)
		}
		n, rerr := rewind(req)
		if rerr != nil {
			return retry.Permanent(errFinal)
		}
		next = n
		if computed {
			return errRetry
		}
		return retry.After(errRetry, d)
	})
	if errors.Is(derr, errRetry) && req.Context().Err() != nil {
		// Cancelled while waiting to retry.
		closeBody(resp)
		return nil, req.Context().Err()
	}
	return resp, err
}

// decide says whether an answer is worth another try, and after how long
// unless the policy's back-off (computed) decides.
func (t *retryTransport) decide(req *http.Request, resp *http.Response, err error, attempt int) (d time.Duration, again, computed bool) {
	if err != nil {
		return 0, idempotent(req.Method) && req.Context().Err() == nil, true
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return 0, idempotent(req.Method), true
	case http.StatusForbidden, http.StatusTooManyRequests:
		d, again = rateLimitWait(resp, t.now(), attempt)
		return d, again, false
	}
	return 0, false, false
}

// rateLimitWait applies GitHub's rules for exceeded rate limits ("Rate
// limits for the REST API"): wait Retry-After seconds when present; else,
// with x-ratelimit-remaining 0, until x-ratelimit-reset (UTC epoch
// seconds); else, for a secondary limit, at least a minute, growing
// exponentially. Any other 403 (permissions, fork PRs) is final.
func rateLimitWait(resp *http.Response, now time.Time, attempt int) (time.Duration, bool) {
	if d, ok := apierr.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		return d, true
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if secs, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			// One second more: the reset is truncated to whole seconds.
			return time.Unix(secs, 0).Sub(now) + time.Second, true
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests || mentionsSecondaryLimit(resp) {
		return time.Minute << (attempt - 1), true
	}
	return 0, false
}

// mentionsSecondaryLimit peeks at the error body; it is put back for
// go-github to parse.
func mentionsSecondaryLimit(resp *http.Response) bool {
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return false
	}
	s := strings.ToLower(string(data))
	return strings.Contains(s, "secondary rate limit") || strings.Contains(s, "secondary-rate-limits") ||
		strings.Contains(s, "abuse")
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// rewind returns a copy of req that can be sent again, with a fresh body.
func rewind(req *http.Request) (*http.Request, error) {
	next := req.Clone(req.Context())
	if req.Body == nil || req.Body == http.NoBody {
		return next, nil
	}
	if req.GetBody == nil {
		return nil, errNoRewind
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	next.Body = body
	return next, nil
}

var errNoRewind = errors.New("request body cannot be replayed")

// closeBody drains and closes resp's body; nil is fine.
func closeBody(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
	}
}
