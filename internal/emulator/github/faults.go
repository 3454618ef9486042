package github

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultKind selects what an injected fault answers.
type FaultKind int

const (
	// ServerError answers 502 with GitHub's "Server Error" JSON (Status
	// overrides the code, e.g. 500 or 503).
	ServerError FaultKind = iota
	// SecondaryRateLimit answers 403 with the secondary-rate-limit message
	// and documentation link, plus Retry-After when RetryAfter is set and
	// X-RateLimit-Remaining: 0 / X-RateLimit-Reset when Reset is set.
	SecondaryRateLimit
	// PrimaryRateLimit answers 403 "API rate limit exceeded" with
	// X-RateLimit-Remaining: 0 and X-RateLimit-Reset = Reset.
	PrimaryRateLimit
	// Forbidden answers 403 "Resource not accessible by integration", what
	// GITHUB_TOKEN gets when it lacks a permission, e.g. on a fork's PR.
	Forbidden
)

// Fault is an error answer injected in place of the next matching
// requests.
type Fault struct {
	Kind   FaultKind
	Status int    // 0: 502 for ServerError, 403 for the rate limits (429 is also documented)
	Method string // "" matches any method
	// Path, when set, limits the fault to requests whose path ends with
	// it, e.g. "/comments" for listing and creating but not GET /user.
	Path  string
	Times int // how many requests it answers; 0 means 1

	RetryAfter time.Duration // SecondaryRateLimit: Retry-After, whole seconds
	Reset      time.Time     // X-RateLimit-Reset, epoch seconds

	// AfterCommit applies the request (the comment is created, edited or
	// deleted) and then answers with the fault, as when a gateway loses
	// GitHub's answer.
	AfterCommit bool
}

// InjectFault queues f; faults are consumed in the order injected.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFault returns the first queued fault matching method and path and
// uses up one of its times. The caller holds s.mu.
func (s *Server) takeFault(method, path string) (Fault, bool) {
	for i := range s.faults {
		f := &s.faults[i]
		if f.Method != "" && f.Method != method || !strings.HasSuffix(path, f.Path) {
			continue
		}
		taken := *f
		f.Times--
		if f.Times == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return taken, true
	}
	return Fault{}, false
}

// write answers with the fault, as GitHub documents for each kind (REST
// rate limits: 403 or 429; retry-after in seconds; x-ratelimit-reset in
// UTC epoch seconds).
func (f Fault) write(w http.ResponseWriter, now time.Time) {
	h := w.Header()
	switch f.Kind {
	case SecondaryRateLimit:
		if f.RetryAfter > 0 {
			h.Set("Retry-After", strconv.Itoa(int(f.RetryAfter/time.Second)))
		}
		if !f.Reset.IsZero() {
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset", strconv.FormatInt(f.Reset.Unix(), 10))
		}
		writeError(w, f.status(http.StatusForbidden),
			"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			docsSecondaryLimits)
	case PrimaryRateLimit:
		reset := f.Reset
		if reset.IsZero() {
			reset = now.Add(time.Hour)
		}
		h.Set("X-RateLimit-Limit", "5000")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", "5000")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		writeError(w, f.status(http.StatusForbidden), "API rate limit exceeded.", docsPrimaryRateLimits)
	case Forbidden:
		writeError(w, f.status(http.StatusForbidden), "Resource not accessible by integration", docsCreateComment)
	default:
		writeError(w, f.status(http.StatusBadGateway), "Server Error", docsREST)
	}
}

func (f Fault) status(def int) int {
	if f.Status != 0 {
		return f.Status
	}
	return def
}
