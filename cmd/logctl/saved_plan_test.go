package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTamperedSavedPlanIsRefused forges a saved plan from two genuine ones:
// the changes of a plan that deletes a declared task (made from a copy of
// the files without it, so its live id and fingerprint are real), the
// inputs of a plan of the real files, and a safety setting that would let
// anything through. apply --plan must plan again from the files, find that
// nothing is to be deleted, and refuse with exit 5.
func TestTamperedSavedPlanIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS(filepath.Join("..", "..", "examples"))); err != nil {
		t.Fatal(err)
	}
	logctl := func(args ...string) (int, string) {
		cmd := exec.Command(logctlBin, append(args, "--emulator", "--emulator-state", "state.json")...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "S3_ACCESS_ID=a", "S3_ACCESS_KEY=b",
			"SIEM_ACCESS_ID=c", "SIEM_ACCESS_KEY=d", "SIEM_TOKEN=e")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), out.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, out.String()
	}
	if code, out := logctl("apply", "--auto-approve", "examples/"); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	// A copy of the files without the task "access-to-cls".
	if err := os.CopyFS(filepath.Join(dir, "shrunk"), os.DirFS(filepath.Join(dir, "examples"))); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "shrunk", "edgeone-delivery.yaml")
	b, _ := os.ReadFile(path)
	i, j := bytes.Index(b, []byte("  - name: access-to-cls")), bytes.Index(b, []byte("  # Blocked and challenged"))
	if i < 0 || j < i {
		t.Fatal("examples/edgeone-delivery.yaml no longer starts with access-to-cls")
	}
	if err := os.WriteFile(path, append(b[:i:i], b[j:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plan", "--out", "delete.json", "shrunk/"}, {"plan", "--out", "real.json", "examples/"}} {
		if code, out := logctl(args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, out)
		}
	}
	var forged, real map[string]any
	readJSON(t, filepath.Join(dir, "delete.json"), &forged)
	readJSON(t, filepath.Join(dir, "real.json"), &real)
	if !strings.Contains(mustJSON(t, forged["plan"]), `"action":"delete"`) {
		t.Fatalf("the shrunk files plan no delete: %s", mustJSON(t, forged["plan"]))
	}
	forged["inputs"] = real["inputs"]
	forged["safety"] = map[string]any{"maxPercent": 100}
	if err := os.WriteFile(filepath.Join(dir, "forged.json"), []byte(mustJSON(t, forged)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := logctl("apply", "--auto-approve", "--plan", "forged.json")
	if code != exitStale {
		t.Fatalf("apply of the forged plan: exit %d, want %d\n%s", code, exitStale, out)
	}
	for _, want := range []string{"the saved plan is not what the files and the live state plan now", `delete deliveryTask "access-to-cls": in the saved plan, not in a plan made now`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Nothing was deleted: the real files still plan no change.
	if code, out := logctl("plan", "--detailed-exitcode", "examples/"); code != 0 {
		t.Errorf("plan after the refused apply: exit %d\n%s", code, out)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSavedPlanTarget checks what a saved plan records of the target and
// the apply command plan suggests, which must reach the same target.
func TestSavedPlanTarget(t *testing.T) {
	env := map[string]string{"LOGCTL_TENCENT_ENDPOINT": " http://127.0.0.1:8787/ ", "TENCENTCLOUD_SECRET_ID": "AKIDREAL",
		"TENCENTCLOUD_SECRET_KEY": "never-recorded", "HUAWEICLOUD_SDK_PROJECT_ID": "p1"}
	cloud := &cloudSession{getenv: func(k string) string { return env[k] }}
	got := (&app{}).target(cloud, "")
	if got.TencentEndpoint != "http://127.0.0.1:8787" || got.HuaweiEndpoint != "" || got.HuaweiProject != "p1" ||
		!strings.HasPrefix(got.TencentKey, "sha256:") || strings.Contains(got.String(), "AKIDREAL") {
		t.Errorf("target = %+v", got)
	}
	env["TENCENTCLOUD_SESSION_TOKEN"] = "tok"
	if got := (&app{}).target(cloud, ""); got.TencentKey != "" {
		t.Errorf("temporary keys recorded as %q: their SecretId changes every session", got.TencentKey)
	}
	if got := (&app{emulatorState: "st.json"}).target(cloud, ""); got.Emulator != "st.json" || got.TencentEndpoint != "" {
		t.Errorf("emulator target = %+v", got)
	}
	for state, want := range map[string]string{
		"":                   "logctl apply --plan 'my plan.json'",
		defaultEmulatorState: "logctl apply --emulator --plan 'my plan.json'",
		"state dir/e.json":   "logctl apply --emulator --emulator-state 'state dir/e.json' --plan 'my plan.json'",
	} {
		if got := (&app{emulatorState: state}).applyCommand("my plan.json"); got != want {
			t.Errorf("applyCommand with --emulator-state %q = %s, want %s", state, got, want)
		}
	}
}
