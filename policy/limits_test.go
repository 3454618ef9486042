package policy

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/logctl/logctl/spec"
)

const oneTask = `version: 1
deliveryTasks:
  - name: t
    zoneId: zone-2z55fgysdtmc
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID]
    cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}
`

// TestFindingsAreCapped checks that a rule with more results than
// MaxFindings yields MaxFindings findings and one that counts the rest, and
// that a long message is clipped.
func TestFindingsAreCapped(t *testing.T) {
	many := "package logctl.flood\n\nwarn_many contains sprintf(\"w%d\", [i]) if some i in numbers.range(1, 10005)\n\n" +
		"deny_long contains concat(\"\", [\"é\" | some _ in numbers.range(1, 3000)])\n"
	e := newEngine(t, writeFiles(t, map[string]string{"flood.rego": many}))
	fs, err := e.Eval(context.Background(), parse(t, oneTask), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != MaxFindings+1 {
		t.Fatalf("%d findings, want %d", len(fs), MaxFindings+1)
	}
	var capped, long []Finding
	for _, f := range fs {
		switch {
		case f.Rule == "policy.too-many-findings":
			capped = append(capped, f)
		case f.Rule == "flood.long":
			long = append(long, f)
		}
	}
	if len(capped) != 1 || !strings.HasPrefix(capped[0].Message, "6 more findings") || capped[0].Severity != SeverityWarning {
		t.Errorf("cap finding: %+v", capped)
	}
	if len(long) != 1 || len(long[0].Message) > spec.MaxText+64 || !utf8.ValidString(long[0].Message) ||
		!strings.HasSuffix(long[0].Message, "more bytes not shown)") {
		t.Errorf("long message not clipped: %d bytes", len(long[0].Message))
	}
}

// TestEvalStopsWhenCancelled checks that cancelling the context (lint on
// SIGINT/SIGTERM) stops an evaluation that would run for minutes. The
// bound only catches a hang; it is no speed target.
func TestEvalStopsWhenCancelled(t *testing.T) {
	slow := "package logctl.slow\n\ndeny_slow contains n if {\n\tn := count([x | some x in numbers.range(1, 1000000000); x % 7 == 0])\n\tn < 0\n}\n"
	e := newEngine(t, writeFiles(t, map[string]string{"slow.rego": slow}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.Eval(ctx, parse(t, oneTask), nil)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("want a cancellation error, got %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("evaluation still running 30 s after the context was cancelled")
	}
}
