package offlinelogs

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// gzipOf compresses s.
func gzipOf(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fileServer serves fixed bodies by path and counts the requests; a path
// may first fail with the given statuses. Range requests are ignored
// unless ranges is set.
type fileServer struct {
	t      *testing.T
	ranges bool
	// encoding labels responses "Content-Encoding: gzip", as object
	// stores do for .gz objects uploaded with that metadata.
	encoding bool
	mu       sync.Mutex
	bodies   map[string][]byte
	fail     map[string][]int
	hits     map[string]int
}

func newFileServer(t *testing.T, ranges bool) (*fileServer, string) {
	fs := &fileServer{t: t, ranges: ranges, bodies: map[string][]byte{}, fail: map[string][]int{}, hits: map[string]int{}}
	ts := httptest.NewServer(fs)
	t.Cleanup(ts.Close)
	return fs, ts.URL
}

func (f *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.hits[r.URL.Path]++
	body, ok := f.bodies[r.URL.Path]
	var status int
	if q := f.fail[r.URL.Path]; len(q) > 0 {
		status, f.fail[r.URL.Path] = q[0], q[1:]
	}
	f.mu.Unlock()
	if f.encoding {
		w.Header().Set("Content-Encoding", "gzip")
	}
	switch {
	case status != 0:
		http.Error(w, http.StatusText(status), status)
	case !ok:
		http.NotFound(w, r)
	case f.ranges:
		http.ServeContent(w, r, "x.gz", time.Time{}, bytes.NewReader(body))
	default:
		w.Write(body)
	}
}

func (f *fileServer) hitsOf(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[path]
}

// pkgFor is an l7 package at base+path whose Size is the length of plain.
func pkgFor(name, base, path, plain string) Package {
	start := time.Date(2025, 3, 1, 4, 0, 0, 0, time.UTC)
	return Package{Name: name, Kind: KindL7, Subject: "domain.example.com", Area: "mainland",
		Start: start, End: start.Add(time.Hour), Size: int64(len(plain)), URL: base + path}
}

func TestDownloadOutcomes(t *testing.T) {
	const plain = `{"RequestID":"a"}` + "\n"
	tests := []struct {
		name     string
		ranges   bool
		encoding bool
		body     []byte // nil: 404
		fail     []int
		part     []byte // pre-existing .part content
		mutate   func(*Package)
		want     Status
		wantErr  string
		wantHits int
	}{
		{name: "plain download", body: gzipOf(t, plain), want: StatusDownloaded, wantHits: 1},
		{name: "503 twice then served", body: gzipOf(t, plain), fail: []int{503, 503}, want: StatusDownloaded, wantHits: 3},
		{name: "429 is retried", body: gzipOf(t, plain), fail: []int{429}, want: StatusDownloaded, wantHits: 2},
		{name: "404 is final", want: StatusFailed, wantErr: "HTTP 404", wantHits: 1},
		{name: "403 is final", body: gzipOf(t, plain), fail: []int{403}, want: StatusFailed, wantErr: "HTTP 403", wantHits: 1},
		{name: "not gzip fails verification on every attempt", body: []byte(plain), want: StatusFailed,
			wantErr: "not a gzip file", wantHits: 3},
		{name: "l7 size is the uncompressed size", body: gzipOf(t, plain), mutate: func(p *Package) { p.Size++ },
			want: StatusFailed, wantErr: "uncompressed, the listing says", wantHits: 3},
		{name: "l7 size is not the gzip size", body: gzipOf(t, plain),
			mutate: func(p *Package) { p.Size = int64(len(gzipOf(t, plain))) }, want: StatusFailed, wantErr: "the listing says", wantHits: 3},
		{name: "l4 size is the gzip size", body: gzipOf(t, plain),
			mutate: func(p *Package) { p.Kind, p.Size = KindL4, int64(len(gzipOf(t, plain))) }, want: StatusDownloaded, wantHits: 1},
		{name: "l4 size may be the uncompressed size", body: gzipOf(t, plain),
			mutate: func(p *Package) { p.Kind = KindL4 }, want: StatusDownloaded, wantHits: 1},
		{name: "l4 wrong size fails", body: gzipOf(t, plain),
			mutate: func(p *Package) { p.Kind, p.Size = KindL4, 7 }, want: StatusFailed, wantErr: "the listing says 7", wantHits: 3},
		{name: "Content-Encoding gzip is stored, not decoded", encoding: true, body: gzipOf(t, plain),
			want: StatusDownloaded, wantHits: 1},
		{name: "server ignoring Range rewrites the part file", body: gzipOf(t, plain), part: []byte("garbage"),
			want: StatusDownloaded, wantHits: 1},
		{name: "part holding the whole file gets 416 and is kept", ranges: true, body: gzipOf(t, plain),
			part: gzipOf(t, plain), want: StatusDownloaded, wantHits: 1},
		{name: "damaged part is resumed, fails, and starts over", ranges: true, body: gzipOf(t, plain),
			part: []byte("garbage"), want: StatusDownloaded, wantHits: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, base := newFileServer(t, tt.ranges)
			srv.encoding = tt.encoding
			if tt.body != nil {
				srv.bodies["/p.gz"] = tt.body
			}
			srv.fail["/p.gz"] = tt.fail
			p := pkgFor("pkg", base, "/p.gz", plain)
			if tt.mutate != nil {
				tt.mutate(&p)
			}
			dir := t.TempDir()
			if tt.part != nil {
				os.WriteFile(filepath.Join(dir, "pkg.log.gz.part"), tt.part, 0o644)
			}
			d := testDownloader(dir, nil)
			d.Retry.Tries = 3
			sum, err := d.Run(context.Background(), []Package{p})
			if err != nil {
				t.Fatal(err)
			}
			r := sum.Results[0]
			if r.Status != tt.want || (tt.wantErr == "") != (r.Err == nil) ||
				(r.Err != nil && !strings.Contains(r.Err.Error(), tt.wantErr)) {
				t.Fatalf("result %s, %v; want %s, error containing %q", r.Status, r.Err, tt.want, tt.wantErr)
			}
			if got := srv.hitsOf("/p.gz"); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
			_, ferr := os.Stat(filepath.Join(dir, "pkg.log.gz"))
			if (ferr == nil) != (tt.want == StatusDownloaded) {
				t.Errorf("final file exists: %v, want %v", ferr == nil, tt.want == StatusDownloaded)
			}
			m, _ := LoadManifest(dir)
			if len(m.Packages) != boolToInt(tt.want == StatusDownloaded) {
				t.Errorf("manifest has %d entries", len(m.Packages))
			}
		})
	}
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDownloadRefusals: unsafe names, non-http URLs and clashing file names
// fail before any request; the other packages still download.
func TestDownloadRefusals(t *testing.T) {
	const plain = "{}\n"
	srv, base := newFileServer(t, false)
	srv.bodies["/ok.gz"] = gzipOf(t, plain)
	ok := pkgFor("good", base, "/ok.gz", plain)
	bad := func(name, url string) Package { p := ok; p.Name, p.URL = name, url; return p }
	pkgs := []Package{
		bad("../escape", base+"/ok.gz"),
		bad("/etc/passwd", base+"/ok.gz"),
		bad(`a\b`, base+"/ok.gz"),
		bad("nul\x00byte", base+"/ok.gz"),
		bad("ftp-pkg", "ftp://example.com/ok.gz"),
		bad("file-pkg", "file:///etc/passwd"),
		bad("signed", "gopher://user:secret@example.com/?sign=SECRET"),
		ok,
		bad("good", base+"/other.gz"), // same file name as ok
	}
	dir := t.TempDir()
	var lines bytes.Buffer
	d := testDownloader(dir, nil)
	d.Progress = &Lines{W: &lines}
	sum, err := d.Run(context.Background(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(lines.String(), "\n"); got != len(pkgs) || !strings.Contains(lines.String(), "[9/9] ") ||
		strings.Count(lines.String(), "failed") != len(pkgs)-1 {
		t.Errorf("progress lines, want one per package:\n%s", lines.String())
	}
	if sum.Downloaded != 1 || sum.Failed != len(pkgs)-1 || srv.hitsOf("/ok.gz") != 1 || srv.hitsOf("/other.gz") != 0 {
		t.Fatalf("downloaded %d, failed %d, hits %v", sum.Downloaded, sum.Failed, srv.hits)
	}
	for i, r := range sum.Results {
		if r.Status == StatusFailed && (r.Err == nil || strings.Contains(r.Err.Error(), "SECRET")) {
			t.Errorf("package %d: error %v; want a reason that does not quote the URL's query", i, r.Err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "good.log.gz,manifest.json" {
		t.Errorf("directory holds %v", names)
	}
}

// TestDownloadCancelledBeforeStart: nothing is requested, every package is
// reported as not attempted, and Run returns the context's error.
func TestDownloadCancelledBeforeStart(t *testing.T) {
	srv, base := newFileServer(t, false)
	srv.bodies["/p.gz"] = gzipOf(t, "{}\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pkgs := []Package{pkgFor("a", base, "/p.gz", "{}\n"), pkgFor("b", base, "/p.gz", "{}\n")}
	sum, err := testDownloader(t.TempDir(), nil).Run(ctx, pkgs)
	if !errors.Is(err, context.Canceled) || sum.Interrupted != 2 || srv.hitsOf("/p.gz") != 0 {
		t.Fatalf("Run = %v, %d interrupted, %d requests", err, sum.Interrupted, srv.hitsOf("/p.gz"))
	}
	for _, r := range sum.Results {
		if !strings.Contains(r.Err.Error(), "not attempted") {
			t.Errorf("%s: %v, want not attempted", r.File, r.Err)
		}
	}
}

// TestDownloadDoesNotFollowSymlink: a symlink planted under a package's
// file name is neither followed nor replaced.
func TestDownloadDoesNotFollowSymlink(t *testing.T) {
	const plain = "{}\n"
	srv, base := newFileServer(t, false)
	srv.bodies["/p.gz"] = gzipOf(t, plain)
	dir, outside := t.TempDir(), filepath.Join(t.TempDir(), "target")
	if err := os.Symlink(outside, filepath.Join(dir, "pkg.log.gz")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	sum, err := testDownloader(dir, nil).Run(context.Background(), []Package{pkgFor("pkg", base, "/p.gz", plain)})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Status != StatusFailed || !strings.Contains(r.Err.Error(), "not a regular file") {
		t.Errorf("result %s, %v", r.Status, r.Err)
	}
	if _, err := os.Stat(outside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the symlink's target was written (%v)", err)
	}
}
