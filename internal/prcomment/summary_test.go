package prcomment

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWriteStepSummaryAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := WriteStepSummary(path, "# lint"); err != nil {
		t.Fatal(err)
	}
	if err := WriteStepSummary(path, "# plan\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "# lint\n# plan\n" {
		t.Errorf("summary = %q", got)
	}
	if err := WriteStepSummary("", "ignored"); err != nil {
		t.Errorf("empty path: %v, want nil", err)
	}
}

func TestWriteStepSummaryLimit(t *testing.T) {
	line := "| task | 日志 |\n" // multi-byte, so a byte cut could split a character
	tests := []struct {
		name     string
		existing int
		markdown string
		wantErr  error
		wantNote bool
	}{
		{"fits exactly", 0, strings.Repeat("x", MaxStepSummaryBytes-1), nil, false},
		{"too long alone", 0, strings.Repeat(line, MaxStepSummaryBytes/len(line)+10), nil, true},
		{"too long after earlier steps' text", MaxStepSummaryBytes - 5000, strings.Repeat(line, 1000), nil, true},
		{"open fence closed", MaxStepSummaryBytes - 5000, "```\n" + strings.Repeat(line, 1000), nil, true},
		{"no room for the note", MaxStepSummaryBytes - 10, "more", nil, false},
		{"full", MaxStepSummaryBytes - 10, strings.Repeat("x", 100), ErrStepSummaryFull, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "summary.md")
			if err := os.WriteFile(path, []byte(strings.Repeat("e", tc.existing)), 0o600); err != nil {
				t.Fatal(err)
			}
			err := WriteStepSummary(path, tc.markdown)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			data, _ := os.ReadFile(path)
			if len(data) > MaxStepSummaryBytes {
				t.Errorf("summary is %d bytes, over %d", len(data), MaxStepSummaryBytes)
			}
			if !utf8.Valid(data) {
				t.Errorf("summary is not valid UTF-8: a character was split")
			}
			added := string(data[tc.existing:])
			if got := strings.HasSuffix(added, summaryNote); got != tc.wantNote {
				t.Errorf("truncation note present = %v, want %v", got, tc.wantNote)
			}
			if tc.wantNote && strings.Count(added, "```")%2 != 0 {
				t.Errorf("code fence left open")
			}
			if !tc.wantNote && tc.wantErr == nil && added != tc.markdown+"\n" {
				t.Errorf("text changed although it fits")
			}
		})
	}
}
