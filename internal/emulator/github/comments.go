package github

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// issueKey names one issue or pull request.
type issueKey struct {
	owner, repo string
	number      int
}

// Comment is a stored issue comment.
type Comment struct {
	ID        int64
	Owner     string
	Repo      string
	Issue     int
	Body      string
	User      User
	CreatedAt time.Time
	UpdatedAt time.Time
}

// wireComment is an issue comment as the REST API returns it.
type wireComment struct {
	ID                int64     `json:"id"`
	NodeID            string    `json:"node_id"`
	URL               string    `json:"url"`
	HTMLURL           string    `json:"html_url"`
	IssueURL          string    `json:"issue_url"`
	Body              string    `json:"body"`
	User              User      `json:"user"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
	AuthorAssociation string    `json:"author_association"`
}

// wire renders c with URLs on base (scheme://host[/api/v3]).
func (c *Comment) wire(base, web string) wireComment {
	return wireComment{
		ID:                c.ID,
		NodeID:            fmt.Sprintf("IC_emulator%d", c.ID),
		URL:               fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", base, c.Owner, c.Repo, c.ID),
		HTMLURL:           fmt.Sprintf("%s/%s/%s/pull/%d#issuecomment-%d", web, c.Owner, c.Repo, c.Issue, c.ID),
		IssueURL:          fmt.Sprintf("%s/repos/%s/%s/issues/%d", base, c.Owner, c.Repo, c.Issue),
		Body:              c.Body,
		User:              c.User,
		CreatedAt:         c.CreatedAt,
		UpdatedAt:         c.UpdatedAt,
		AuthorAssociation: "NONE",
	}
}

// createComment is POST /repos/{owner}/{repo}/issues/{number}/comments.
func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	key, ok := issueFromPath(r)
	if !ok {
		notFound(w)
		return
	}
	body, ok := readBody(w, r, docsCreateComment)
	if !ok {
		return
	}
	user := s.caller(r).user
	s.mu.Lock()
	c := s.insertLocked(key, user, body)
	s.mu.Unlock()
	base, web := urlBases(r)
	wc := c.wire(base, web)
	w.Header().Set("Location", wc.URL)
	writeJSON(w, http.StatusCreated, wc)
}

// updateComment is PATCH /repos/{owner}/{repo}/issues/comments/{id}.
func (s *Server) updateComment(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r, docsUpdateComment)
	if !ok {
		return
	}
	s.mu.Lock()
	c := s.commentLocked(r)
	if c != nil {
		c.Body = body
		c.UpdatedAt = s.now().UTC().Truncate(time.Second)
	}
	var wc wireComment
	if c != nil {
		base, web := urlBases(r)
		wc = c.wire(base, web)
	}
	s.mu.Unlock()
	if c == nil {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, wc)
}

// deleteComment is DELETE /repos/{owner}/{repo}/issues/comments/{id}.
func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	c := s.commentLocked(r)
	if c != nil {
		s.removeLocked(c)
	}
	s.mu.Unlock()
	if c == nil {
		notFound(w)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// readBody decodes {"body": "..."} and applies GitHub's validation: a
// missing body is 422 missing_field, one over MaxBodyChars code points is
// 422 "Body is too long".
func readBody(w http.ResponseWriter, r *http.Request, docs string) (string, bool) {
	var in struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON", docs)
		return "", false
	}
	if in.Body == nil {
		bodyMissing(w, docs)
		return "", false
	}
	if utf8.RuneCountInString(*in.Body) > MaxBodyChars {
		bodyTooLong(w, docs)
		return "", false
	}
	return *in.Body, true
}

// commentLocked finds the comment named by r's {owner}/{repo}/{id}; a
// comment of another repository is not found, as on GitHub.
func (s *Server) commentLocked(r *http.Request) *Comment {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil
	}
	c := s.byID[id]
	if c == nil || c.Owner != r.PathValue("owner") || c.Repo != r.PathValue("repo") {
		return nil
	}
	return c
}

func (s *Server) insertLocked(key issueKey, user User, body string) *Comment {
	now := s.now().UTC().Truncate(time.Second)
	c := &Comment{
		ID: s.nextID, Owner: key.owner, Repo: key.repo, Issue: key.number,
		Body: body, User: user, CreatedAt: now, UpdatedAt: now,
	}
	s.nextID++
	s.comments[key] = append(s.comments[key], c)
	s.byID[c.ID] = c
	return c
}

func (s *Server) removeLocked(c *Comment) {
	key := issueKey{c.Owner, c.Repo, c.Issue}
	list := s.comments[key]
	for i, x := range list {
		if x == c {
			s.comments[key] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	delete(s.byID, c.ID)
}

// issueFromPath reads {owner}/{repo}/{number}; numbers start at 1.
func issueFromPath(r *http.Request) (issueKey, bool) {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n < 1 {
		return issueKey{}, false
	}
	return issueKey{r.PathValue("owner"), r.PathValue("repo"), n}, true
}
