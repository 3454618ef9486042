package github

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// docs for the issue endpoints, as GitHub puts them in error bodies.
const (
	docsCreateIssue = "https://docs.github.com/rest/issues/issues#create-an-issue"
	docsUpdateIssue = "https://docs.github.com/rest/issues/issues#update-an-issue"
)

// Issue is a stored issue: what the drift check of the action opens,
// updates and closes.
type Issue struct {
	Number      int
	Owner       string
	Repo        string
	Title       string
	Body        string
	State       string // "open" or "closed"
	StateReason string // "completed", "not_planned", "reopened" or ""
	User        User
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type repoKey struct{ owner, repo string }

// wireIssue is an issue as the REST API returns it (the fields a client of
// the drift check reads).
type wireIssue struct {
	ID          int64     `json:"id"`
	Number      int       `json:"number"`
	URL         string    `json:"url"`
	HTMLURL     string    `json:"html_url"`
	Title       string    `json:"title"`
	Body        string    `json:"body"`
	State       string    `json:"state"`
	StateReason *string   `json:"state_reason"`
	User        User      `json:"user"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func (i *Issue) wire(base, web string) wireIssue {
	w := wireIssue{
		ID: int64(i.Number) + 900000, Number: i.Number,
		URL:     fmt.Sprintf("%s/repos/%s/%s/issues/%d", base, i.Owner, i.Repo, i.Number),
		HTMLURL: fmt.Sprintf("%s/%s/%s/issues/%d", web, i.Owner, i.Repo, i.Number),
		Title:   i.Title, Body: i.Body, State: i.State, User: i.User,
		CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt,
	}
	if i.StateReason != "" {
		w.StateReason = &i.StateReason
	}
	return w
}

// issueInput is the JSON of a create or an update; absent fields are nil.
type issueInput struct {
	Title       *string `json:"title"`
	Body        *string `json:"body"`
	State       *string `json:"state"`
	StateReason *string `json:"state_reason"`
}

// createIssue is POST /repos/{owner}/{repo}/issues. Numbers count from 1
// per repository. A missing title is 422 missing_field, as on GitHub.
func (s *Server) createIssue(w http.ResponseWriter, r *http.Request) {
	in, ok := readIssue(w, r, docsCreateIssue)
	if !ok {
		return
	}
	if in.Title == nil || *in.Title == "" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed", docsCreateIssue,
			validationError{Resource: "Issue", Code: "missing_field", Field: "title"})
		return
	}
	user := s.caller(r).user
	key := repoKey{r.PathValue("owner"), r.PathValue("repo")}
	s.mu.Lock()
	now := s.now().UTC().Truncate(time.Second)
	is := &Issue{Number: len(s.issues[key]) + 1, Owner: key.owner, Repo: key.repo,
		Title: *in.Title, State: "open", User: user, CreatedAt: now, UpdatedAt: now}
	if in.Body != nil {
		is.Body = *in.Body
	}
	s.issues[key] = append(s.issues[key], is)
	base, web := urlBases(r)
	wi := is.wire(base, web)
	s.mu.Unlock()
	w.Header().Set("Location", wi.URL)
	writeJSON(w, http.StatusCreated, wi)
}

// updateIssue is PATCH /repos/{owner}/{repo}/issues/{number}: title, body,
// state ("open"/"closed") and state_reason.
func (s *Server) updateIssue(w http.ResponseWriter, r *http.Request) {
	in, ok := readIssue(w, r, docsUpdateIssue)
	if !ok {
		return
	}
	if in.State != nil && *in.State != "open" && *in.State != "closed" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed", docsUpdateIssue,
			validationError{Resource: "Issue", Code: "invalid", Field: "state"})
		return
	}
	n, _ := strconv.Atoi(r.PathValue("number"))
	key := repoKey{r.PathValue("owner"), r.PathValue("repo")}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > len(s.issues[key]) {
		notFound(w)
		return
	}
	is := s.issues[key][n-1]
	if in.Title != nil {
		is.Title = *in.Title
	}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.State != nil {
		is.State = *in.State
		is.StateReason = ""
	}
	if in.StateReason != nil {
		is.StateReason = *in.StateReason
	}
	is.UpdatedAt = s.now().UTC().Truncate(time.Second)
	base, web := urlBases(r)
	writeJSON(w, http.StatusOK, is.wire(base, web))
}

// listIssues is GET /repos/{owner}/{repo}/issues: state open (default),
// closed or all; newest first, as GitHub sorts by default; paged like the
// comments.
func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	if state == "" {
		state = "open"
	}
	perPage := min(max(queryInt(r, "per_page", defaultPerPage), 1), maxPerPage)
	page := max(queryInt(r, "page", 1), 1)
	base, web := urlBases(r)
	s.mu.Lock()
	var all []wireIssue
	for _, is := range s.issues[repoKey{r.PathValue("owner"), r.PathValue("repo")}] {
		if state == "all" || is.State == state {
			all = append(all, is.wire(base, web))
		}
	}
	s.mu.Unlock()
	slices.Reverse(all)
	last := max((len(all)+perPage-1)/perPage, 1)
	from := min((page-1)*perPage, len(all))
	to := min(from+perPage, len(all))
	if link := linkHeader(r, page, last); link != "" {
		w.Header().Set("Link", link)
	}
	writeJSON(w, http.StatusOK, append([]wireIssue{}, all[from:to]...))
}

func readIssue(w http.ResponseWriter, r *http.Request, docs string) (issueInput, bool) {
	var in issueInput
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON", docs)
		return in, false
	}
	if in.Body != nil && utf8.RuneCountInString(*in.Body) > MaxBodyChars {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed", docs, validationError{
			Resource: "Issue", Code: "custom", Field: "body",
			Message: "body is too long (maximum is 65536 characters)",
		})
		return in, false
	}
	return in, true
}

// Issues returns copies of the issues of owner/repo, by number.
func (s *Server) Issues(owner, repo string) []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.issues[repoKey{owner, repo}]
	out := make([]Issue, len(list))
	for i, is := range list {
		out[i] = *is
	}
	return out
}
