package actiontest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	ghstub "github.com/logctl/logctl/internal/emulator/github"
)

// The caller repository of the scenarios: two config directories whose
// tasks take their secrets from ${env:}.
var callerRepo = map[string]string{
	"logs/edge/siem.yaml": `version: 1
defaults:
  tencent: {region: ap-guangzhou}
deliveryTasks:
  - name: security-to-siem
    zoneId: zone-2z55fgysdtmc
    type: custom_endpoint
    logType: l7-access-logs
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID, ClientIP, RequestTime, SecurityAction]
    logFormat: {formatType: json}
    customEndpoint:
      url: https://siem.example.com/edgeone/ingest
      compressType: gzip
      accessId: ${env:SIEM_ACCESS_ID}
      accessKey: ${env:SIEM_ACCESS_KEY}
      headers:
        - {name: Authorization, value: "${env:SIEM_TOKEN}", secret: true}
`,
	"logs/archive/s3.yaml": `version: 1
defaults:
  tencent: {region: ap-guangzhou}
deliveryTasks:
  - name: l4-to-s3
    zoneId: zone-2z55fgysdtmc
    type: s3
    logType: application
    area: overseas
    entities: [sid-2s69eb5wcms7]
    fields: [ServiceID, ConnectTimeStamp, ClientRealIP, SentBytes]
    logFormat: {formatType: csv, fieldDelimiter: ",", recordDelimiter: "\n"}
    s3:
      endpoint: https://s3.ap-northeast-2.amazonaws.com
      region: ap-northeast-2
      bucket: edge-archive/l4/
      compressType: gzip
      accessId: ${env:S3_ACCESS_ID}
      accessKey: ${env:S3_ACCESS_KEY}
`,
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// logctlBinary builds cmd/logctl once per test run, or takes
// ACTIONTEST_LOGCTL (an installed binary to test instead).
func logctlBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("ACTIONTEST_LOGCTL"); bin != "" {
		return bin
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "actiontest-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "logctl")
		out, err := exec.Command("go", "build", "-o", builtBin, "github.com/logctl/logctl/cmd/logctl").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// needVars fails when the binary has no working `logctl vars`, which the
// action calls to know which secrets to export.
func needVars(t *testing.T, bin string) {
	t.Helper()
	if err := exec.Command(bin, "vars", "--help").Run(); err != nil {
		t.Fatalf("logctl vars --help: %v; the action needs `logctl vars`", err)
	}
}

// world is one simulated repository with its clouds: the emulator served
// by the binary, the GitHub stand-in, and a workspace holding callerRepo.
type world struct {
	bin, ws, emulator string
	gh                *ghstub.Server
	ghURL             string
	mu                sync.Mutex
	bodies            []string // every request body GitHub received
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{bin: logctlBinary(t), ws: t.TempDir()}
	needVars(t, w.bin)
	for name, text := range callerRepo {
		w.write(t, name, text)
	}
	w.emulator = startEmulator(t, w.bin, filepath.Join(t.TempDir(), "state.json"))
	w.gh = ghstub.New()
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.mu.Lock()
		w.bodies = append(w.bodies, string(body))
		w.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		w.gh.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	w.ghURL = srv.URL
	return w
}

func (w *world) write(t *testing.T, name, text string) {
	t.Helper()
	p := filepath.Join(w.ws, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startEmulator runs `logctl emulator serve` on a free port until the test
// ends and returns its base URL.
func startEmulator(t *testing.T, bin, state string) string {
	t.Helper()
	cmd := exec.Command(bin, "emulator", "serve", "--addr", "127.0.0.1:0", "--state", state, "--no-rate-limits")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		t.Fatalf("emulator: first line %q, %v", line, err)
	}
	go io.Copy(io.Discard, stdout)
	return base
}

// run is one run of the action: event and its payload, the step's with:,
// and the job's env:.
type run struct {
	event   string
	payload map[string]any
	inputs  map[string]string
	jobEnv  map[string]string
	stubs   map[string]map[string]string
	env     map[string]string // extra runner environment
}

func (w *world) run(t *testing.T, r run) *Result {
	t.Helper()
	a, err := Load(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	eventPath := filepath.Join(tmp, "event.json")
	data, _ := json.Marshal(r.payload)
	if err := os.WriteFile(eventPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sha, _ := r.payload["after"].(string)
	if sha == "" {
		sha = "5f1c0de5f1c0de5f1c0de5f1c0de5f1c0de5f1c0"
	}
	env := map[string]string{
		"PATH": os.Getenv("PATH"), "HOME": os.Getenv("HOME"), "NO_COLOR": "1",
		"GOCACHE": goEnv(t, "GOCACHE"), "GOMODCACHE": goEnv(t, "GOMODCACHE"), "GOFLAGS": os.Getenv("GOFLAGS"),
		"CI": "true", "GITHUB_ACTIONS": "true",
		"GITHUB_EVENT_NAME": r.event, "GITHUB_EVENT_PATH": eventPath,
		"GITHUB_REPOSITORY": "acme/logs", "GITHUB_SHA": sha, "GITHUB_REF_NAME": "main",
		"GITHUB_API_URL": w.ghURL, "GITHUB_SERVER_URL": w.ghURL,
		"GITHUB_RUN_ID": "4242", "GITHUB_ACTOR": "alice",
		"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_TOOL_CACHE": filepath.Join(tmp, "toolcache"),
	}
	for k, v := range r.env {
		env[k] = v
	}
	jobEnv := map[string]string{"LOGCTL_TENCENT_ENDPOINT": w.emulator, "LOGCTL_HUAWEI_ENDPOINT": w.emulator}
	for k, v := range r.jobEnv {
		jobEnv[k] = v
	}
	runner := &Runner{
		Action: a, ActionPath: root, Workspace: w.ws, Temp: filepath.Join(tmp, "runner"),
		Env: env, JobEnv: jobEnv, Inputs: r.inputs, Stubs: r.stubs,
		Github: map[string]any{
			"event_name": r.event, "event": r.payload, "repository": "acme/logs", "sha": sha,
			"token": ghstub.DefaultToken, "server_url": w.ghURL, "api_url": w.ghURL,
			// Used from the repository itself (uses: ./): no ref.
			"action_ref": "", "action_repository": "",
		},
	}
	if err := os.MkdirAll(runner.Temp, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := runner.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stubbed) > 0 {
		t.Logf("stubbed (not run): %s", strings.Join(res.Stubbed, ", "))
	}
	w.checkNoSecret(t, res)
	return res
}
