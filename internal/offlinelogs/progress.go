package offlinelogs

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
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

// Bar draws a progress bar on a terminal: packages done, bytes received,
// and an ETA from the listed sizes of the packages finished so far. Failed
// packages are printed above the bar. Redraws are at most every 100 ms.
type Bar struct {
	W     io.Writer
	Now   func() time.Time // nil is time.Now
	Width int              // bar cells; 0 is 24

	mu                 sync.Mutex
	start, drawn       time.Time
	total, done        int
	listed, doneListed int64
	received           int64
}

func (b *Bar) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// Begin implements Reporter.
func (b *Bar) Begin(packages int, listed int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.start, b.total, b.listed = b.now(), packages, listed
	b.draw(true)
}

// Received implements Reporter.
func (b *Bar) Received(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.received += n
	b.draw(false)
}

// Finished implements Reporter.
func (b *Bar) Finished(r Result) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	b.doneListed += r.Package.Size
	if r.Status == StatusFailed {
		fmt.Fprintf(b.W, "\r\x1b[K%s\n", describeResult(r))
	}
	b.draw(true)
}

// End implements Reporter.
func (b *Bar) End() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.draw(true)
	fmt.Fprintln(b.W)
}

// draw repaints the line; called with mu held.
func (b *Bar) draw(force bool) {
	now := b.now()
	if !force && now.Sub(b.drawn) < 100*time.Millisecond {
		return
	}
	b.drawn = now
	fmt.Fprintf(b.W, "\r\x1b[K%s", b.line(now))
}

// line is the bar's text: "[=====>      ] 12/40 packages, 3.1 MiB, ETA 42s".
func (b *Bar) line(now time.Time) string {
	width := b.Width
	if width <= 0 {
		width = 24
	}
	frac := 1.0
	if b.listed > 0 {
		frac = float64(b.doneListed) / float64(b.listed)
	} else if b.total > 0 {
		frac = float64(b.done) / float64(b.total)
	}
	filled := min(int(frac*float64(width)), width)
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	eta := "ETA --"
	if b.done == b.total {
		eta = "done in " + now.Sub(b.start).Round(time.Second).String()
	} else if frac > 0 {
		elapsed := now.Sub(b.start)
		eta = "ETA " + time.Duration(float64(elapsed)*(1-frac)/frac).Round(time.Second).String()
	}
	return fmt.Sprintf("[%s] %d/%d packages, %s received, %s", bar, b.done, b.total, HumanBytes(b.received), eta)
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
