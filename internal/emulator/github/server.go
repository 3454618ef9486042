package github

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultToken is accepted by a server built without WithToken or
// WithInstallationToken; it acts as DefaultLogin, the identity GITHUB_TOKEN
// has in a workflow run, and like that token it is an installation token:
// GET /user answers 403.
const DefaultToken = "ghs_logctlEmulatorToken"

// DefaultLogin is the author of comments made with DefaultToken.
const DefaultLogin = "github-actions[bot]"

// defaultUser is the GitHub Actions bot as the API reports it.
func defaultUser() User {
	return User{Login: DefaultLogin, ID: 41898282, Type: "Bot"}
}

// User is a comment author as GitHub reports it.
type User struct {
	Login string `json:"login"`
	ID    int64  `json:"id"`
	Type  string `json:"type"` // "User" or "Bot"
}

// Request is one request the server received, for tests to count calls.
type Request struct {
	Method string
	Path   string // as received, including any /api/v3 prefix
	Query  string
}

// Server is the GitHub REST stand-in. It is an http.Handler, safe for
// concurrent use.
type Server struct {
	mux *http.ServeMux
	now func() time.Time

	mu       sync.Mutex
	tokens   map[string]identity
	nextID   int64
	comments map[issueKey][]*Comment // each slice ordered by ID
	issues   map[repoKey][]*Issue    // each slice ordered by number
	byID     map[int64]*Comment
	faults   []Fault
	requests []Request
}

// Option configures a Server.
type Option func(*Server)

// identity is who a token acts as and whether it may ask who that is.
type identity struct {
	user User
	// installation tokens (GITHUB_TOKEN, GitHub App tokens) are refused
	// GET /user with 403 "Resource not accessible by integration".
	installation bool
}

// WithToken makes token valid, acting as user, like a personal access
// token: GET /user returns user. The first WithToken or
// WithInstallationToken replaces DefaultToken.
func WithToken(token string, user User) Option {
	return func(s *Server) { s.addToken(token, identity{user: user}) }
}

// WithInstallationToken makes token valid, acting as user, like an Actions
// GITHUB_TOKEN or a GitHub App installation token: GET /user answers 403.
func WithInstallationToken(token string, user User) Option {
	return func(s *Server) { s.addToken(token, identity{user: user, installation: true}) }
}

func (s *Server) addToken(token string, id identity) {
	if _, ok := s.tokens[DefaultToken]; ok && token != DefaultToken {
		delete(s.tokens, DefaultToken)
	}
	s.tokens[token] = id
}

// WithClock sets the clock used for created_at and updated_at.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New returns a server with no comments that accepts DefaultToken.
func New(opts ...Option) *Server {
	s := &Server{
		mux:      http.NewServeMux(),
		now:      time.Now,
		tokens:   map[string]identity{DefaultToken: {user: defaultUser(), installation: true}},
		nextID:   1,
		comments: map[issueKey][]*Comment{},
		byID:     map[int64]*Comment{},
		issues:   map[repoKey][]*Issue{},
	}
	for _, o := range opts {
		o(s)
	}
	for _, prefix := range []string{"", "/api/v3"} {
		s.mux.HandleFunc("GET "+prefix+"/repos/{owner}/{repo}/issues/{number}/comments", s.listComments)
		s.mux.HandleFunc("POST "+prefix+"/repos/{owner}/{repo}/issues/{number}/comments", s.createComment)
		s.mux.HandleFunc("PATCH "+prefix+"/repos/{owner}/{repo}/issues/comments/{id}", s.updateComment)
		s.mux.HandleFunc("DELETE "+prefix+"/repos/{owner}/{repo}/issues/comments/{id}", s.deleteComment)
		s.mux.HandleFunc("GET "+prefix+"/user", s.getUser)
		s.mux.HandleFunc("GET "+prefix+"/repos/{owner}/{repo}/issues", s.listIssues)
		s.mux.HandleFunc("POST "+prefix+"/repos/{owner}/{repo}/issues", s.createIssue)
		s.mux.HandleFunc("PATCH "+prefix+"/repos/{owner}/{repo}/issues/{number}", s.updateIssue)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { notFound(w) })
	return s
}

// ServeHTTP records the request, applies a pending fault, checks the token
// and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := s.record(r)
	if ok && !f.AfterCommit {
		f.write(w, s.now())
		return
	}
	if !s.authorized(w, r) {
		return
	}
	if !ok {
		s.mux.ServeHTTP(w, r)
		return
	}
	// The change is made but its answer is lost: what a client sees when
	// a proxy times out after GitHub committed.
	s.mux.ServeHTTP(discardWriter{header: http.Header{}}, r)
	f.write(w, s.now())
}

// record logs r and takes the first pending fault that matches it.
func (s *Server) record(r *http.Request) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery})
	return s.takeFault(r.Method, r.URL.Path)
}

// authorized checks "Authorization: Bearer TOKEN" or "token TOKEN" (both
// accepted by GitHub) and answers 401 with GitHub's JSON otherwise.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	header := r.Header.Get("Authorization")
	if header == "" {
		writeError(w, http.StatusUnauthorized, "Requires authentication", docsREST)
		return false
	}
	scheme, token, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "bearer") && !strings.EqualFold(scheme, "token") {
		writeError(w, http.StatusUnauthorized, "Bad credentials", docsREST)
		return false
	}
	s.mu.Lock()
	_, ok := s.tokens[strings.TrimSpace(token)]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusUnauthorized, "Bad credentials", docsREST)
	}
	return ok
}

// caller returns the identity behind r's token; authorized has vouched
// for it.
func (s *Server) caller(r *http.Request) identity {
	_, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokens[strings.TrimSpace(token)]
}

// getUser is GET /user, "the authenticated user". An installation token
// has no user behind it: GitHub answers 403 "Resource not accessible by
// integration" (what a workflow's GITHUB_TOKEN gets).
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id := s.caller(r)
	if id.installation {
		writeError(w, http.StatusForbidden, "Resource not accessible by integration", docsGetUser)
		return
	}
	writeJSON(w, http.StatusOK, id.user)
}

// discardWriter swallows a response whose answer a fault replaces.
type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}
