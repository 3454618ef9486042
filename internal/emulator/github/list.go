package github

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Pagination defaults of the REST API: 30 per page unless per_page says
// otherwise, never more than 100.
const (
	defaultPerPage = 30
	maxPerPage     = 100
)

// listComments is GET /repos/{owner}/{repo}/issues/{number}/comments:
// comments oldest first, one page of per_page, and a Link header with
// first/prev/next/last as GitHub sends it ("Using pagination in the REST
// API").
func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	key, ok := issueFromPath(r)
	if !ok {
		notFound(w)
		return
	}
	perPage := queryInt(r, "per_page", defaultPerPage)
	perPage = min(max(perPage, 1), maxPerPage)
	page := max(queryInt(r, "page", 1), 1)

	base, web := urlBases(r)
	s.mu.Lock()
	all := s.comments[key]
	last := max((len(all)+perPage-1)/perPage, 1)
	from := min((page-1)*perPage, len(all))
	to := min(from+perPage, len(all))
	out := make([]wireComment, 0, to-from)
	for _, c := range all[from:to] {
		out = append(out, c.wire(base, web))
	}
	s.mu.Unlock()

	if link := linkHeader(r, page, last); link != "" {
		w.Header().Set("Link", link)
	}
	writeJSON(w, http.StatusOK, out)
}

// linkHeader builds the RFC 8288 Link value for page of last: next and last
// while there are more pages, first and prev after the first.
func linkHeader(r *http.Request, page, last int) string {
	var rels []string
	add := func(p int, rel string) {
		rels = append(rels, fmt.Sprintf("<%s>; rel=%q", pageURL(r, p), rel))
	}
	if page > 1 {
		add(min(page-1, last), "prev")
	}
	if page < last {
		add(page+1, "next")
		add(last, "last")
	}
	if page > 1 {
		add(1, "first")
	}
	return strings.Join(rels, ", ")
}

// pageURL is r's absolute URL with page replaced.
func pageURL(r *http.Request, page int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	u := url.URL{Scheme: scheme(r), Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// urlBases returns the API base (with the /api/v3 prefix when the request
// used it) and the web base for html_url.
func urlBases(r *http.Request) (api, web string) {
	web = scheme(r) + "://" + r.Host
	if strings.HasPrefix(r.URL.Path, "/api/v3/") {
		return web + "/api/v3", web
	}
	return web, web
}

func scheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	return "http"
}

// queryInt reads an integer query parameter; absent or malformed values
// get def, as GitHub ignores them.
func queryInt(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return n
}
