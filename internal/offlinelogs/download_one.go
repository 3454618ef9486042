package offlinelogs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/logctl/logctl/internal/retry"
)

// one brings one package to completion: skip it when the file in Dir is
// already the listed package, else download to "<file>.part", verify,
// rename, and record it in the manifest.
func (s *runState) one(ctx context.Context, client *http.Client, j job) Result {
	res := Result{Package: j.pkg, File: j.file}
	if ok, err := s.complete(j); err != nil {
		res.Status, res.Err = StatusFailed, err
		return res
	} else if ok {
		res.Status = StatusSkipped
		return res
	}
	var received atomic.Int64
	onData := func(n int64) {
		received.Add(n)
		s.rep.Received(n)
	}
	first := true
	err := retry.Do(ctx, s.d.Retry.Or(defaultRetry), retryDownload, func() error {
		resumed, err := s.attempt(ctx, client, j, onData)
		if first {
			res.Resumed = resumed
			first = false
		}
		return err
	})
	res.Received = received.Load()
	switch {
	case err != nil && ctx.Err() != nil:
		// Interrupted: the .part file (bounded by the listed size) is kept
		// for the next run to resume.
		res.Status, res.Err = StatusInterrupted, context.Cause(ctx)
		return res
	case err != nil:
		// Failed for good: remove what it left.
		res.Status, res.Err = StatusFailed, errors.Join(fmt.Errorf("%s: %w", j.file, err),
			removePart(filepath.Join(s.d.Dir, j.file+partSuffix)))
		return res
	}
	res.Status = StatusDownloaded
	return res
}

// complete reports whether Dir already holds the listed package. With a
// manifest entry for the same package (same name, subject, window and size)
// it compares the file's SHA-256 with the recorded one; without one (the
// run that wrote the file ended before the manifest was saved) it verifies
// the file as a fresh download is verified, and records it.
func (s *runState) complete(j job) (bool, error) {
	path := filepath.Join(s.d.Dir, j.file)
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.forget(j.file)
		return false, nil
	case err != nil:
		return false, err
	case !st.Mode().IsRegular():
		// A symlink or directory planted under a package's name is not
		// followed or replaced.
		return false, fmt.Errorf("%s exists and is not a regular file", j.file)
	}
	if e, ok := s.entry(j.file); ok && e.describes(j.pkg) {
		sum, err := inspect(path)
		if err == nil && sum.SHA256 == e.SHA256 && sum.Bytes == e.Bytes {
			return true, nil
		}
		// Changed or damaged since it was recorded: download it again; the
		// rename replaces the file only once the new one is good.
		s.forget(j.file)
		return false, nil
	}
	sum, err := verifyFile(path, j.pkg)
	if err != nil {
		// Not the listed package (grown since, or damaged): download again.
		s.forget(j.file)
		return false, nil
	}
	s.record(newEntry(j.file, j.pkg, sum))
	return true, nil
}

// attempt makes one download attempt. A transient failure keeps the .part
// file for the next attempt to resume; a file that fails verification is
// removed so the next attempt starts over.
func (s *runState) attempt(ctx context.Context, client *http.Client, j job, onData func(int64)) (bool, error) {
	u, err := checkURL(j.pkg.URL)
	if err != nil {
		return false, err
	}
	part := filepath.Join(s.d.Dir, j.file+partSuffix)
	if st, err := os.Lstat(part); err == nil && !st.Mode().IsRegular() {
		return false, fmt.Errorf("%s exists and is not a regular file", j.file+partSuffix)
	}
	resumed, err := fetch(ctx, client, u, part, maxFileBytes(j.pkg), s.d.stall(), onData)
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrRedirectRefused) {
		// Refused: nothing of it is kept.
		return resumed, errors.Join(err, removePart(part))
	}
	if err != nil && !errors.Is(err, errRangeNotSatisfiable) {
		return resumed, err
	}
	// 416 means the .part already holds every byte the server has: a run
	// that ended between the last byte and the rename. Verify it as is.
	sum, verr := verifyFile(part, j.pkg)
	if verr != nil {
		if rerr := removePart(part); rerr != nil {
			return resumed, rerr
		}
		return resumed, verr
	}
	final := filepath.Join(s.d.Dir, j.file)
	if err := os.Rename(part, final); err != nil {
		return resumed, err
	}
	syncDir(s.d.Dir)
	s.record(newEntry(j.file, j.pkg, sum))
	return resumed, nil
}

// removePart removes a .part file; one already gone is fine. A .part that is
// not a regular file (planted) is left alone: it was never ours.
func removePart(part string) error {
	st, err := os.Lstat(part)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !st.Mode().IsRegular() {
		return nil
	}
	if err := os.Remove(part); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// retryDownload reports whether a failed attempt may be repeated: network
// failures and stalls (the .part file is resumed), transient HTTP statuses,
// and files that failed verification (downloaded again from the start). A
// refused URL, another HTTP status or a local file error is final. retry.Do stops
// anyway once the caller's context is done.
func retryDownload(err error) bool {
	var ne *networkError
	var se *StatusError
	switch {
	case errors.As(err, &se):
		return se.transient()
	case errors.As(err, &ne), errors.Is(err, ErrCorrupt):
		return true
	}
	return false
}
