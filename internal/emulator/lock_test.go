package emulator_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/emulator"
)

// TestSecondServerOnOneStateIsRefused: two servers on one state file would
// each overwrite the other's changes; the second is refused, naming the
// first, and may start once the first is closed.
func TestSecondServerOnOneStateIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	e := newEnv(t, emulator.Options{StatePath: path})
	e.cls("CreateExport", seedExport)

	_, err := emulator.New(emulator.Options{StatePath: path})
	if err == nil || !strings.Contains(err.Error(), "state "+path+" is in use by pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second New: %v, want a refusal naming this process", err)
	}
	e.ts.Close()
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	e2 := newEnv(t, emulator.Options{StatePath: path})
	if n := num(e2.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 1 {
		t.Errorf("after the first closed: TotalCount %d, want 1", n)
	}
}

// TestTempFilesRemovedAtStart: a kill -9 between creating and renaming the
// temporary state file leaves it behind; the next start removes it and
// nothing else.
func TestTempFilesRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.json")
	left := filepath.Join(dir, ".s.json.123456.tmp")
	other := filepath.Join(dir, ".other.json.1.tmp")
	for _, p := range []string{left, other} {
		if err := os.WriteFile(p, []byte("{half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newEnv(t, emulator.Options{StatePath: path})
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("temporary state file left: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another state's file was removed: %v", err)
	}
}
