package offlinelogs

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Reporter hears about a download run. Calls come from several goroutines;
// implementations serialize them.
type Reporter interface {
	// Begin is called once with the number of packages and the sum of
	// their listed sizes.
	Begin(packages int, listed int64)
	// Received is called as bytes arrive.
	Received(n int64)
	// Finished is called once per package, whatever happened to it.
	Finished(r Result)
	// End is called once after the last package.
	End()
}

type nopReporter struct{}

func (nopReporter) Begin(int, int64) {}
func (nopReporter) Received(int64)   {}
func (nopReporter) Finished(Result)  {}
func (nopReporter) End()             {}

// Lines reports one line per finished package, for logs and pipes where a
// redrawn bar would be noise.
type Lines struct {
	W     io.Writer
	mu    sync.Mutex
	total int
	done  int
}

// Begin implements Reporter.
func (l *Lines) Begin(packages int, _ int64) {
	l.mu.Lock()
	l.total = packages
	l.mu.Unlock()
}

// Received implements Reporter.
func (l *Lines) Received(int64) {}

// Finished implements Reporter.
func (l *Lines) Finished(r Result) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done++
	fmt.Fprintf(l.W, "[%d/%d] %s\n", l.done, l.total, describeResult(r))
}

// End implements Reporter.
func (l *Lines) End() {}

// describeResult is the one-line account of a package.
func describeResult(r Result) string {
	name := r.File
	if name == "" {
		name = fmt.Sprintf("%q", truncateForError(r.Package.Name))
	}
	switch r.Status {
	case StatusDownloaded:
		how := "downloaded"
		if r.Resumed {
			how = "resumed"
		}
		return fmt.Sprintf("%-10s %s (%s)", how, name, HumanBytes(r.Received))
	case StatusSkipped:
		return fmt.Sprintf("%-10s %s (already complete)", "skipped", name)
	case StatusInterrupted:
		return fmt.Sprintf("%-10s %s (a partial file is kept to resume)", "stopped", name)
	}
	return fmt.Sprintf("%-10s %s: %v", "failed", name, r.Err)
}

// Bar draws a progress bar on a terminal (github.com/schollz/progressbar):
// packages done, bytes received against the bytes still expected, rate and
// ETA. Failed packages are printed above the bar. Redraws are at most every
// 100 ms.
type Bar struct {
	W io.Writer

	mu          sync.Mutex
	bar         *progressbar.ProgressBar
	total, done int
	// expected starts at the sum of the listed sizes and loses what a
	// finished package did not need (skipped, resumed, failed), so the rate
	// and ETA count only bytes that cross the network.
	expected, received int64
	sized              bool // the listing gave sizes: a bar with an ETA
}

// Begin implements Reporter.
func (b *Bar) Begin(packages int, listed int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total, b.expected, b.sized = packages, listed, listed > 0
	limit := int64(-1) // sizes not listed: bytes and rate, no bar
	if b.sized {
		limit = b.limit()
	}
	b.bar = progressbar.NewOptions64(limit, progressbar.OptionSetWriter(b.W), progressbar.OptionSetWidth(24),
		progressbar.OptionShowBytes(true), progressbar.OptionUseIECUnits(true), progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0), // no redraw goroutine: every write is under mu
		progressbar.OptionSetDescription(b.describe()), progressbar.OptionSetRenderBlankState(true))
}

// Received implements Reporter.
func (b *Bar) Received(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.received += n
	if b.sized && b.received >= b.bar.GetMax64() {
		b.bar.ChangeMax64(b.limit())
	}
	b.bar.Set64(b.received)
}

// Finished implements Reporter.
func (b *Bar) Finished(r Result) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	b.expected -= max(0, r.Package.Size-r.Received)
	if r.Status == StatusFailed {
		b.bar.Clear()
		fmt.Fprintln(b.W, describeResult(r))
	}
	b.bar.Describe(b.describe())
	if b.sized {
		b.bar.ChangeMax64(b.limit())
	}
}

// End implements Reporter.
func (b *Bar) End() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bar.Describe(b.describe())
	if b.sized {
		b.bar.ChangeMax64(max(b.received, 1))
	}
	b.bar.Finish()
	fmt.Fprintln(b.W)
}

func (b *Bar) describe() string {
	return fmt.Sprintf("%d/%d packages", b.done, b.total)
}

// limit is the bar's maximum when sizes are listed; called with mu held.
// The bar stops drawing for good once it reaches its maximum, so until End
// the maximum stays above what was received, even when packages turn out
// larger than listed.
func (b *Bar) limit() int64 {
	return max(b.expected, b.received+1)
}

// HumanBytes formats a byte count with binary units: 512 B, 1.5 KiB, 3.2 MiB.
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
