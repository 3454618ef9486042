package offlinelogs

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/logctl/logctl/internal/emulator"
)

// TestDownloadResumesPartFile leaves the first bytes of a package in its
// .part file, as an interrupted run would; the next run asks for the rest
// with a Range request.
func TestDownloadResumesPartFile(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	pkgs := listRecent(t, url, KindL4, 6)[:1]
	resp, err := http.Get(pkgs[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	full, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || len(full) < 100 {
		t.Fatalf("package: %d bytes, %v", len(full), err)
	}
	dir := t.TempDir()
	part := filepath.Join(dir, pkgs[0].Name+".log.gz.part")
	if err := os.WriteFile(part, full[:len(full)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{base: http.DefaultTransport}
	sum := mustRun(t, testDownloader(dir, rec), pkgs)
	want := "bytes=" + strconv.Itoa(len(full)/3) + "-"
	if got := rec.ranges(); len(got) != 1 || got[0] != want {
		t.Errorf("Range headers %q, want [%q]", got, want)
	}
	if r := sum.Results[0]; !r.Resumed || r.Received != int64(len(full)-len(full)/3) {
		t.Errorf("result %+v: want resumed with %d bytes received", r, len(full)-len(full)/3)
	}
	checkDir(t, dir, pkgs)
}

// cutTransport fails the body of the first response for each URL after n
// bytes, like a connection dropped mid-download.
type cutTransport struct {
	base http.RoundTripper
	n    int64
	cut  map[string]bool
}

func (c *cutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil || c.cut[req.URL.Path] {
		return resp, err
	}
	c.cut[req.URL.Path] = true
	resp.Body = &cutBody{r: resp.Body, left: c.n}
	return resp, nil
}

type cutBody struct {
	r    io.ReadCloser
	left int64
}

func (b *cutBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cutBody) Close() error { return b.r.Close() }

// TestDownloadResumesAfterCut drops every first transfer after 500 bytes;
// each package completes with one Range request for the rest.
func TestDownloadResumesAfterCut(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	pkgs := listRecent(t, url, KindL7, 8)
	dir := t.TempDir()
	rec := &recorder{base: &cutTransport{base: http.DefaultTransport, n: 500, cut: map[string]bool{}}}
	d := testDownloader(dir, rec)
	d.Parallel = 1 // the cut transport's map is not shared across goroutines
	sum := mustRun(t, d, pkgs)
	ranges := rec.ranges()
	resumed := 0
	for _, r := range ranges {
		if r == "bytes=500-" {
			resumed++
		}
	}
	if resumed != len(pkgs) || len(ranges) != 2*len(pkgs) || srv.Requests()[keyDownloads] != 2*len(pkgs) {
		t.Errorf("requests with Range %q; want one plain and one bytes=500- per package (%d)", ranges, len(pkgs))
	}
	for _, r := range sum.Results {
		if r.Status != StatusDownloaded {
			t.Errorf("%s: %s", r.File, r.Status)
		}
	}
	checkDir(t, dir, pkgs)
}

// TestDownloadCancelKeepsPartForNextRun cancels a run mid-body, as Ctrl-C
// does: no final file, the .part file stays, and the next run resumes it.
func TestDownloadCancelKeepsPartForNextRun(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	pkgs := listRecent(t, url, KindL7, 6)[:1]
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	d := testDownloader(dir, &cancelTransport{base: http.DefaultTransport, after: 300, cancel: cancel})
	sum, err := d.Run(ctx, pkgs)
	if !errors.Is(err, context.Canceled) || sum.Results[0].Status != StatusInterrupted {
		t.Fatalf("Run after cancel = %v, %s; want context.Canceled, interrupted", err, sum.Results[0].Status)
	}
	part := filepath.Join(dir, pkgs[0].Name+".log.gz.part")
	if st, err := os.Stat(part); err != nil || st.Size() == 0 {
		t.Fatalf("after cancel: .part %v, %v; want a partial file", st, err)
	}
	if _, err := os.Stat(filepath.Join(dir, pkgs[0].Name+".log.gz")); !os.IsNotExist(err) {
		t.Fatalf("after cancel a final file exists (%v)", err)
	}
	rec := &recorder{base: http.DefaultTransport}
	sum = mustRun(t, testDownloader(dir, rec), pkgs)
	if r := rec.ranges(); len(r) != 1 || r[0] == "" || !sum.Results[0].Resumed {
		t.Errorf("next run sent Range %q, resumed %v; want one ranged request", r, sum.Results[0].Resumed)
	}
	checkDir(t, dir, pkgs)
}

// cancelTransport cancels the run once after bytes of body have been read,
// then keeps the body blocked until the cancellation ends it.
type cancelTransport struct {
	base   http.RoundTripper
	after  int64
	cancel context.CancelFunc
}

func (c *cancelTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &cutBody{r: resp.Body, left: c.after}
	resp.Body = &onEOF{ReadCloser: resp.Body, ctx: req.Context(), cancel: c.cancel}
	return resp, nil
}

type onEOF struct {
	io.ReadCloser
	ctx    context.Context
	cancel context.CancelFunc
}

func (o *onEOF) Read(p []byte) (int, error) {
	n, err := o.ReadCloser.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		o.cancel()
		<-o.ctx.Done()
		return n, o.ctx.Err()
	}
	return n, err
}
