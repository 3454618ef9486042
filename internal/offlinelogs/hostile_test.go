package offlinelogs

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// endless writes gzip-looking bytes forever (until the client goes away).
func endless(w http.ResponseWriter, r *http.Request) {
	chunk := []byte(strings.Repeat("\x1f\x8b", 16<<10))
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// TestHostileServers: a package listed at 60 bytes whose body never ends,
// one that announces a huge Content-Length, and redirects to another host or
// from https to http are refused at once, and leave nothing in the
// directory.
func TestHostileServers(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(gzipOf(t, strings.Repeat("x", 60)))
	}))
	t.Cleanup(other.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("/endless.gz", endless)
	mux.HandleFunc("/announced.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000000")
		w.Write([]byte("\x1f\x8b"))
	})
	mux.HandleFunc("/away.gz", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/p.gz", http.StatusFound)
	})
	mux.HandleFunc("/moved.gz", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/here.gz", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/here.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Write(gzipOf(t, strings.Repeat("x", 60)))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tests := []struct {
		path    string
		want    Status
		wantErr error
	}{
		{"/endless.gz", StatusFailed, ErrTooLarge},
		{"/announced.gz", StatusFailed, ErrTooLarge},
		{"/away.gz", StatusFailed, ErrRedirectRefused},
		{"/moved.gz", StatusDownloaded, nil}, // same host: followed
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			dir := t.TempDir()
			p := pkgFor("pkg", srv.URL, tt.path, strings.Repeat("x", 60))
			d := &Downloader{Dir: dir, Retry: fastRetry(), StallTimeout: 5 * time.Second}
			start := time.Now()
			sum, err := d.Run(context.Background(), []Package{p})
			if err != nil {
				t.Fatal(err)
			}
			res := sum.Results[0]
			if res.Status != tt.want || tt.wantErr != nil && !errors.Is(res.Err, tt.wantErr) {
				t.Fatalf("status %s, err %v; want %s, %v", res.Status, res.Err, tt.want, tt.wantErr)
			}
			if tt.wantErr != nil {
				if res.Received > maxFileBytes(p)+64<<10 {
					t.Errorf("received %d bytes for a package bounded at %d", res.Received, maxFileBytes(p))
				}
				if _, err := os.Stat(filepath.Join(dir, res.File+partSuffix)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("the refused download left %s: %v", res.File+partSuffix, err)
				}
				if strings.Contains(res.Err.Error(), tt.path) {
					t.Errorf("error quotes the URL path: %v", res.Err)
				}
			}
			t.Logf("%s: %s in %s", tt.path, res.Status, time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestRedirectPolicy(t *testing.T) {
	req := func(u string) *http.Request { r, _ := http.NewRequest("GET", u, nil); return r }
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"https://log-down.example.com/a", "https://log-down.example.com/b", true},
		{"https://log-down.example.com/a", "https://evil.example.com/b", false},
		{"https://log-down.example.com/a", "http://log-down.example.com/b", false},
		{"http://127.0.0.1:8787/a", "http://127.0.0.1:8788/a", false},
	}
	for _, tt := range tests {
		err := sameHostRedirects(req(tt.to), []*http.Request{req(tt.from)})
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s: %v, want ok=%v", tt.from, tt.to, err, tt.ok)
		}
	}
}
