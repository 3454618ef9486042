package github

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestIssueLifecycle(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	const repo = "/repos/o/r/issues"

	var created wireIssue
	resp := call(t, srv, "POST", repo, bearer, `{"title":"logctl drift: logs","body":"<!-- m -->\nplan"}`, &created)
	if resp.StatusCode != http.StatusCreated || created.Number != 1 || created.State != "open" || created.User.Login != DefaultLogin {
		t.Fatalf("create: %d %+v", resp.StatusCode, created)
	}
	call(t, srv, "POST", repo, bearer, `{"title":"second"}`, nil)

	var open []wireIssue
	call(t, srv, "GET", repo+"?state=open&per_page=1&page=2", bearer, "", &open)
	if len(open) != 1 || open[0].Number != 1 {
		t.Fatalf("page 2 of open issues, newest first: want #1, got %+v", open)
	}

	var updated wireIssue
	call(t, srv, "PATCH", repo+"/1", bearer, `{"state":"closed","state_reason":"completed"}`, &updated)
	if updated.State != "closed" || updated.StateReason == nil || *updated.StateReason != "completed" || updated.Body != "<!-- m -->\nplan" {
		t.Fatalf("close keeps the body and records the reason: %+v", updated)
	}
	open = nil
	call(t, srv, "GET", repo, bearer, "", &open)
	if len(open) != 1 || open[0].Number != 2 {
		t.Fatalf("open issues after closing #1: %+v", open)
	}
	if got := srv.Config.Handler.(*Server).Issues("o", "r"); len(got) != 2 || got[0].State != "closed" {
		t.Fatalf("Issues: %+v", got)
	}
}

func TestIssueErrors(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"no title", "POST", "/repos/o/r/issues", `{"body":"x"}`, http.StatusUnprocessableEntity},
		{"bad json", "POST", "/repos/o/r/issues", `{`, http.StatusBadRequest},
		{"unknown issue", "PATCH", "/repos/o/r/issues/9", `{"state":"closed"}`, http.StatusNotFound},
		{"bad state", "PATCH", "/repos/o/r/issues/1", `{"state":"gone"}`, http.StatusUnprocessableEntity},
		{"no token", "GET", "/repos/o/r/issues", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := bearer
			if tt.name == "no token" {
				token = ""
			}
			if resp := call(t, srv, tt.method, tt.path, token, tt.body, nil); resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
}
