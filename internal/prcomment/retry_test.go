package prcomment

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"

	ghemu "github.com/logctl/logctl/internal/emulator/github"
)

func TestUpsertRetries(t *testing.T) {
	tests := []struct {
		name   string
		faults []ghemu.Fault
		sleeps []time.Duration
		calls  []string
	}{
		{
			name:   "502 twice on list",
			faults: []ghemu.Fault{{Method: "GET", Path: "/comments", Times: 2}},
			sleeps: []time.Duration{time.Second, 2 * time.Second},
			calls:  []string{"WHOAMI", "GET 1", "GET 1", "GET 1", "POST"},
		},
		{
			name:   "secondary rate limit with Retry-After on create",
			faults: []ghemu.Fault{{Kind: ghemu.SecondaryRateLimit, Method: "POST", RetryAfter: 7 * time.Second}},
			sleeps: []time.Duration{7 * time.Second},
			calls:  []string{"WHOAMI", "GET 1", "POST", "POST"},
		},
		{
			name:   "secondary rate limit 429 without headers waits a minute",
			faults: []ghemu.Fault{{Kind: ghemu.SecondaryRateLimit, Status: 429, Method: "GET", Path: "/comments"}},
			sleeps: []time.Duration{time.Minute},
			calls:  []string{"WHOAMI", "GET 1", "GET 1", "POST"},
		},
		{
			name:   "primary rate limit waits for X-RateLimit-Reset",
			faults: []ghemu.Fault{{Kind: ghemu.PrimaryRateLimit, Method: "GET", Path: "/comments", Reset: testNow.Add(90 * time.Second)}},
			sleeps: []time.Duration{91 * time.Second},
			calls:  []string{"WHOAMI", "GET 1", "GET 1", "POST"},
		},
		{
			name:   "502 on create, nothing created: list again, then create",
			faults: []ghemu.Fault{{Method: "POST"}},
			sleeps: []time.Duration{time.Second},
			calls:  []string{"WHOAMI", "GET 1", "POST", "GET 1", "POST"},
		},
		{
			name:   "502 after the create went through: found on the second list",
			faults: []ghemu.Fault{{Method: "POST", AfterCommit: true}},
			sleeps: []time.Duration{time.Second},
			calls:  []string{"WHOAMI", "GET 1", "POST", "GET 1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			for _, f := range tc.faults {
				h.emu.InjectFault(f)
			}
			if _, err := h.upsertOnFakeClock(t, "logs", "plan"); err != nil {
				t.Fatal(err)
			}
			if c := h.comments(); len(c) != 1 || c[0].Body != Marker("logs")+"\nplan" {
				t.Errorf("comments = %+v, want exactly one with the plan", c)
			}
			if diff := cmp.Diff(tc.sleeps, h.recordedSleeps()); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.calls, h.calls()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUpsertGivesUp(t *testing.T) {
	tests := []struct {
		name    string
		maxWait time.Duration
		fault   ghemu.Fault
		check   func(error) bool
		sleeps  []time.Duration
	}{
		{
			name:    "Retry-After beyond the budget: no wait at all",
			maxWait: 10 * time.Second,
			fault:   ghemu.Fault{Kind: ghemu.SecondaryRateLimit, RetryAfter: time.Minute, Times: 100},
			check:   func(err error) bool { var e *github.AbuseRateLimitError; return errors.As(err, &e) },
		},
		{
			name:    "persistent 502 on list: bounded attempts",
			maxWait: time.Hour,
			fault:   ghemu.Fault{Method: "GET", Path: "/comments", Times: 100},
			check:   isStatus(http.StatusBadGateway),
			sleeps:  []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second},
		},
		{
			name:    "persistent 502 on list: bounded total wait",
			maxWait: 5 * time.Second,
			fault:   ghemu.Fault{Method: "GET", Path: "/comments", Times: 100},
			check:   isStatus(http.StatusBadGateway),
			sleeps:  []time.Duration{1 * time.Second, 2 * time.Second},
		},
		{
			name:    "403 on a fork PR is final",
			maxWait: time.Hour,
			fault:   ghemu.Fault{Kind: ghemu.Forbidden, Method: "POST"},
			check:   isStatus(http.StatusForbidden),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.c.Retry.MaxWait = tc.maxWait
			h.emu.InjectFault(tc.fault)
			_, err := h.upsertOnFakeClock(t, "logs", "plan")
			if err == nil || !tc.check(err) {
				t.Fatalf("err = %v", err)
			}
			if diff := cmp.Diff(tc.sleeps, h.recordedSleeps()); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
			if n := len(h.comments()); n != 0 {
				t.Errorf("%d comments created", n)
			}
		})
	}
}

func isStatus(code int) func(error) bool {
	return func(err error) bool {
		var e *github.ErrorResponse
		return errors.As(err, &e) && e.Response.StatusCode == code
	}
}

// TestUpsertPersistentCreateFailure: a POST that keeps failing is retried
// through list-then-create a bounded number of times and never duplicates.
func TestUpsertPersistentCreateFailure(t *testing.T) {
	h := newHarness(t)
	h.emu.InjectFault(ghemu.Fault{Method: "POST", Times: 100})
	_, err := h.upsertOnFakeClock(t, "logs", "plan")
	if !errors.Is(err, errCreateUncertain) || !isStatus(http.StatusBadGateway)(err) {
		t.Fatalf("err = %v, want an uncertain create with 502", err)
	}
	var total time.Duration
	for _, d := range h.recordedSleeps() {
		total += d
	}
	if total > DefaultMaxWait || len(h.recordedSleeps()) != maxAttempts-1 {
		t.Errorf("slept %v (%d times), want %d sleeps within %v", total, len(h.recordedSleeps()), maxAttempts-1, DefaultMaxWait)
	}
}
