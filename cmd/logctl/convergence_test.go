package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
)

// convCases are the emulator readings the convergence suite runs under: the
// default, each switch alone, and all of them. Durations are short so that
// CI stays fast; "all" keeps its durations short the same way.
var convCases = []struct{ name, semantics string }{
	{"default", ""},
	{"modify-keeps-omitted", "modify-keeps-omitted"},
	{"async-delete", "async-delete=300ms"},
	{"describe-lag", "describe-lag=300ms"},
	{"not-found-plain", "not-found-plain"},
	{"mask-secrets", "mask-secrets"},
	{"lts-page", "lts-page=7"},
	{"l7-legacy-page-zero", "l7-legacy-page-zero"},
	{"l4-size-original", "l4-size-original"},
	{"refuse-legacy-logtypes", "refuse-legacy-logtypes"},
	{"strict-fields", "strict-fields"},
	{"all", "all,async-delete=300ms,describe-lag=300ms"},
}

// TestConvergence applies a repository that exercises every field against
// the in-process emulator under each reading, edits it and applies again;
// every apply must exit 0, the next plan must be empty, and nothing may be
// duplicated (issue: "Converge against the real clouds, whichever way their
// undocumented behaviours go"). The binary is the one users install, talking
// HTTP to the emulator as it would to the clouds.
func TestConvergence(t *testing.T) {
	if testing.Short() {
		t.Skip("convergence suite: not in -short")
	}
	t.Parallel() // mostly waits on the client's pacing
	// The scenarios mostly wait on the client's pacing at the vendor
	// quotas (250 dumps at 20/s), so they all run at once, whatever
	// -parallel says; each subtest then reports its own.
	outcomes := map[string]chan *collector{}
	for _, c := range convCases {
		sem, err := semantics.Parse(c.semantics)
		if err != nil {
			t.Fatal(err)
		}
		sb, env := startConvEmulator(t, sem)
		col := &collector{dir: t.TempDir()}
		ch := make(chan *collector, 1)
		outcomes[c.name] = ch
		go func() {
			defer func() { ch <- col }()
			runConvergence(col, col.dir, sb, env)
		}()
	}
	for _, c := range convCases {
		t.Run(c.name, func(t *testing.T) {
			(<-outcomes[c.name]).report(t)
		})
	}
}

// tb is what the scenario needs of a test: *testing.T, or a collector for
// a scenario that runs on its own goroutine.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

// collector records a scenario's log and failures for its subtest to
// report; Fatalf ends the scenario's goroutine.
type collector struct {
	dir    string
	mu     sync.Mutex
	lines  []string
	failed bool
}

func (c *collector) Helper() {}

func (c *collector) Logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, fmt.Sprintf(format, args...))
}

func (c *collector) Errorf(format string, args ...any) {
	c.Logf(format, args...)
	c.mu.Lock()
	c.failed = true
	c.mu.Unlock()
}

func (c *collector) Fatalf(format string, args ...any) {
	c.Errorf(format, args...)
	runtime.Goexit()
}

func (c *collector) report(t *testing.T) {
	t.Helper()
	for _, l := range c.lines {
		t.Log(l)
	}
	if c.failed {
		t.Fail()
	}
}

// startConvEmulator serves an emulator under sem with a world holding the
// convergence sandbox, and returns the binary's environment to reach it.
func startConvEmulator(t *testing.T, sem semantics.Semantics) (sandbox, []string) {
	t.Helper()
	sb := emulatorSandbox()
	srv, err := emulator.New(emulator.Options{World: []byte(convWorld(sb)), Semantics: sem})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	env := append(baseEnv(t.TempDir()),
		"LOGCTL_TENCENT_ENDPOINT="+ts.URL, "LOGCTL_HUAWEI_ENDPOINT="+ts.URL,
		"TENCENTCLOUD_SECRET_ID="+emulator.DefaultTencentSecretID, "TENCENTCLOUD_SECRET_KEY="+emulator.DefaultTencentSecretKey,
		"HUAWEICLOUD_SDK_AK="+emulator.DefaultHuaweiAK, "HUAWEICLOUD_SDK_SK="+emulator.DefaultHuaweiSK,
	)
	return sb, env
}

// baseEnv is a clean environment: a private HOME (no profile files), no
// colour, and the secrets the repository references.
func baseEnv(home string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "NO_COLOR=1",
		"CONV_ACCESS_ID=conv-id", "CONV_ACCESS_KEY=conv-key", "CONV_TOKEN=Bearer conv-token",
		"CONV_S3_ID=conv-s3-id", "CONV_S3_KEY=conv-s3-key"}
}

func emulatorSandbox() sandbox {
	sb := sandbox{
		zoneID: "zone-3conv0000001", domains: []string{"a.conv.example", "b.conv.example", "c.conv.example"},
		l4Proxy: "sid-3conv0000001", clsRegion: "ap-guangzhou", logSetID: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
		topicID: "c0c0c0c0-5cf6-4017-8a75-cd4459aea588", region: "cn-north-4",
		projectID: "0123456789abcdef0123456789abcdef", scopes: true, prefix: accPrefix, site: "conv.example",
	}
	const groups, perGroup = 25, 10 // 250 dumps
	for g := range groups {
		lg := logGroup{id: fmt.Sprintf("c0c0c0c0-%04d-4000-8000-000000000000", g)}
		for k := range perGroup {
			lg.streams = append(lg.streams, fmt.Sprintf("c1c1c1c1-%04d-4000-8000-%012d", g, k))
		}
		sb.groups = append(sb.groups, lg)
	}
	for k := range perGroup {
		sb.buckets = append(sb.buckets, fmt.Sprintf("logctl-acc-bucket-%d", k))
	}
	return sb
}

func convWorld(sb sandbox) string {
	w := fmt.Sprintf(`tencent:
  zones:
    - {id: %s, name: conv.example, domains: [%s], l4Proxies: [%s]}
  cls:
    - region: %s
      logSets: [{id: %s, topics: [%s]}]
huawei:
  projects:
    - id: %s
      region: %s
      buckets: [%s]
      logGroups:
`, sb.zoneID, strings.Join(sb.domains, ", "), sb.l4Proxy, sb.clsRegion, sb.logSetID, sb.topicID,
		sb.projectID, sb.region, strings.Join(sb.buckets, ", "))
	for _, g := range sb.groups {
		w += fmt.Sprintf("        - {id: %s, streams: [%s]}\n", g.id, strings.Join(g.streams, ", "))
	}
	return w
}

// runConvergence is the scenario, against whatever env points at.
func runConvergence(t tb, dir string, sb sandbox, env []string) {
	started := time.Now()
	for step, files := range []map[string]string{repoV1(sb), repoV2(sb)} {
		writeRepo(t, dir, files)
		if out, code := runLogctl(t, dir, env, "apply", "--auto-approve", "."); code != 0 {
			t.Fatalf("apply of v%d exited %d:\n%s", step+1, code, out)
		}
		if out, code := runLogctl(t, dir, env, "plan", "--detailed-exitcode", "."); code != 0 {
			t.Fatalf("plan after apply of v%d exited %d (2: changes remain):\n%s", step+1, code, out)
		}
		checkNoDuplicates(t, dir, env, sb)
	}
	if sb.site != "" {
		checkOfflineLogs(t, dir, env, sb)
	}
	t.Logf("converged in %s", time.Since(started).Round(time.Millisecond))
}

// runLogctl runs the built binary in dir and returns its combined output
// and exit code.
func runLogctl(t tb, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, logctlBin, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("run logctl %v: %v", args, err)
	}
	return out.String(), 0
}

// checkOfflineLogs lists L7 packages through both API versions (the legacy
// page base) and downloads an hour of L4 packages (the L4 Size reading).
func checkOfflineLogs(t tb, dir string, env []string, sb sandbox) {
	t.Helper()
	list := func(args ...string) string {
		out, code := runLogctl(t, dir, env, append([]string{"logs", "list", "--type", "l7", "--start", "-30h", "-o", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("logs list %v exited %d:\n%s", args, code, out)
		}
		return out
	}
	current := list("--zone", sb.zoneID)
	legacy := list("--zone", sb.site, "--api-version", "2022-01-06")
	if n, m := strings.Count(current, `"name"`), strings.Count(legacy, `"name"`); n == 0 || n != m {
		t.Errorf("logs list: %d packages through 2022-09-01, %d through 2022-01-06", n, m)
	}
	out, code := runLogctl(t, dir, env, "logs", "download", "--type", "l4", "--zone", sb.zoneID, "--start", "-5h", "--dir", "l4", "--timeout", "2m")
	if code != 0 || !strings.Contains(out, " 0 failed") {
		t.Errorf("logs download l4 exited %d:\n%s", code, out)
	}
}
