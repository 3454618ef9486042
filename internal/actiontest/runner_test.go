package actiontest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func miniRunner(t *testing.T) *Runner {
	t.Helper()
	a, err := Load(filepath.Join("testdata", "mini", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	return &Runner{
		Action: a, ActionPath: t.TempDir(), Workspace: t.TempDir(), Temp: t.TempDir(),
		Env:    map[string]string{"PATH": os.Getenv("PATH"), "HOME": t.TempDir(), "RUNNER_OS": "Linux"},
		Github: map[string]any{"token": "tok-123"},
		Inputs: map[string]string{"word": "hi"},
		Stubs:  map[string]map[string]string{"actions/cache": {"cache-hit": "false"}},
	}
}

func TestRunnerSemantics(t *testing.T) {
	res, err := miniRunner(t).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"said": "hi tok-123", "multi": "one\ntwo", "after": "set by say/tool ran"}
	for k, v := range want {
		if res.Outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, res.Outputs[k], v)
		}
	}
	if !res.Failed || res.FailedAt != "fail" {
		t.Errorf("Failed=%v at %q, want the step fail", res.Failed, res.FailedAt)
	}
	var outcomes []string
	for _, s := range res.Steps {
		outcomes = append(outcomes, s.ID+":"+s.Outcome)
	}
	wantOutcomes := []string{"say:success", "cache:success", "after:success", "fail:failure", "skipped:skipped", "cleanup:success"}
	if !slices.Equal(outcomes, wantOutcomes) {
		t.Errorf("outcomes %v, want %v", outcomes, wantOutcomes)
	}
	if len(res.Stubbed) != 1 || !strings.HasPrefix(res.Stubbed[0], "actions/cache@") {
		t.Errorf("stubbed %v", res.Stubbed)
	}
	if !slices.Contains(res.Masks, "tok-123") || !strings.Contains(res.Summary, "# summary of say") {
		t.Errorf("masks %v, summary %q", res.Masks, res.Summary)
	}
}

func TestRunnerRefusesUnknownInput(t *testing.T) {
	r := miniRunner(t)
	r.Inputs["wrod"] = "typo"
	if _, err := r.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "wrod is not declared") {
		t.Fatalf("err = %v", err)
	}
}

func TestReadKeyValues(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	os.WriteFile(p, []byte("a=1\nb<<X\nline 1\nline=2\nX\nc=x=y\n"), 0o644)
	kv, err := readKeyValues(p)
	if err != nil || kv["a"] != "1" || kv["b"] != "line 1\nline=2" || kv["c"] != "x=y" {
		t.Fatalf("%q %v", kv, err)
	}
	os.WriteFile(p, []byte("b<<X\nnever closed\n"), 0o644)
	if _, err := readKeyValues(p); err == nil {
		t.Fatal("an unterminated block was accepted")
	}
}
