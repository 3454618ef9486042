package offlinelogs

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLines(t *testing.T) {
	var buf bytes.Buffer
	l := &Lines{W: &buf}
	p := Package{Name: "20250301-22-d.example.com", Size: 100}
	l.Begin(4, 400)
	l.Received(4096)
	l.Finished(Result{Package: p, File: "a.log.gz", Status: StatusDownloaded, Received: 2048})
	l.Finished(Result{Package: p, File: "b.log.gz", Status: StatusSkipped})
	l.Finished(Result{Package: Package{Name: "../x\n"}, Status: StatusFailed, Err: errors.New("unsafe")})
	l.Finished(Result{Package: p, File: "c.log.gz", Status: StatusInterrupted})
	l.End()
	want := `[1/4] downloaded a.log.gz (2.0 KiB)
[2/4] skipped    b.log.gz (already complete)
[3/4] failed     "../x\n": unsafe
[4/4] stopped    c.log.gz (a partial file is kept to resume)
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestBar(t *testing.T) {
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	b := &Bar{W: &buf, Width: 10, Now: func() time.Time { return now }}
	b.Begin(4, 400)
	now = now.Add(10 * time.Second)
	b.Received(1 << 20)
	b.Finished(Result{Package: Package{Size: 100}, Status: StatusDownloaded})
	if got, want := lastLine(buf.String()), "[==>       ] 1/4 packages, 1.0 MiB received, ETA 30s"; got != want {
		t.Errorf("after one of four:\n got %q\nwant %q", got, want)
	}
	// Received redraws at most every 100 ms.
	before := buf.Len()
	b.Received(10)
	if buf.Len() != before {
		t.Errorf("Received redrew within 100 ms: %q", buf.String()[before:])
	}
	b.Finished(Result{Package: Package{Name: "bad", Size: 100}, File: "bad.log.gz", Status: StatusFailed, Err: errors.New("HTTP 404")})
	if !strings.Contains(buf.String(), "failed     bad.log.gz: HTTP 404\n") {
		t.Errorf("failure not printed above the bar: %q", buf.String())
	}
	now = now.Add(10 * time.Second)
	b.Finished(Result{Package: Package{Size: 100}, Status: StatusSkipped})
	b.Finished(Result{Package: Package{Size: 100}, Status: StatusSkipped})
	b.End()
	if got, want := lastLine(buf.String()), "[==========] 4/4 packages, 1.0 MiB received, done in 20s"; got != want {
		t.Errorf("at the end:\n got %q\nwant %q", got, want)
	}
	if !strings.HasSuffix(buf.String(), "\n") {
		t.Error("End did not finish the line")
	}
}

// lastLine is what a terminal shows last: the text after the last
// carriage return and erase-line sequence.
func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	i := strings.LastIndex(s, "\r\x1b[K")
	return s[i+len("\r\x1b[K"):]
}
