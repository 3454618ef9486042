package offlinelogs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/logctl/logctl/internal/apierr"
)

// StatusError is a download answered with an unexpected HTTP status. It
// names the host only: the path and query of a package URL may carry a
// signature.
type StatusError struct {
	Host   string
	Status int
	// After is the answer's Retry-After (0 when none), which a retry
	// honours. HTTP allows it on 429 and 503 (RFC 9110 §10.2.3); whether
	// the storage behind the package URLs sends it is not documented.
	After time.Duration
}

// RetryAfter is the wait the server asked for, or 0.
func (e *StatusError) RetryAfter() time.Duration { return e.After }

func (e *StatusError) Error() string {
	return fmt.Sprintf("download from %s: HTTP %d %s", e.Host, e.Status, http.StatusText(e.Status))
}

// transient reports whether the status may change on a retry: 5xx, 429 Too
// Many Requests and 408 Request Timeout.
func (e *StatusError) transient() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout
}

// networkError is a failure of the connection or of reading the body: the
// request may be sent again and the .part file resumed.
type networkError struct {
	host string
	err  error
}

func (e *networkError) Error() string { return fmt.Sprintf("download from %s: %v", e.host, e.err) }
func (e *networkError) Unwrap() error { return e.err }

// errStalled: no byte arrived for the stall timeout.
var errStalled = errors.New("no data received within the stall timeout")

// errRangeNotSatisfiable: the server says the .part file already holds the
// whole package (or more); the caller checks it.
var errRangeNotSatisfiable = errors.New("range not satisfiable")

// fetch appends the package at u to the file at part, resuming after the
// bytes already there with a Range request. A server that ignores the range
// (200 instead of 206) gets the file rewritten from the start. It reports
// the bytes received, through onData as they arrive, and whether it resumed.
//
// The file never grows past limit bytes: a longer body (or a
// Content-Length announcing one) is ErrTooLarge.
func fetch(ctx context.Context, client *http.Client, u *url.URL, part string, limit int64, stall time.Duration, onData func(int64)) (resumed bool, err error) {
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return false, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	off, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stalled atomic.Bool
	watchdog := time.AfterFunc(stall, func() { stalled.Store(true); cancel() })
	defer watchdog.Stop()

	resp, err := get(ctx, client, u, off)
	if errors.Is(err, ErrRedirectRefused) {
		return false, err // final: not a network failure to retry
	}
	if err != nil {
		return false, stallOr(&stalled, &networkError{host: u.Host, err: err})
	}
	defer resp.Body.Close()
	start, err := startOffset(resp, off, u.Host)
	if err != nil {
		return false, err
	}
	if start == 0 && off > 0 {
		// The server sent the whole file: start over.
		if err := f.Truncate(0); err != nil {
			return false, err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return false, err
		}
	}
	if resp.ContentLength > limit-start {
		return start > 0, fmt.Errorf("%w: %s announces %d more bytes after byte %d, at most %d expected",
			ErrTooLarge, u.Host, resp.ContentLength, start, limit)
	}
	body := &watchedReader{r: resp.Body, reset: func() { watchdog.Reset(stall) }, onData: onData}
	if err := copyBody(f, body, limit-start); err != nil {
		if errors.Is(err, ErrTooLarge) {
			return start > 0, fmt.Errorf("%w: %s sent more than %d bytes", err, u.Host, limit)
		}
		var re *readError
		if errors.As(err, &re) {
			return start > 0, stallOr(&stalled, &networkError{host: u.Host, err: re.err})
		}
		return start > 0, err
	}
	return start > 0, f.Sync()
}

func get(ctx context.Context, client *http.Client, u *url.URL, off int64) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, errors.New("build download request")
	}
	// The package is a .gz file to be stored as is. Asking for identity
	// also stops Go's transport from adding "Accept-Encoding: gzip" and
	// silently decompressing a response that a storage service labels
	// "Content-Encoding: gzip".
	req.Header.Set("Accept-Encoding", "identity")
	if off > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-")
	}
	resp, err := client.Do(req)
	if err != nil {
		// *url.Error quotes the whole URL, signature included: keep only
		// the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, ue.Err
		}
		return nil, err
	}
	return resp, nil
}

// startOffset checks the response status against the requested offset and
// returns where its body starts in the file.
func startOffset(resp *http.Response, off int64, host string) (int64, error) {
	switch resp.StatusCode {
	case http.StatusOK:
		return 0, nil
	case http.StatusPartialContent:
		// Content-Range: bytes 1000-4999/5000
		cr := strings.TrimPrefix(resp.Header.Get("Content-Range"), "bytes ")
		first, _, _ := strings.Cut(cr, "-")
		if n, err := strconv.ParseInt(first, 10, 64); err != nil || n != off {
			return 0, &networkError{host: host, err: fmt.Errorf("server resumed at %q, want byte %d", cr, off)}
		}
		return off, nil
	case http.StatusRequestedRangeNotSatisfiable:
		if off > 0 {
			return 0, errRangeNotSatisfiable
		}
	}
	after, _ := apierr.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return 0, &StatusError{Host: host, Status: resp.StatusCode, After: after}
}

// stallOr turns an error caused by the stall watchdog into errStalled.
func stallOr(stalled *atomic.Bool, err error) error {
	if stalled.Load() {
		return fmt.Errorf("%w: %w", errStalled, err)
	}
	return err
}

// readError marks a failure reading the response body, as opposed to
// writing the file.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

// copyBody copies r to w, at most max bytes: one byte more is ErrTooLarge
// (nothing past max is written).
func copyBody(w io.Writer, r io.Reader, max int64) error {
	buf := make([]byte, 64<<10)
	for {
		n, rerr := r.Read(buf)
		if int64(n) > max {
			return ErrTooLarge
		}
		max -= int64(n)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return &readError{err: rerr}
		}
	}
}

// watchedReader resets the stall watchdog and reports progress on every
// read that returns data.
type watchedReader struct {
	r      io.Reader
	reset  func()
	onData func(int64)
}

func (w *watchedReader) Read(b []byte) (int, error) {
	n, err := w.r.Read(b)
	if n > 0 {
		w.reset()
		if w.onData != nil {
			w.onData(int64(n))
		}
	}
	return n, err
}
