package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTotalSizeIsBounded checks that files together larger than
// MaxTotalSize are refused before any is read (sparse files: nothing is
// written).
func TestTotalSizeIsBounded(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, MaxFileSize-1); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := Load([]string{dir})
	if err == nil || !strings.Contains(err.Error(), "in parts") {
		t.Fatalf("want the total size refused, got %v", err)
	}
}

// TestLongKeysAreClipped checks that a diagnostic quoting a huge key does
// not echo all of it.
func TestLongKeysAreClipped(t *testing.T) {
	key := strings.Repeat("k", 1<<20)
	_, diags := ParseBytes("big.yaml", []byte("version: 1\n"+key+": 1\n"))
	if len(diags) == 0 {
		t.Fatal("unknown key not reported")
	}
	for _, d := range diags {
		if len(d.Summary) > MaxText+64 || len(d.Detail) > MaxText+64 {
			t.Errorf("%s: %d-byte summary, %d-byte hint", d.Rule, len(d.Summary), len(d.Detail))
		}
	}
}
