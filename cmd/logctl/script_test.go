package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// logctlBin is the binary the scripts run, built once by TestMain with
// go build, so the scripts exercise exactly what users install.
var logctlBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "logctl-script-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	logctlBin = filepath.Join(dir, "logctl")
	build := exec.Command("go", "build", "-o", logctlBin, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "build logctl: %v\n", err)
		return 1
	}
	return m.Run()
}

// lastStatus holds the exit code of a script's last logctl command.
type lastStatus struct{ code int }

// TestScripts runs testdata/script/*.txtar with testscript. Besides the
// built-in commands a script has:
//
//	logctl ARGS...   run the built binary; "! logctl" expects a failure
//	status N         the last logctl exited with code N
//	validjson FILE   FILE ("stdout", "stderr" or a path) is one JSON value
//	serve-emulator STATE  start `logctl emulator serve` on a free loopback
//	                 port, keeping STATE, and point LOGCTL_TENCENT_ENDPOINT
//	                 and LOGCTL_HUAWEI_ENDPOINT at it until the script ends
//
// Every script starts with a copy of examples/ in its work directory.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Values["status"] = &lastStatus{}
			env.Setenv("NO_COLOR", "1")
			return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS(examples))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"logctl":         cmdLogctl,
			"status":         cmdStatus,
			"validjson":      cmdValidJSON,
			"serve-emulator": cmdServeEmulator,
		},
	})
}

func cmdLogctl(ts *testscript.TestScript, neg bool, args []string) {
	st := ts.Value("status").(*lastStatus)
	err := ts.Exec(logctlBin, args...)
	st.code = 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		st.code = ee.ExitCode()
	case err != nil:
		ts.Fatalf("run logctl: %v", err)
	}
	if neg && st.code == 0 {
		ts.Fatalf("logctl succeeded, want a failure")
	}
	if !neg && st.code != 0 {
		ts.Fatalf("logctl exited with %d, want 0", st.code)
	}
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	if got := ts.Value("status").(*lastStatus).code; got != want {
		ts.Fatalf("logctl exited with %d, want %d", got, want)
	}
}

func cmdValidJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: validjson FILE")
	}
	data := ts.ReadFile(args[0])
	var v any
	err := json.Unmarshal([]byte(data), &v)
	switch {
	case neg && err == nil:
		ts.Fatalf("%s is valid JSON, want invalid", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s is not valid JSON: %v", args[0], err)
	}
}

func cmdServeEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve-emulator STATE")
	}
	cmd := exec.Command(logctlBin, "emulator", "serve", "--addr", "127.0.0.1:0", "--state", ts.MkAbs(args[0]))
	cmd.Dir = ts.Getenv("WORK")
	out, err := cmd.StdoutPipe()
	if err != nil {
		ts.Fatalf("serve-emulator: %v", err)
	}
	if err := cmd.Start(); err != nil {
		ts.Fatalf("serve-emulator: %v", err)
	}
	ts.Defer(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		ts.Fatalf("serve-emulator: first line %q, %v", line, err)
	}
	ts.Setenv("LOGCTL_TENCENT_ENDPOINT", base)
	ts.Setenv("LOGCTL_HUAWEI_ENDPOINT", base)
}
