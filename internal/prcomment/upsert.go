package prcomment

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/logctl/logctl/internal/retry"
)

// Retry defaults: waits for retries of one Upsert never add up to more
// than DefaultMaxWait (GitHub asks for at least a minute after a secondary
// rate limit, so this allows a couple), and a request is tried at most
// maxAttempts times.
const (
	DefaultMaxWait = 3 * time.Minute
	maxAttempts    = 6
	// perPage is the REST API's largest page, to list with the fewest calls.
	perPage = 100
	// maxPages stops a listing that never ends (a misbehaving proxy).
	maxPages = 1000
)

// Commenter writes the sticky comment. The zero value is ready to use;
// the fields exist so tests (and callers with special needs) can inject.
type Commenter struct {
	// HTTPClient sends the requests; nil means one whose transport gives
	// up on a response header after 30 s. Its Timeout, if set, bounds the
	// retries of a request as well.
	HTTPClient *http.Client
	// Now is the clock rate-limit resets are measured against.
	Now func() time.Time
	// Retry bounds the retries; zero bounds take defaultRetry's. Its
	// MaxWait is the total wait of one Upsert, shared by all its requests.
	Retry retry.Policy
}

// defaultRetry: server errors are retried after 1 s, 2 s, 4 s, ...
// (jittered, capped at 30 s); rate limits wait what GitHub asks.
var defaultRetry = retry.Policy{Tries: maxAttempts, Initial: time.Second, Max: 30 * time.Second, MaxWait: DefaultMaxWait}

// Upsert is Commenter{}.Upsert.
func Upsert(ctx context.Context, env Env, dir, markdown string) (Result, error) {
	return Commenter{}.Upsert(ctx, env, dir, markdown)
}

// Upsert makes the pull request of env's event carry exactly one logctl
// comment for dir, with markdown as its text, and returns the comment's
// web URL. It finds who the token acts as (see whoami), lists every
// comment (100 a page, following Link headers), edits the newest one of
// its own bearing Marker(dir) in place (or leaves it alone if unchanged),
// deletes its older marked ones (left by racing runs), and creates a
// comment only when it has none. Marked comments by anyone else are never
// touched: they are returned in Result.Ignored for the caller to report.
//
// It returns ErrNotPullRequest outside a PR, ErrNoToken without a token,
// and *TooLongError, before calling the API, when markdown does not fit
// BodyBudget(dir). If the comment was written but removing a duplicate
// failed, both the result and the error are returned.
func (c Commenter) Upsert(ctx context.Context, env Env, dir, markdown string) (Result, error) {
	number, err := PullRequestNumber(env.EventPath)
	if err != nil {
		return Result{}, err
	}
	body, err := commentBody(dir, markdown)
	if err != nil {
		return Result{}, err
	}
	if env.Token == "" {
		return Result{}, ErrNoToken
	}
	owner, repo, err := env.ownerRepo()
	if err != nil {
		return Result{}, err
	}
	policy := c.Retry.Or(defaultRetry)
	policy.Budget = retry.NewBudget(policy.MaxWait)
	client, err := c.client(env, policy)
	if err != nil {
		return Result{}, err
	}
	s := &session{gh: client, owner: owner, repo: repo, number: number, marker: Marker(dir), body: body, author: env.Author}
	var u Result
	// A create that may have gone through waits, then lists again (find
	// before retry); a comment that changed since listed lists again at once.
	err = retry.Do(ctx, policy, func(err error) bool { return errors.Is(err, errCreateUncertain) }, func() error {
		var err error
		if u, err = s.upsert(ctx); errors.Is(err, errListAgain) {
			return retry.After(err, 0)
		}
		return err
	})
	return u, err
}

// client builds a go-github client on env's API URL with our retries
// under its authentication.
func (c Commenter) client(env Env, policy retry.Policy) (*github.Client, error) {
	hc := http.Client{}
	if c.HTTPClient != nil {
		hc = *c.HTTPClient
	}
	base := hc.Transport
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = 30 * time.Second
		base = t
	}
	now := c.Now
	if now == nil {
		now = time.Now
	}
	hc.Transport = &retryTransport{base: base, policy: policy, now: now}
	client := github.NewClient(&hc).WithAuthToken(env.Token)

	apiURL := env.APIURL
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL", apiURL)
	}
	// Used as given: GHES sets https://HOST/api/v3, a local server may have
	// no prefix at all. go-github needs the trailing slash.
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	client.BaseURL = u
	return client, nil
}

// errListAgain marks a failure that a fresh listing resolves: the comment
// to edit was deleted after we listed it.
var errListAgain = errors.New("comment changed since listed")

// errCreateUncertain marks a create that failed in a way that may still
// have created the comment (server error, lost connection).
var errCreateUncertain = errors.New("comment may or may not have been created")

// uncertain reports whether err leaves a POST's outcome unknown.
func uncertain(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) {
		return er.Response != nil && er.Response.StatusCode >= 500
	}
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne)
}
