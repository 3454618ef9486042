package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/offlinelogs"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

func progressResults() []reconcile.Result {
	change := func(name string, a diff.Action) diff.Change {
		return diff.Change{Kind: spec.KindDeliveryTask, Name: name, Key: "zone-2z55fgysdtmc/" + name, Action: a}
	}
	return []reconcile.Result{
		{Change: change("a", diff.ActionCreate), Status: reconcile.StatusDone, LiveID: "id-a"},
		{Change: change("n", diff.ActionNoop), Status: reconcile.StatusDone},
		{Change: change("b", diff.ActionDelete), Status: reconcile.StatusDone},
	}
}

// TestProgressLines: without a terminal, one line per finished change and
// nothing else (no bar, no escape sequences).
func TestProgressLines(t *testing.T) {
	var buf bytes.Buffer
	a := &app{stderr: &buf}
	p := newProgress(a, 2)
	for i, r := range progressResults() {
		p.report(i+1, 3, r)
	}
	p.close()
	got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(got) != 2 || !strings.Contains(got[0], `"a"`) || !strings.Contains(got[1], `"b"`) || strings.Contains(buf.String(), "\x1b") {
		t.Errorf("lines = %q, want one line for a, one for b", buf.String())
	}
}

// TestProgressBar: on a terminal the changes are counted on a bar.
func TestProgressBar(t *testing.T) {
	a := &app{stderr: openPTY(t)}
	p := newProgress(a, 2)
	if p.bar == nil {
		t.Fatal("no bar on a terminal")
	}
	for i, r := range progressResults() {
		p.report(i+1, 3, r)
	}
	// done counts the no-change result too; the bar counts changes only.
	if st := p.bar.State(); st.CurrentNum != 2 || st.Max != 2 {
		t.Errorf("bar at %d/%d, want 2/2", st.CurrentNum, st.Max)
	}
	p.close()
}

// TestDownloadProgressFor: logs download draws a bar on a terminal and
// prints lines elsewhere.
func TestDownloadProgressFor(t *testing.T) {
	if _, ok := progressFor(&bytes.Buffer{}).(*offlinelogs.Lines); !ok {
		t.Error("no lines without a terminal")
	}
	if _, ok := progressFor(openPTY(t)).(*offlinelogs.Bar); !ok {
		t.Error("no bar on a terminal")
	}
}
