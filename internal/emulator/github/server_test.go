package github

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// call sends one request with token (none when empty) and decodes the JSON
// answer into out when out is non-nil.
func call(t *testing.T, srv *httptest.Server, method, path, token, body string, out any) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp
}

const bearer = "Bearer " + DefaultToken

func TestAuth(t *testing.T) {
	srv := httptest.NewServer(New(WithToken("good", User{Login: "alice", ID: 1, Type: "User"})))
	defer srv.Close()
	const path = "/repos/o/r/issues/1/comments"
	tests := []struct {
		name, header string
		status       int
		message      string
	}{
		{"missing", "", http.StatusUnauthorized, "Requires authentication"},
		{"bad token", "Bearer nope", http.StatusUnauthorized, "Bad credentials"},
		{"default token replaced", bearer, http.StatusUnauthorized, "Bad credentials"},
		{"unknown scheme", "Basic good", http.StatusUnauthorized, "Bad credentials"},
		{"bearer", "Bearer good", http.StatusOK, ""},
		{"token scheme", "token good", http.StatusOK, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e apiError
			var out any = &e
			if tc.status == http.StatusOK {
				out = &[]wireComment{}
			}
			resp := call(t, srv, "GET", path, tc.header, "", out)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.message != "" && (e.Message != tc.message || e.Status != "401" || e.DocumentationURL == "") {
				t.Errorf("error body = %+v, want message %q, status \"401\"", e, tc.message)
			}
		})
	}
}

func TestCreateUpdateDelete(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s := New(WithClock(func() time.Time { return now }))
	srv := httptest.NewServer(s)
	defer srv.Close()

	var created wireComment
	resp := call(t, srv, "POST", "/repos/o/r/issues/7/comments", bearer, `{"body":"hello"}`, &created)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create status = %d", resp.StatusCode)
	}
	wantURL := fmt.Sprintf("%s/repos/o/r/issues/comments/%d", srv.URL, created.ID)
	if resp.Header.Get("Location") != wantURL || created.URL != wantURL {
		t.Errorf("Location %q, url %q, want %q", resp.Header.Get("Location"), created.URL, wantURL)
	}
	if want := fmt.Sprintf("%s/o/r/pull/7#issuecomment-%d", srv.URL, created.ID); created.HTMLURL != want {
		t.Errorf("html_url = %q, want %q", created.HTMLURL, want)
	}
	if created.User.Login != DefaultLogin || created.Body != "hello" || !created.CreatedAt.Equal(now) {
		t.Errorf("created = %+v", created)
	}

	now = now.Add(time.Minute)
	path := fmt.Sprintf("/repos/o/r/issues/comments/%d", created.ID)
	if resp := call(t, srv, "PATCH", "/repos/o/other/issues/comments/1", bearer, `{"body":"x"}`, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("PATCH in another repo: status %d, want 404", resp.StatusCode)
	}
	var updated wireComment
	if resp := call(t, srv, "PATCH", path, bearer, `{"body":"edited"}`, &updated); resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH status = %d", resp.StatusCode)
	}
	got := s.Comments("o", "r", 7)
	want := []Comment{{ID: created.ID, Owner: "o", Repo: "r", Issue: 7, Body: "edited",
		User: defaultUser(), CreatedAt: now.Add(-time.Minute), UpdatedAt: now}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after PATCH (-want +got):\n%s", diff)
	}

	if resp := call(t, srv, "DELETE", path, bearer, "", nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE status = %d", resp.StatusCode)
	}
	if resp := call(t, srv, "DELETE", path, bearer, "", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("second DELETE status = %d, want 404", resp.StatusCode)
	}
	if n := len(s.Comments("o", "r", 7)); n != 0 {
		t.Errorf("%d comments left after DELETE", n)
	}
}

func TestBodyValidation(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	atLimit := strings.Repeat("日", MaxBodyChars) // 3 bytes each: the limit counts characters
	tests := []struct {
		name, body string
		status     int
		code       string
	}{
		{"at limit", jsonBody(atLimit), http.StatusCreated, ""},
		{"one over", jsonBody(atLimit + "x"), http.StatusUnprocessableEntity, "unprocessable"},
		{"missing body", `{}`, http.StatusUnprocessableEntity, "missing_field"},
		{"bad json", `{`, http.StatusBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, method := range []string{"POST", "PATCH"} {
				path := "/repos/o/r/issues/1/comments"
				if method == "PATCH" {
					seed := call(t, srv, "POST", path, bearer, `{"body":"seed"}`, nil)
					path = strings.TrimPrefix(seed.Header.Get("Location"), srv.URL)
				}
				var e apiError
				resp := call(t, srv, method, path, bearer, tc.body, &e)
				want := tc.status
				if method == "PATCH" && want == http.StatusCreated {
					want = http.StatusOK
				}
				if resp.StatusCode != want {
					t.Fatalf("%s status = %d, want %d", method, resp.StatusCode, want)
				}
				if tc.code != "" && (e.Message != "Validation Failed" || len(e.Errors) != 1 || e.Errors[0].Code != tc.code) {
					t.Errorf("%s error = %+v, want Validation Failed / %s", method, e, tc.code)
				}
			}
		})
	}
}

func jsonBody(s string) string {
	b, _ := json.Marshal(map[string]string{"body": s})
	return string(b)
}

func TestUnknownPath(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	var e apiError
	resp := call(t, srv, "GET", "/repos/o/r/pulls/1", bearer, "", &e)
	if resp.StatusCode != http.StatusNotFound || e.Message != "Not Found" {
		t.Errorf("status %d, body %+v; want 404 Not Found", resp.StatusCode, e)
	}
}

func TestGetUser(t *testing.T) {
	alice := User{Login: "alice", ID: 1, Type: "User"}
	bot := User{Login: "deploy-app[bot]", ID: 2, Type: "Bot"}
	srv := httptest.NewServer(New(WithToken("pat", alice), WithInstallationToken("ghs_app", bot)))
	defer srv.Close()
	tests := []struct {
		name, header string
		status       int
		want         User
		message      string
	}{
		{"personal token", "Bearer pat", http.StatusOK, alice, ""},
		{"installation token", "token ghs_app", http.StatusForbidden, User{}, "Resource not accessible by integration"},
		{"bad token", "Bearer nope", http.StatusUnauthorized, User{}, "Bad credentials"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var raw json.RawMessage
			resp := call(t, srv, "GET", "/api/v3/user", tc.header, "", &raw)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.message != "" {
				var e apiError
				if err := json.Unmarshal(raw, &e); err != nil || e.Message != tc.message {
					t.Errorf("error body %s, want message %q", raw, tc.message)
				}
				return
			}
			var got User
			if err := json.Unmarshal(raw, &got); err != nil || got != tc.want {
				t.Errorf("user = %s, want %+v", raw, tc.want)
			}
		})
	}
	// The default token is a workflow's GITHUB_TOKEN: no user to name.
	def := httptest.NewServer(New())
	defer def.Close()
	if resp := call(t, def, "GET", "/user", bearer, "", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET /user with DefaultToken: status %d, want 403", resp.StatusCode)
	}
}
