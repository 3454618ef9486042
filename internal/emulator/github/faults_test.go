package github

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	reset := time.Date(2025, 3, 1, 13, 0, 0, 0, time.UTC)
	const path = "/repos/o/r/issues/1/comments"
	tests := []struct {
		name    string
		fault   Fault
		method  string
		status  int
		headers map[string]string
		docs    string // suffix of documentation_url
	}{
		{"server error", Fault{}, "GET", 502, nil, "/rest"},
		{"server error status", Fault{Status: 503}, "GET", 503, nil, "/rest"},
		{"secondary with retry-after", Fault{Kind: SecondaryRateLimit, RetryAfter: 7 * time.Second}, "POST", 403,
			map[string]string{"Retry-After": "7"}, "secondary-rate-limits"},
		{"secondary 429 with reset", Fault{Kind: SecondaryRateLimit, Status: 429, Reset: reset}, "GET", 429,
			map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(reset.Unix(), 10)}, "secondary-rate-limits"},
		{"forbidden", Fault{Kind: Forbidden}, "POST", 403, nil, "#create-an-issue-comment"},
		{"primary", Fault{Kind: PrimaryRateLimit, Reset: reset}, "GET", 403,
			map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(reset.Unix(), 10)}, "primary-rate-limits"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New()
			srv := httptest.NewServer(s)
			defer srv.Close()
			s.InjectFault(tc.fault)
			var e apiError
			body := ""
			if tc.method == "POST" {
				body = `{"body":"x"}`
			}
			resp := call(t, srv, tc.method, path, bearer, body, &e)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			for k, v := range tc.headers {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if !strings.HasSuffix(e.DocumentationURL, tc.docs) {
				t.Errorf("documentation_url = %q, want suffix %q", e.DocumentationURL, tc.docs)
			}
			if n := len(s.Comments("o", "r", 1)); n != 0 {
				t.Errorf("a faulted request made %d comments", n)
			}
			if resp := call(t, srv, tc.method, path, bearer, body, nil); resp.StatusCode >= 400 {
				t.Errorf("request after the fault: status %d", resp.StatusCode)
			}
		})
	}
}

func TestFaultTimesAndMethod(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	const path = "/repos/o/r/issues/1/comments"
	s.InjectFault(Fault{Method: "POST", Times: 2})
	var statuses []int
	for _, m := range []string{"GET", "POST", "GET", "POST", "POST"} {
		body := ""
		if m == "POST" {
			body = `{"body":"x"}`
		}
		statuses = append(statuses, call(t, srv, m, path, bearer, body, nil).StatusCode)
	}
	want := []int{200, 502, 200, 502, 201}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", statuses, want)
		}
	}
	if got := len(s.Requests()); got != 5 {
		t.Errorf("Requests() has %d entries, want 5", got)
	}
}

func TestFaultAfterCommit(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.InjectFault(Fault{Method: "POST", AfterCommit: true})
	resp := call(t, srv, "POST", "/repos/o/r/issues/1/comments", bearer, `{"body":"x"}`, nil)
	if resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("status = %d, want 502", resp.StatusCode)
	}
	if n := len(s.Comments("o", "r", 1)); n != 1 {
		t.Errorf("after-commit fault left %d comments, want 1", n)
	}
}

func TestFaultBeforeAuth(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.InjectFault(Fault{})
	if resp := call(t, srv, "GET", "/repos/o/r/issues/1/comments", "", "", nil); resp.StatusCode != http.StatusBadGateway {
		t.Errorf("status = %d, want 502: a gateway error comes before the token check", resp.StatusCode)
	}
}
