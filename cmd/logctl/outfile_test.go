package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
)

// TestWriteSavedPlanNamesItsFile: a failed write names the plan file, not
// the temporary one, and leaves no temporary behind.
func TestWriteSavedPlanNamesItsFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	// A non-empty directory where the plan goes: the rename fails.
	if err := os.MkdirAll(filepath.Join(path, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	sp := &reconcile.SavedPlan{FormatVersion: reconcile.SavedPlanVersion, Plan: &diff.Plan{FormatVersion: diff.FormatVersion}}
	err := writeSavedPlan(path, sp)
	if err == nil || !strings.HasPrefix(err.Error(), "write "+path+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error = %v, want one naming %s and no temporary file", err, path)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left behind (%v)", err)
	}
}
