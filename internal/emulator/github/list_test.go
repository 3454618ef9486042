package github

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestListPagination(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	for i := range 250 {
		s.AddComment("o", "r", 3, User{Login: "bob", ID: 2, Type: "User"}, fmt.Sprint(i))
	}
	s.AddComment("o", "r", 4, User{Login: "bob"}, "other issue")

	tests := []struct {
		name, prefix, query string
		count               int
		firstBody           string
		link                string
	}{
		{"default page size", "", "", 30, "0",
			`<{u}?page=2>; rel="next", <{u}?page=9>; rel="last"`},
		{"first of three", "", "?per_page=100", 100, "0",
			`<{u}?page=2&per_page=100>; rel="next", <{u}?page=3&per_page=100>; rel="last"`},
		{"middle", "", "?per_page=100&page=2", 100, "100",
			`<{u}?page=1&per_page=100>; rel="prev", <{u}?page=3&per_page=100>; rel="next", <{u}?page=3&per_page=100>; rel="last", <{u}?page=1&per_page=100>; rel="first"`},
		{"last", "", "?per_page=100&page=3", 50, "200",
			`<{u}?page=2&per_page=100>; rel="prev", <{u}?page=1&per_page=100>; rel="first"`},
		{"per_page clamped to 100", "", "?per_page=500&page=3", 50, "200",
			`<{u}?page=2&per_page=500>; rel="prev", <{u}?page=1&per_page=500>; rel="first"`},
		{"past the end", "", "?per_page=100&page=9", 0, "",
			`<{u}?page=3&per_page=100>; rel="prev", <{u}?page=1&per_page=100>; rel="first"`},
		{"ghes prefix", "/api/v3", "?per_page=100", 100, "0",
			`<{u}?page=2&per_page=100>; rel="next", <{u}?page=3&per_page=100>; rel="last"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.prefix + "/repos/o/r/issues/3/comments"
			var got []wireComment
			resp := call(t, srv, "GET", path+tc.query, bearer, "", &got)
			if len(got) != tc.count {
				t.Fatalf("got %d comments, want %d", len(got), tc.count)
			}
			if tc.count > 0 && got[0].Body != tc.firstBody {
				t.Errorf("first body = %q, want %q", got[0].Body, tc.firstBody)
			}
			want := strings.ReplaceAll(tc.link, "{u}", srv.URL+path)
			if link := resp.Header.Get("Link"); link != want {
				t.Errorf("Link =\n%s\nwant\n%s", link, want)
			}
			if tc.count > 0 && !strings.HasPrefix(got[0].URL, srv.URL+tc.prefix+"/repos/") {
				t.Errorf("comment url %q does not keep the prefix %q", got[0].URL, tc.prefix)
			}
		})
	}
}

func TestListEmptyHasNoLink(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	var got []wireComment
	resp := call(t, srv, "GET", "/repos/o/r/issues/1/comments", bearer, "", &got)
	if len(got) != 0 || resp.Header.Get("Link") != "" {
		t.Errorf("got %d comments, Link %q; want none", len(got), resp.Header.Get("Link"))
	}
}
