package prcomment

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
)

// session is one Upsert's view of a pull request's comments.
type session struct {
	gh           *github.Client
	owner, repo  string
	number       int
	marker, body string
}

// upsert runs list → edit or create → clean up once. Running it again
// after any failure is safe: it starts from what GitHub has.
func (s *session) upsert(ctx context.Context) (string, error) {
	ours, err := s.listOurs(ctx)
	if err != nil {
		return "", err
	}
	if len(ours) == 0 {
		created, _, err := s.gh.Issues.CreateComment(ctx, s.owner, s.repo, s.number, &github.IssueComment{Body: &s.body})
		if err != nil {
			if uncertain(err) {
				err = fmt.Errorf("%w: %w", errCreateUncertain, err)
			}
			return "", fmt.Errorf("create comment on %s: %w", s.pr(), err)
		}
		return created.GetHTMLURL(), nil
	}
	keep := ours[len(ours)-1] // listed oldest first: the newest wins
	url := keep.GetHTMLURL()
	if keep.GetBody() != s.body {
		edited, resp, err := s.gh.Issues.EditComment(ctx, s.owner, s.repo, keep.GetID(), &github.IssueComment{Body: &s.body})
		if err != nil {
			if resp != nil && resp.StatusCode == http.StatusNotFound {
				// Deleted since we listed (by a person or a racing run).
				err = fmt.Errorf("%w: %w", errListAgain, err)
			}
			return "", fmt.Errorf("edit comment %d on %s: %w", keep.GetID(), s.pr(), err)
		}
		url = edited.GetHTMLURL()
	}
	return url, s.deleteDuplicates(ctx, ours[:len(ours)-1], keep.GetUser().GetLogin())
}

// listOurs pages through all comments and returns the marked ones, oldest
// first.
func (s *session) listOurs(ctx context.Context) ([]*github.IssueComment, error) {
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: perPage}}
	var ours []*github.IssueComment
	for range maxPages {
		page, resp, err := s.gh.Issues.ListComments(ctx, s.owner, s.repo, s.number, opts)
		if err != nil {
			return nil, fmt.Errorf("list comments on %s: %w", s.pr(), err)
		}
		for _, c := range page {
			if isOurs(c.GetBody(), s.marker) {
				ours = append(ours, c)
			}
		}
		if resp.NextPage == 0 {
			return ours, nil
		}
		opts.Page = resp.NextPage
	}
	return nil, fmt.Errorf("list comments on %s: more than %d pages", s.pr(), maxPages)
}

// deleteDuplicates removes older marked comments written by the same
// author as the kept one: a comment by anyone else that happens to carry
// the marker is left alone. One already gone (404) is fine.
func (s *session) deleteDuplicates(ctx context.Context, older []*github.IssueComment, author string) error {
	var errs []error
	for _, c := range older {
		if c.GetUser().GetLogin() != author {
			continue
		}
		resp, err := s.gh.Issues.DeleteComment(ctx, s.owner, s.repo, c.GetID())
		if err != nil && (resp == nil || resp.StatusCode != http.StatusNotFound) {
			errs = append(errs, fmt.Errorf("delete duplicate comment %d on %s: %w", c.GetID(), s.pr(), err))
		}
	}
	return errors.Join(errs...)
}

func (s *session) pr() string {
	return fmt.Sprintf("%s/%s#%d", s.owner, s.repo, s.number)
}
