package prcomment

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
)

// ActionsLogin is the author of comments written with a workflow's
// GITHUB_TOKEN. That token is an installation token: GitHub refuses it
// GET /user with 403 "Resource not accessible by integration", so the
// login cannot be asked for and is known instead.
const ActionsLogin = "github-actions[bot]"

// Ignored is a comment that carries logctl's marker but was written by
// someone other than the identity logctl posts as. Upsert neither edits
// nor deletes it (anyone who may comment on the PR could have planted it,
// e.g. a forged "No changes"); the caller reports it.
type Ignored struct {
	ID     int64
	URL    string
	Author string
}

// Result is what Upsert did.
type Result struct {
	// URL is the web address of logctl's comment.
	URL string
	// Author is the login logctl posted as.
	Author string
	// Ignored lists marked comments by other authors, oldest first.
	Ignored []Ignored
}

// whoami returns the login the token acts as: GET /user for a personal
// access token; for an installation token, which GitHub refuses that call
// with 403, env.Author when set (a GitHub App's "<slug>[bot]") and
// ActionsLogin otherwise. Nothing is remembered between runs: the token
// decides every time.
func whoami(ctx context.Context, gh *github.Client, author string) (string, error) {
	u, resp, err := gh.Users.Get(ctx, "")
	switch {
	case err == nil && u.GetLogin() != "":
		return u.GetLogin(), nil
	case resp != nil && resp.StatusCode == http.StatusForbidden:
		if author != "" {
			return author, nil
		}
		return ActionsLogin, nil
	case err == nil:
		return "", fmt.Errorf("find who the token acts as: GET /user named no login")
	}
	return "", fmt.Errorf("find who the token acts as: %w", err)
}

// partition splits marked comments into those by login (ours) and the
// rest, keeping the order.
func partition(marked []*github.IssueComment, login string) (ours []*github.IssueComment, others []Ignored) {
	for _, c := range marked {
		if c.GetUser().GetLogin() == login {
			ours = append(ours, c)
			continue
		}
		others = append(others, Ignored{ID: c.GetID(), URL: c.GetHTMLURL(), Author: c.GetUser().GetLogin()})
	}
	return ours, others
}
