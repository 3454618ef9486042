package offlinelogs

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/logctl/logctl/internal/retry"
)

// DefaultParallel is how many packages download at once unless told.
const DefaultParallel = 4

// Downloader fetches packages into Dir. The zero value of every other field
// is usable.
type Downloader struct {
	Dir string
	// Client does the GETs; nil means a client whose transport gives up on
	// a server that does not answer within 30 s.
	Client *http.Client
	// Parallel bounds the downloads in flight (DefaultParallel when 0).
	Parallel int
	// Retry retries transient failures: connection errors, 5xx, 429,
	// stalls and files that fail verification; zero bounds take
	// defaultRetry's.
	Retry retry.Policy
	// StallTimeout gives up on a download that received nothing for this
	// long, to resume it (60 s when 0).
	StallTimeout time.Duration
	// Progress hears about every package; nil reports nothing.
	Progress Reporter
	// SaveEvery bounds how often the manifest is rewritten while packages
	// complete (1 s when 0); it is always written at the end. A file
	// completed since the last write is found again on a re-run by
	// verifying it.
	SaveEvery time.Duration
	// Now is the clock for SaveEvery; nil is time.Now.
	Now func() time.Time
}

// Status is what happened to one package.
type Status string

// Package outcomes.
const (
	StatusDownloaded Status = "downloaded"
	StatusSkipped    Status = "skipped" // already complete in Dir
	StatusFailed     Status = "failed"
	// StatusInterrupted: the caller's context ended before the package was
	// complete; a .part file, if any, is kept for the next run to resume.
	StatusInterrupted Status = "interrupted"
)

// Result is the outcome of one package.
type Result struct {
	Package  Package
	File     string // file name inside Dir ("" when the name was refused)
	Status   Status
	Resumed  bool  // continued a .part file left by an earlier attempt or run
	Received int64 // bytes received over the network for it
	Err      error
}

// Summary is the outcome of a Run.
type Summary struct {
	Results                                  []Result // in the order of the packages given
	Downloaded, Skipped, Failed, Interrupted int
	Received                                 int64
}

// job is one package with its file name decided.
type job struct {
	index int
	pkg   Package
	file  string
}

// Run downloads every package not already complete in Dir and writes the
// manifest. It returns an error only when it could not work at all (Dir or
// the manifest unusable) or when ctx ended; failed packages are in the
// Summary. On cancellation, finished files stay and .part files are kept
// for the next run to resume.
func (d *Downloader) Run(ctx context.Context, pkgs []Package) (Summary, error) {
	if err := os.MkdirAll(d.Dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("download directory: %w", err)
	}
	man, err := LoadManifest(d.Dir)
	if err != nil {
		return Summary{}, err
	}
	results := make([]Result, len(pkgs))
	jobs := planFiles(pkgs, results)
	r := d.reporter()
	var listed int64
	for _, p := range pkgs {
		listed += p.Size
	}
	r.Begin(len(pkgs), listed)
	for _, res := range results {
		if res.Err != nil { // refused before any request
			r.Finished(res)
		}
	}
	run := &runState{d: d, man: man, rep: r, now: d.clock()}
	run.work(ctx, jobs, results)
	saveErr := run.save(true)
	r.End()
	sum := summarize(results)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, saveErr
}

// planFiles gives every package its file name. Packages whose name is
// unsafe, whose URL is not http(s), or whose file name another package
// already took are marked failed in results and get no job; the others
// stay pending (Status "") until a worker sets their result.
func planFiles(pkgs []Package, results []Result) []job {
	var jobs []job
	owner := map[string]Package{}
	for i, p := range pkgs {
		results[i] = Result{Package: p}
		file, err := FileName(p)
		if err == nil {
			_, err = checkURL(p.URL)
		}
		if err == nil {
			if o, taken := owner[file]; taken {
				err = fmt.Errorf("file %s is already the file of package %s (%s, %s)", file, o.Name, o.Subject, o.Area)
			}
		}
		if err != nil {
			results[i].Status = StatusFailed
			results[i].Err = fmt.Errorf("package %q: %w", truncateForError(p.Name), err)
			continue
		}
		owner[file] = p
		results[i].File = file
		jobs = append(jobs, job{index: i, pkg: p, file: file})
	}
	return jobs
}

func summarize(results []Result) Summary {
	s := Summary{Results: results}
	for _, r := range results {
		s.Received += r.Received
		switch r.Status {
		case StatusDownloaded:
			s.Downloaded++
		case StatusSkipped:
			s.Skipped++
		case StatusInterrupted:
			s.Interrupted++
		default:
			s.Failed++
		}
	}
	return s
}

func (d *Downloader) reporter() Reporter {
	if d.Progress == nil {
		return nopReporter{}
	}
	return d.Progress
}

func (d *Downloader) clock() func() time.Time {
	if d.Now != nil {
		return d.Now
	}
	return time.Now
}

// client is the Client (or one whose transport gives up on a server that
// does not answer within 30 s) with redirects kept on the listed host.
func (d *Downloader) client() *http.Client {
	if d.Client != nil {
		return guarded(d.Client)
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 30 * time.Second
	return guarded(&http.Client{Transport: t})
}

func (d *Downloader) parallel() int {
	if d.Parallel > 0 {
		return d.Parallel
	}
	return DefaultParallel
}

func (d *Downloader) stall() time.Duration {
	if d.StallTimeout > 0 {
		return d.StallTimeout
	}
	return 60 * time.Second
}

// runState is what the workers of one Run share.
type runState struct {
	d   *Downloader
	rep Reporter
	now func() time.Time

	mu        sync.Mutex // guards man, lastSave
	man       *Manifest
	lastSave  time.Time
	saveError error
}

// work runs the jobs on Parallel workers; results[j.index] is set by the
// worker that ran job j.
func (s *runState) work(ctx context.Context, jobs []job, results []Result) {
	client := s.d.client()
	queue := make(chan job)
	var wg sync.WaitGroup
	for range min(s.d.parallel(), max(len(jobs), 1)) {
		wg.Go(func() {
			for j := range queue {
				res := s.one(ctx, client, j)
				results[j.index] = res
				s.rep.Finished(res)
			}
		})
	}
feed:
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		select {
		case queue <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	for _, j := range jobs {
		if results[j.index].Status == "" {
			results[j.index].Status = StatusInterrupted
			results[j.index].Err = fmt.Errorf("not attempted: %w", context.Cause(ctx))
		}
	}
}

// save writes the manifest when forced or when SaveEvery has passed.
func (s *runState) save(force bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	every := s.d.SaveEvery
	if every <= 0 {
		every = time.Second
	}
	if !force && s.now().Sub(s.lastSave) < every {
		return nil
	}
	s.lastSave = s.now()
	if err := s.man.Save(s.d.Dir); err != nil {
		s.saveError = err
		return err
	}
	return s.saveError
}

func (s *runState) record(e Entry) {
	s.mu.Lock()
	s.man.put(e)
	s.mu.Unlock()
	s.save(false)
}

func (s *runState) forget(file string) {
	s.mu.Lock()
	s.man.remove(file)
	s.mu.Unlock()
}

func (s *runState) entry(file string) (Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.man.lookup(file)
}
