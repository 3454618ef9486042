package offlinelogs

import (
	"bytes"
	"errors"
	"strings"
	"testing"

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

// TestBar drives the terminal bar into a buffer. The library reads the
// wall clock, so the test checks counts and final text, not the ETA.
func TestBar(t *testing.T) {
	var buf bytes.Buffer
	b := &Bar{W: &buf}
	b.Begin(4, 4096)
	if !strings.Contains(buf.String(), "0/4 packages   0%") || !strings.Contains(buf.String(), "0 B/4.0 KiB") {
		t.Errorf("blank bar = %q", buf.String())
	}
	b.Received(1024)
	b.Finished(Result{Package: Package{Size: 1024}, Status: StatusDownloaded, Received: 1024})
	if st := b.bar.State(); st.CurrentNum != 1024 || st.Max != 4096 {
		t.Errorf("after one of four: bar at %d/%d, want 1024/4096", st.CurrentNum, st.Max)
	}
	b.Finished(Result{Package: Package{Name: "bad", Size: 1024}, File: "bad.log.gz", Status: StatusFailed, Err: errors.New("HTTP 404")})
	if !strings.Contains(buf.String(), "\rfailed     bad.log.gz: HTTP 404\n") {
		t.Errorf("failure not printed above the bar: %q", buf.String())
	}
	// What a package did not need to receive leaves the expected bytes.
	b.Finished(Result{Package: Package{Size: 1024}, Status: StatusSkipped})
	if st := b.bar.State(); st.Max != 2048 {
		t.Errorf("after a failure and a skip: max %d, want 2048", st.Max)
	}
	b.Received(512)
	b.Finished(Result{Package: Package{Size: 1024}, Status: StatusDownloaded, Resumed: true, Received: 512})
	if st := b.bar.State(); st.CurrentNum != 1536 || st.Max != 1537 {
		t.Errorf("before End: bar at %d/%d, want 1536/1537 (a full bar stops drawing)", st.CurrentNum, st.Max)
	}
	b.End()
	last := lastLine(buf.String())
	if !strings.HasPrefix(last, "4/4 packages 100% |") || !strings.Contains(last, "(1.5/1.5 KiB") {
		t.Errorf("at the end: %q", last)
	}
	if !strings.HasSuffix(buf.String(), "\n") {
		t.Error("End did not finish the line")
	}
}

// TestBarWithoutSizes: a listing without sizes counts bytes, with no bar
// to fill and no ETA.
func TestBarWithoutSizes(t *testing.T) {
	var buf bytes.Buffer
	b := &Bar{W: &buf}
	b.Begin(2, 0)
	b.Received(2048)
	b.Finished(Result{Status: StatusDownloaded, Received: 2048})
	b.Finished(Result{Status: StatusSkipped})
	b.End()
	if last := lastLine(buf.String()); !strings.Contains(last, "2/2 packages") || !strings.Contains(last, "2.0 KiB") {
		t.Errorf("at the end: %q", last)
	}
}

// lastLine is what a terminal shows last: the text after the last
// carriage return.
func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndex(s, "\r")+1:]
}
