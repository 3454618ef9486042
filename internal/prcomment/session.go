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
	// author is Env.Author, the login to assume when GET /user is refused.
	author string
	// login is who the token acts as, found once per Upsert.
	login string
}

// upsert runs identify → list → edit or create → clean up once. Running it
// again after any failure is safe: it starts from what GitHub has. Only
// comments by the token's own login count as logctl's: anyone who may
// comment on the PR can write the marker.
func (s *session) upsert(ctx context.Context) (Result, error) {
	if s.login == "" {
		login, err := whoami(ctx, s.gh, s.author)
		if err != nil {
			return Result{}, err
		}
		s.login = login
	}
	marked, err := s.listMarked(ctx)
	if err != nil {
		return Result{}, err
	}
	ours, ignored := partition(marked, s.login)
	res := Result{Author: s.login, Ignored: ignored}
	if len(ours) == 0 {
		created, _, err := s.gh.Issues.CreateComment(ctx, s.owner, s.repo, s.number, &github.IssueComment{Body: &s.body})
		if err != nil {
			if uncertain(err) {
				err = fmt.Errorf("%w: %w", errCreateUncertain, err)
			}
			return Result{}, fmt.Errorf("create comment on %s: %w", s.pr(), err)
		}
		if l := created.GetUser().GetLogin(); l != "" && l != s.login {
			// The token is not who we assumed (an App's installation
			// token): its comment tells. List again so its older
			// comments count as ours and duplicates go.
			s.login = l
			return s.upsert(ctx)
		}
		res.URL = created.GetHTMLURL()
		return res, nil
	}
	keep := ours[len(ours)-1] // listed oldest first: the newest wins
	res.URL = keep.GetHTMLURL()
	if keep.GetBody() != s.body {
		edited, resp, err := s.gh.Issues.EditComment(ctx, s.owner, s.repo, keep.GetID(), &github.IssueComment{Body: &s.body})
		if err != nil {
			if resp != nil && resp.StatusCode == http.StatusNotFound {
				// Deleted since we listed (by a person or a racing run).
				err = fmt.Errorf("%w: %w", errListAgain, err)
			}
			return Result{}, fmt.Errorf("edit comment %d on %s: %w", keep.GetID(), s.pr(), err)
		}
		res.URL = edited.GetHTMLURL()
	}
	return res, s.deleteDuplicates(ctx, ours[:len(ours)-1])
}

// listMarked pages through all comments and returns the marked ones,
// whoever wrote them, oldest first.
func (s *session) listMarked(ctx context.Context) ([]*github.IssueComment, error) {
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

// deleteDuplicates removes older marked comments of ours (left by racing
// runs); partition has kept everyone else's out. One already gone (404) is
// fine.
func (s *session) deleteDuplicates(ctx context.Context, older []*github.IssueComment) error {
	var errs []error
	for _, c := range older {
		if c.GetUser().GetLogin() != s.login {
			continue // never reached: a second guard on deleting
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
