package offlinelogs

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrTooLarge: the server sent more bytes than the listed Size allows. The
// download is refused (not retried) and its .part file removed, so a
// server with an endless body cannot fill the disk.
var ErrTooLarge = errors.New("package body exceeds its listed size")

// ErrRedirectRefused: the server redirected the download to another host
// (or from https to http). The URL the API listed is the one trusted.
var ErrRedirectRefused = errors.New("redirect to another host refused")

// maxFileBytes bounds the .gz file of p. Its Size counts either the
// uncompressed bytes (L7, documented; L4 under one reading) or the file
// itself (L4 under the other reading, edgeone-logs.md §11), so the bound
// must hold for both: a gzip file is never larger than its content by more
// than the stored-block overhead of deflate (5 bytes per 64 KiB block) and
// the member headers and trailers, so Size plus 1/1024 of it plus 64 KiB of
// headroom covers every gzip of Size bytes, and a file of Size bytes.
func maxFileBytes(p Package) int64 {
	const headroom = 64 << 10
	if p.Size <= 0 {
		return headroom
	}
	size := min(p.Size, 1<<50) // no overflow for a hostile Size
	return size + size/1024 + headroom
}

// sameHostRedirects is the client's redirect policy: a redirect may change
// the path (a storage service moving a file) but not the host, nor
// downgrade https to http; at most 5 hops.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	switch {
	case len(via) >= 5:
		return fmt.Errorf("%w: more than 5 redirects", ErrRedirectRefused)
	case req.URL.Host != first.Host:
		return fmt.Errorf("%w: from %s to %s", ErrRedirectRefused, first.Host, truncateForError(req.URL.Host))
	case first.Scheme == "https" && req.URL.Scheme != "https":
		return fmt.Errorf("%w: from https to %s", ErrRedirectRefused, truncateForError(req.URL.Scheme))
	}
	return nil
}

// guarded returns c with the redirect policy set (a copy; c is not
// changed). A caller's own CheckRedirect is kept and runs after ours.
func guarded(c *http.Client) *http.Client {
	g := *c
	own := c.CheckRedirect
	g.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := sameHostRedirects(req, via); err != nil {
			return err
		}
		if own != nil {
			return own(req, via)
		}
		return nil
	}
	return &g
}
