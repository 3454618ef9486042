package prcomment

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// waiter spends a bounded total wait on retries, shared by every request
// of one Upsert so that many small waits cannot add up to a stuck job.
type waiter struct {
	sleep   func(context.Context, time.Duration) error
	now     func() time.Time
	maxWait time.Duration

	mu     sync.Mutex
	waited time.Duration
}

// wait sleeps d when the budget still allows it and reports whether it
// did; false means give up and return the last answer.
func (w *waiter) wait(ctx context.Context, d time.Duration) (bool, error) {
	d = max(d, 0)
	w.mu.Lock()
	if w.waited+d > w.maxWait {
		w.mu.Unlock()
		return false, nil
	}
	w.waited += d
	w.mu.Unlock()
	if err := w.sleep(ctx, d); err != nil {
		return false, err
	}
	return true, nil
}

// sleepContext is the production sleep: a timer that ctx can cut short.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryTransport retries below go-github, so that go-github never records
// a rate-limit reset against the wall clock (it would then refuse further
// calls itself) and the waits follow our injectable clock.
//
// It retries what GitHub documents as safe to repeat: rate-limit answers
// (the request was rejected, not processed) for every method, and server
// errors or lost connections for GET, PATCH and DELETE, which are
// idempotent. A POST that failed that way may have created the comment,
// so Upsert lists again before creating (find before retry).
type retryTransport struct {
	base        http.RoundTripper
	w           *waiter
	maxAttempts int
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	for attempt := 1; attempt < t.maxAttempts; attempt++ {
		d, retry := t.decide(req, resp, err, attempt)
		if !retry {
			break
		}
		next, rerr := rewind(req)
		if rerr != nil {
			break
		}
		ok, werr := t.w.wait(req.Context(), d)
		if werr != nil {
			closeBody(resp)
			return nil, werr
		}
		if !ok {
			break
		}
		closeBody(resp)
		resp, err = t.base.RoundTrip(next)
	}
	return resp, err
}

// decide says whether an answer is worth another try and after how long.
func (t *retryTransport) decide(req *http.Request, resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if err != nil {
		return backoff(attempt), idempotent(req.Method) && req.Context().Err() == nil
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return backoff(attempt), idempotent(req.Method)
	case http.StatusForbidden, http.StatusTooManyRequests:
		return rateLimitWait(resp, t.w.now(), attempt)
	}
	return 0, false
}

// rateLimitWait applies GitHub's rules for exceeded rate limits ("Rate
// limits for the REST API"): wait Retry-After seconds when present; else,
// with x-ratelimit-remaining 0, until x-ratelimit-reset (UTC epoch
// seconds); else, for a secondary limit, at least a minute, growing
// exponentially. Any other 403 (permissions, fork PRs) is final.
func rateLimitWait(resp *http.Response, now time.Time, attempt int) (time.Duration, bool) {
	if v := resp.Header.Get("Retry-After"); v != "" {
		if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return time.Duration(secs) * time.Second, true
		}
		if at, err := http.ParseTime(v); err == nil {
			return at.Sub(now), true
		}
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

// backoff is the wait before retry attempt+1 after a server error: 1 s,
// 2 s, 4 s, ... capped at 30 s.
func backoff(attempt int) time.Duration {
	return min(time.Second<<(attempt-1), 30*time.Second)
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

func closeBody(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
	}
}
