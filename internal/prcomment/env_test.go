package prcomment

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnvFrom(t *testing.T) {
	vars := map[string]string{
		"GITHUB_TOKEN":        "ghs_secretvalue",
		"GITHUB_REPOSITORY":   "acme/logs",
		"GITHUB_EVENT_PATH":   "/tmp/event.json",
		"GITHUB_STEP_SUMMARY": "/tmp/summary.md",
	}
	got := EnvFrom(func(k string) string { return vars[k] })
	want := Env{Token: "ghs_secretvalue", Repository: "acme/logs", EventPath: "/tmp/event.json",
		APIURL: DefaultAPIURL, StepSummary: "/tmp/summary.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EnvFrom (-want +got):\n%s", diff)
	}
	vars["GITHUB_API_URL"] = "https://ghes.example.com/api/v3"
	if got := EnvFrom(func(k string) string { return vars[k] }); got.APIURL != vars["GITHUB_API_URL"] {
		t.Errorf("APIURL = %q, want GITHUB_API_URL honoured", got.APIURL)
	}
	for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
		if s := fmt.Sprintf(verb, got); strings.Contains(s, "secretvalue") || !strings.Contains(s, "(sensitive)") {
			t.Errorf("Sprintf(%q, env) = %s: token not masked", verb, s)
		}
	}
}

func TestPullRequestFromEvent(t *testing.T) {
	tests := []struct {
		name, payload string
		want          int
		err           error
	}{
		{"pull_request", `{"action":"opened","number":12,"pull_request":{"number":12}}`, 12, nil},
		{"pull_request_target", `{"action":"synchronize","number":3,"pull_request":{"number":3,"head":{"repo":{"fork":true}}}}`, 3, nil},
		{"pull_request_review: nested number only", `{"pull_request":{"number":8}}`, 8, nil},
		{"top-level number only", `{"number":9}`, 9, nil},
		{"issue_comment on a PR", `{"issue":{"number":4,"pull_request":{"url":"https://api.github.com/repos/a/b/pulls/4"}}}`, 4, nil},
		{"issue_comment on an issue", `{"issue":{"number":4}}`, 0, ErrNotPullRequest},
		{"issue_comment with null pull_request", `{"issue":{"number":4,"pull_request":null}}`, 0, ErrNotPullRequest},
		{"push", `{"ref":"refs/heads/main","after":"abc"}`, 0, ErrNotPullRequest},
		{"schedule", `{"schedule":"0 6 * * *"}`, 0, ErrNotPullRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := pullRequestFromEvent([]byte(tc.payload))
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("got (%d, %v), want (%d, %v)", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestPullRequestNumberErrors(t *testing.T) {
	if _, err := PullRequestNumber(""); !errors.Is(err, ErrNotPullRequest) {
		t.Errorf("empty path: %v, want ErrNotPullRequest", err)
	}
	if _, err := PullRequestNumber(t.TempDir() + "/missing.json"); err == nil || errors.Is(err, ErrNotPullRequest) {
		t.Errorf("missing file: %v, want a read error", err)
	}
	if _, err := PullRequestNumber(writeEvent(t, "{")); err == nil || !strings.HasPrefix(err.Error(), "parse event payload") {
		t.Errorf("bad JSON: %v, want a parse error", err)
	}
	if n, err := PullRequestNumber(writeEvent(t, `{"number":5,"pull_request":{"number":5}}`)); n != 5 || err != nil {
		t.Errorf("got (%d, %v), want (5, nil)", n, err)
	}
}
