package prcomment

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// DefaultAPIURL is github.com's REST endpoint, used when GITHUB_API_URL is
// unset. On GitHub Enterprise Server the runner sets GITHUB_API_URL to
// https://HOST/api/v3.
const DefaultAPIURL = "https://api.github.com/"

// ErrNotPullRequest means the run's event is not about a pull request, so
// there is no PR to comment on; callers say so and skip the comment.
var ErrNotPullRequest = errors.New("not a pull request run")

// ErrNoToken means GITHUB_TOKEN is empty.
var ErrNoToken = errors.New("GITHUB_TOKEN is not set")

// Env is what the comment needs from the GitHub Actions environment.
type Env struct {
	Token       string // GITHUB_TOKEN; never printed
	Repository  string // GITHUB_REPOSITORY, "owner/name"
	EventPath   string // GITHUB_EVENT_PATH, the webhook payload of the run
	APIURL      string // GITHUB_API_URL, DefaultAPIURL when unset
	StepSummary string // GITHUB_STEP_SUMMARY, the job summary file of the step
	// Author is LOGCTL_COMMENT_AUTHOR: the login to post as when GET /user
	// is refused and the token is not a workflow's GITHUB_TOKEN but a
	// GitHub App's installation token ("<app-slug>[bot]"). Empty means
	// ActionsLogin.
	Author string
}

// EnvFrom reads Env through getenv (os.Getenv in main).
func EnvFrom(getenv func(string) string) Env {
	e := Env{
		Token:       getenv("GITHUB_TOKEN"),
		Repository:  getenv("GITHUB_REPOSITORY"),
		EventPath:   getenv("GITHUB_EVENT_PATH"),
		APIURL:      getenv("GITHUB_API_URL"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		Author:      getenv("LOGCTL_COMMENT_AUTHOR"),
	}
	if e.APIURL == "" {
		e.APIURL = DefaultAPIURL
	}
	return e
}

// String describes e with the token masked, so logging an Env cannot leak
// it.
func (e Env) String() string {
	token := ""
	if e.Token != "" {
		token = "(sensitive)"
	}
	return fmt.Sprintf("{Token:%s Repository:%s EventPath:%s APIURL:%s StepSummary:%s Author:%s}",
		token, e.Repository, e.EventPath, e.APIURL, e.StepSummary, e.Author)
}

// GoString masks the token for %#v as well.
func (e Env) GoString() string { return "prcomment.Env" + e.String() }

// ownerRepo splits GITHUB_REPOSITORY.
func (e Env) ownerRepo() (owner, repo string, err error) {
	owner, repo, ok := strings.Cut(e.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", fmt.Errorf("GITHUB_REPOSITORY %q is not owner/name", e.Repository)
	}
	return owner, repo, nil
}

// PullRequestNumber returns the number of the pull request the run is
// about, read from the event payload at path. Without a path (not in
// Actions) or for events that carry no pull request it returns
// ErrNotPullRequest.
func PullRequestNumber(path string) (int, error) {
	if path == "" {
		return 0, ErrNotPullRequest
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read event payload: %w", err)
	}
	return pullRequestFromEvent(data)
}

// pullRequestFromEvent finds the PR number in a webhook payload:
// pull_request and pull_request_target (and the review events) carry
// .pull_request.number and .number; issue_comment on a PR carries
// .issue.number with a .issue.pull_request object.
func pullRequestFromEvent(data []byte) (int, error) {
	var ev struct {
		Number      int `json:"number"`
		PullRequest *struct {
			Number int `json:"number"`
		} `json:"pull_request"`
		Issue *struct {
			Number      int             `json:"number"`
			PullRequest json.RawMessage `json:"pull_request"`
		} `json:"issue"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return 0, fmt.Errorf("parse event payload: %w", err)
	}
	switch {
	case ev.PullRequest != nil && ev.PullRequest.Number > 0:
		return ev.PullRequest.Number, nil
	case ev.Number > 0:
		return ev.Number, nil
	case ev.Issue != nil && ev.Issue.Number > 0 && len(ev.Issue.PullRequest) > 0 && string(ev.Issue.PullRequest) != "null":
		return ev.Issue.Number, nil
	}
	return 0, ErrNotPullRequest
}
