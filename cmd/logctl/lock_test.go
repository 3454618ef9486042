package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/filelock"
)

// exportsYAML declares n exports on the default world's topic.
func exportsYAML(n int) string {
	var b strings.Builder
	b.WriteString("version: 1\ndefaults: {tencent: {region: ap-guangzhou}}\nexports:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: e%02d, topicId: ee20bb16-3025-4048-b81a-dd436373062e, query: \"status:%d\", count: 100, from: 1607499107000, to: 1607585507000}\n", i, 200+i)
	}
	return b.String()
}

type applyRun struct {
	code           int
	stdout, stderr string
}

// applyTwice runs two applies of dir at once, as two CI jobs on one runner
// would, with args and getenv.
func applyTwice(args []string, getenv func(string) string) [2]applyRun {
	var out [2]applyRun
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range out {
		wg.Go(func() {
			var stdout, stderr bytes.Buffer
			<-start
			code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr, getenv)
			out[i] = applyRun{code, stdout.String(), stderr.String()}
		})
	}
	close(start)
	wg.Wait()
	return out
}

// checkOneActed: each run either applied everything or was refused naming
// the other; never did both act on the same live state.
func checkOneActed(t *testing.T, runs [2]applyRun, refusal string) {
	t.Helper()
	for i, r := range runs {
		switch {
		case r.code == exitOK:
		case r.code == exitError && strings.Contains(r.stderr, refusal) && strings.Contains(r.stderr, fmt.Sprintf("pid %d", os.Getpid())):
		default:
			t.Errorf("run %d: exit %d\n%s\n%s", i, r.code, r.stdout, r.stderr)
		}
	}
}

// TestConcurrentAppliesDoNotDuplicate: two applies of 25 exports at once
// against one cloud create 25 exports, not 50 (issue: 25 of 25 were
// duplicated, 3 runs of 3). The lock is .logctl/apply.lock in the
// configuration's directory.
func TestConcurrentAppliesDoNotDuplicate(t *testing.T) {
	srv, url := registryEmulator(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "logctl.yaml"), []byte(exportsYAML(25)), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := registryEnv(map[string]string{"LOGCTL_TENCENT_ENDPOINT": url, "LOGCTL_HUAWEI_ENDPOINT": url})
	runs := applyTwice([]string{"apply", "--auto-approve", dir}, getenv)
	checkOneActed(t, runs, "another apply of this configuration is running")
	if n := srv.Requests()["cls:CreateExport"]; n != 25 {
		t.Errorf("CreateExport called %d times, want 25", n)
	}
	if _, err := os.Stat(filepath.Join(dir, applyLockName)); err != nil {
		t.Errorf("lock file: %v", err)
	}
}

// TestApplyRefusedNamesTheHolder: a held lock refuses apply before it
// reads anything, naming who holds it.
func TestApplyRefusedNamesTheHolder(t *testing.T) {
	srv, url := registryEmulator(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "exports.yaml")
	os.WriteFile(file, []byte(exportsYAML(1)), 0o644)
	started := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	l, err := filelock.TryLock(filepath.Join(dir, applyLockName), filelock.Holder{PID: 4242, Host: "runner-7", Started: started, Command: "logctl apply logs/"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	var stdout, stderr bytes.Buffer
	getenv := registryEnv(map[string]string{"LOGCTL_TENCENT_ENDPOINT": url, "LOGCTL_HUAWEI_ENDPOINT": url})
	code := run(context.Background(), []string{"apply", "--auto-approve", file}, strings.NewReader(""), &stdout, &stderr, getenv)
	want := `pid 4242 on runner-7, since 2026-12-04T09:30:00Z, running "logctl apply logs/"`
	if code != exitError || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to name %s", code, stderr.String(), want)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d kinds of requests made while refused: %v", n, srv.Requests())
	}
}

// TestConcurrentEmulatorAppliesDoNotDuplicate: with --emulator the state
// file's lock serializes the runs; the state ends with 25 exports.
func TestConcurrentEmulatorAppliesDoNotDuplicate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "logctl.yaml")
	os.WriteFile(file, []byte(exportsYAML(25)), 0o644)
	state := filepath.Join(dir, "state.json")
	runs := applyTwice([]string{"apply", "--emulator", "--emulator-state", state, "--auto-approve", file}, func(string) string { return "" })
	checkOneActed(t, runs, "state "+state+" is in use by")
	b, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Tencent struct {
			Exports []struct{ Query string } `json:"exports"`
		} `json:"tencent"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range st.Tencent.Exports {
		seen[e.Query]++
	}
	if len(seen) != 25 || len(st.Tencent.Exports) != 25 {
		t.Errorf("state holds %d exports of %d queries, want 25 distinct", len(st.Tencent.Exports), len(seen))
	}
}
