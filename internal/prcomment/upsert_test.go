package prcomment

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-github/v60/github"
)

func TestUpsertCreatesThenEditsInPlace(t *testing.T) {
	h := newHarness(t)
	u := h.mustUpsert("logs", "plan v1")
	got := h.comments()
	if len(got) != 1 {
		t.Fatalf("%d comments after the first run, want 1", len(got))
	}
	first := got[0]
	if want := Marker("logs") + "\nplan v1"; first.Body != want {
		t.Errorf("body = %q, want %q", first.Body, want)
	}
	if want := fmt.Sprintf("%s/%s/%s/pull/%d#issuecomment-%d", h.srv.URL, owner, repo, prNum, first.ID); u != want {
		t.Errorf("url = %q, want %q", u, want)
	}

	u2 := h.mustUpsert("logs", "plan v2")
	got = h.comments()
	if len(got) != 1 || got[0].ID != first.ID || !strings.HasSuffix(got[0].Body, "\nplan v2") {
		t.Fatalf("after the second run: %+v, want comment %d edited", got, first.ID)
	}
	if u2 != u {
		t.Errorf("second url %q, want %q", u2, u)
	}

	h.mustUpsert("logs", "plan v2")
	want := []string{"WHOAMI", "GET 1", "POST", "WHOAMI", "GET 1", "PATCH", "WHOAMI", "GET 1"}
	if diff := cmp.Diff(want, h.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestUpsertFindsOursOnALaterPage(t *testing.T) {
	h := newHarness(t)
	for i := range 180 {
		h.emu.AddComment(owner, repo, prNum, human, fmt.Sprintf("comment %d", i))
	}
	ours := h.emu.AddComment(owner, repo, prNum, bot, Marker("logs")+"\nold plan")
	for i := range 70 {
		h.emu.AddComment(owner, repo, prNum, human, fmt.Sprintf("later %d", i))
	}
	h.mustUpsert("logs", "new plan")

	got := h.comments()
	if len(got) != 251 {
		t.Fatalf("%d comments, want 251 (nothing created or deleted)", len(got))
	}
	if c := got[180]; c.ID != ours.ID || c.Body != Marker("logs")+"\nnew plan" {
		t.Errorf("comment %d = %q, want ours edited", c.ID, c.Body)
	}
	want := []string{"WHOAMI", "GET 1", "GET 2", "GET 3", "PATCH"}
	if diff := cmp.Diff(want, h.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	for _, r := range h.emu.Requests()[1:4] {
		if !strings.Contains(r.Query, "per_page=100") {
			t.Errorf("list query %q, want per_page=100", r.Query)
		}
	}
}

func TestUpsertCleansDuplicates(t *testing.T) {
	h := newHarness(t)
	marked := Marker("logs") + "\nrace"
	older1 := h.emu.AddComment(owner, repo, prNum, bot, marked)
	humanCopy := h.emu.AddComment(owner, repo, prNum, human, marked)
	older2 := h.emu.AddComment(owner, repo, prNum, bot, marked)
	other := h.emu.AddComment(owner, repo, prNum, bot, Marker("other")+"\nanother dir")
	newest := h.emu.AddComment(owner, repo, prNum, bot, marked)

	h.mustUpsert("logs", "final")
	var ids []int64
	for _, c := range h.comments() {
		ids = append(ids, c.ID)
	}
	want := []int64{humanCopy.ID, other.ID, newest.ID}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("comments left (-want +got):\n%s\n(older %d and %d should be gone)", diff, older1.ID, older2.ID)
	}
	if body := h.comments()[2].Body; body != Marker("logs")+"\nfinal" {
		t.Errorf("newest body = %q", body)
	}
}

func TestUpsertMarkerPerDirectory(t *testing.T) {
	h := newHarness(t)
	h.mustUpsert("logs/prod", "prod v1")
	h.mustUpsert("./logs/staging/", "staging v1")
	h.mustUpsert("logs/prod/", "prod v2")
	got := h.comments()
	if len(got) != 2 {
		t.Fatalf("%d comments, want 2", len(got))
	}
	want := []string{Marker("logs/prod") + "\nprod v2", Marker("logs/staging") + "\nstaging v1"}
	if diff := cmp.Diff(want, []string{got[0].Body, got[1].Body}); diff != "" {
		t.Errorf("bodies (-want +got):\n%s", diff)
	}
}

func TestUpsertGHESBaseURL(t *testing.T) {
	h := newHarness(t)
	h.env.APIURL = h.srv.URL + "/api/v3"
	u := h.mustUpsert("logs", "plan")
	if len(h.comments()) != 1 {
		t.Fatalf("%d comments, want 1", len(h.comments()))
	}
	for _, r := range h.emu.Requests() {
		if !strings.HasPrefix(r.Path, "/api/v3/repos/acme/logs/") && r.Path != "/api/v3/user" {
			t.Errorf("request path %q lacks the /api/v3 prefix", r.Path)
		}
	}
	if !strings.HasPrefix(u, h.srv.URL+"/acme/logs/pull/5#issuecomment-") {
		t.Errorf("url = %q", u)
	}
}

func TestUpsertBadToken(t *testing.T) {
	h := newHarness(t)
	h.env.Token = "ghp_wrongSecretValue"
	_, err := h.upsertOnFakeClock(t, "logs", "plan")
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response.StatusCode != 401 || er.Message != "Bad credentials" {
		t.Fatalf("err = %v, want 401 Bad credentials", err)
	}
	if strings.Contains(err.Error(), h.env.Token) {
		t.Errorf("error leaks the token: %v", err)
	}
	if s := h.recordedSleeps(); len(s) != 0 {
		t.Errorf("slept %v on a 401", s)
	}
}

func TestUpsertRefusesTooLongBeforeCalling(t *testing.T) {
	h := newHarness(t)
	_, err := h.upsert("logs", strings.Repeat("é", BodyBudget("logs")+1))
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.Chars != MaxCommentChars+1 || tl.Limit != MaxCommentChars {
		t.Fatalf("err = %v, want TooLongError{%d, %d}", err, MaxCommentChars+1, MaxCommentChars)
	}
	if n := len(h.emu.Requests()); n != 0 {
		t.Errorf("%d API calls made for a body that cannot fit", n)
	}
	h.mustUpsert("logs", strings.Repeat("é", BodyBudget("logs")))
	if c := h.comments(); len(c) != 1 || len([]rune(c[0].Body)) != MaxCommentChars {
		t.Errorf("a body of exactly the budget was not stored whole")
	}
}

// TestStandInRejectsTooLong checks the 422 the refusal protects against,
// through go-github, so the stand-in's shape is what go-github parses.
func TestStandInRejectsTooLong(t *testing.T) {
	h := newHarness(t)
	client, err := h.c.client(h.env, h.c.Retry.Or(defaultRetry))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("x", MaxCommentChars+1)
	_, _, err = client.Issues.CreateComment(t.Context(), owner, repo, prNum, &github.IssueComment{Body: &body})
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response.StatusCode != 422 || len(er.Errors) != 1 ||
		er.Errors[0].Message != "Body is too long (maximum is 65536 characters)" {
		t.Fatalf("err = %v, want 422 Body is too long", err)
	}
}

func TestUpsertPreconditions(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(h *harness)
		want  error
		wants string
	}{
		{"no event path", func(h *harness) { h.env.EventPath = "" }, ErrNotPullRequest, ""},
		{"push event", func(h *harness) { h.env.EventPath = writeEvent(h.t, `{"ref":"refs/heads/main"}`) }, ErrNotPullRequest, ""},
		{"no token", func(h *harness) { h.env.Token = "" }, ErrNoToken, ""},
		{"bad repository", func(h *harness) { h.env.Repository = "acme" }, nil, `GITHUB_REPOSITORY "acme" is not owner/name`},
		{"bad api url", func(h *harness) { h.env.APIURL = "ftp://x" }, nil, `GITHUB_API_URL "ftp://x" is not an http(s) URL`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.edit(h)
			_, err := h.upsert("logs", "plan")
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if tc.wants != "" && (err == nil || err.Error() != tc.wants) {
				t.Errorf("err = %v, want %q", err, tc.wants)
			}
			if n := len(h.emu.Requests()); n != 0 {
				t.Errorf("%d API calls made", n)
			}
		})
	}
}

// raceDeleter deletes a comment itself just before the client's DELETE
// reaches the server, as a concurrent run would.
type raceDeleter struct{ base http.RoundTripper }

func (r raceDeleter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodDelete {
		first := req.Clone(req.Context())
		resp, err := r.base.RoundTrip(first)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
	}
	return r.base.RoundTrip(req)
}

func TestUpsertDuplicateAlreadyDeleted(t *testing.T) {
	h := newHarness(t)
	h.c.HTTPClient = &http.Client{Transport: raceDeleter{h.srv.Client().Transport}}
	h.emu.AddComment(owner, repo, prNum, bot, Marker("logs")+"\nold")
	h.emu.AddComment(owner, repo, prNum, bot, Marker("logs")+"\nnewer")
	if _, err := h.upsert("logs", "plan"); err != nil {
		t.Fatalf("Upsert: %v (a 404 on deleting a duplicate means it is gone: fine)", err)
	}
	if c := h.comments(); len(c) != 1 || c[0].Body != Marker("logs")+"\nplan" {
		t.Errorf("comments = %+v", c)
	}
}

// deleteBeforeEdit deletes the comment a PATCH is about to edit, once, as
// a person tidying the PR might.
type deleteBeforeEdit struct {
	base http.RoundTripper
	done *bool
}

func (d deleteBeforeEdit) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPatch && !*d.done {
		*d.done = true
		del, err := http.NewRequestWithContext(req.Context(), http.MethodDelete, req.URL.String(), nil)
		if err != nil {
			return nil, err
		}
		del.Header = req.Header.Clone()
		resp, err := d.base.RoundTrip(del)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
	}
	return d.base.RoundTrip(req)
}

func TestUpsertCommentDeletedBeforeEdit(t *testing.T) {
	h := newHarness(t)
	done := false
	h.c.HTTPClient = &http.Client{Transport: deleteBeforeEdit{h.srv.Client().Transport, &done}}
	h.emu.AddComment(owner, repo, prNum, bot, Marker("logs")+"\nold")
	h.mustUpsert("logs", "plan")
	if c := h.comments(); len(c) != 1 || c[0].Body != Marker("logs")+"\nplan" {
		t.Errorf("comments = %+v, want one new comment", c)
	}
	want := []string{"WHOAMI", "GET 1", "DELETE", "PATCH", "GET 1", "POST"}
	if diff := cmp.Diff(want, h.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
