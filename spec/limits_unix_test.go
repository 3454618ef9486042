//go:build unix

package spec

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNamedPipeIsNotRead checks that a named pipe called *.yaml is reported
// instead of read: opening it would wait for a writer forever.
func TestNamedPipeIsNotRead(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ok := "version: 1\ndumps: []\n"
	if err := os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte(ok), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan Diagnostics, 1)
	go func() {
		_, diags, err := Load([]string{dir})
		if err != nil {
			t.Error(err)
		}
		done <- diags
	}()
	diags := <-done // a regression hangs here until the test binary's timeout
	var found bool
	for _, d := range diags {
		found = found || d.Rule == "schema.not-regular" && filepath.Base(d.Pos.File) == "pipe.yaml"
	}
	if !found {
		t.Errorf("named pipe not reported: %v", diagLines(diags))
	}
}
