package actiontest

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	headSHA1 = "1111111aaaaaaaabbbbbbbbccccccccdddddddd1"
	headSHA2 = "2222222aaaaaaaabbbbbbbbccccccccdddddddd2"
)

func prEvent(head, fork string) map[string]any {
	repo := "acme/logs"
	if fork != "" {
		repo = fork
	}
	return map[string]any{
		"action": "synchronize", "number": 7,
		"pull_request": map[string]any{
			"number": 7, "user": map[string]any{"login": "alice"},
			"head": map[string]any{"sha": head, "ref": "feature", "repo": map[string]any{"full_name": repo}},
			"base": map[string]any{"ref": "main", "repo": map[string]any{"full_name": "acme/logs"}},
		},
		"repository": map[string]any{"full_name": "acme/logs", "default_branch": "main"},
	}
}

func pushEvent() map[string]any {
	return map[string]any{"ref": "refs/heads/main", "after": "3333333aaaaaaaabbbbbbbbccccccccdddddddd3",
		"repository": map[string]any{"full_name": "acme/logs", "default_branch": "main"}}
}

// edgeRun maps the secrets into the job's env:, as a workflow using the
// action does; archiveRun passes toJSON(secrets) to the input and finds
// the binary through LOGCTL_BIN.
func (w *world) edgeRun(event string, payload map[string]any, command string) run {
	env := map[string]string{}
	maps.Copy(env, cloudSecrets)
	for _, n := range []string{"SIEM_ACCESS_ID", "SIEM_ACCESS_KEY", "SIEM_TOKEN"} {
		env[n] = secretValues[n]
	}
	return run{event: event, payload: payload, jobEnv: env,
		inputs: map[string]string{"command": command, "path": "logs/edge", "binary": w.bin}}
}

func (w *world) archiveRun(event string, payload map[string]any, command string) run {
	return run{event: event, payload: payload, env: map[string]string{"LOGCTL_BIN": w.bin},
		inputs: map[string]string{"command": command, "path": "./logs/archive/", "secrets": secretsJSON(nil)}}
}

func mustSucceed(t *testing.T, res *Result, outputs map[string]string) {
	t.Helper()
	if res.Failed {
		t.Fatalf("the action failed at step %s:\n%s", res.FailedAt, res.Log)
	}
	for k, v := range outputs {
		if res.Outputs[k] != v {
			t.Errorf("output %s = %q, want %q\n%s", k, res.Outputs[k], v, res.Log)
		}
	}
}

func TestPullRequestKeepsOneCommentPerDirectory(t *testing.T) {
	w := newWorld(t)
	planned := map[string]string{"exit-code": "2", "changes": "true", "create": "1", "delete": "0"}
	edge := w.run(t, w.edgeRun("pull_request", prEvent(headSHA1, ""), "plan"))
	mustSucceed(t, edge, planned)
	archive := w.run(t, w.archiveRun("pull_request", prEvent(headSHA1, ""), "plan"))
	mustSucceed(t, archive, planned)

	for _, res := range []*Result{edge, archive} {
		if len(res.Stubbed) != 0 {
			t.Errorf("with a prebuilt binary no other action runs, got %v", res.Stubbed)
		}
		if _, err := os.Stat(res.Outputs["plan-file"]); err != nil {
			t.Errorf("plan-file: %v", err)
		}
	}
	for _, n := range []string{"SIEM_ACCESS_ID", "SIEM_ACCESS_KEY", "S3_ACCESS_ID", "S3_ACCESS_KEY"} {
		if !slices.Contains(append(edge.Masks, archive.Masks...), secretValues[n]) {
			t.Errorf("the value of %s was not masked", n)
		}
	}
	if slices.Contains(archive.Masks, "never-exported-3c3c") {
		t.Error("a secret no file references was exported")
	}

	comments := w.gh.Comments("acme", "logs", 7)
	markers := []string{"<!-- logctl:plan dir=logs/edge -->", "<!-- logctl:plan dir=logs/archive -->"}
	if len(comments) != 2 {
		t.Fatalf("%d comments, want one per directory", len(comments))
	}
	for i, c := range comments {
		if !strings.HasPrefix(c.Body, markers[i]+"\n") || !strings.Contains(c.Body, headSHA1[:7]) {
			t.Errorf("comment %d does not start with %q or name commit %s:\n%s", i, markers[i], headSHA1[:7], c.Body)
		}
	}

	// A new push to the PR: the same two comments, edited in place.
	w.write(t, "logs/edge/siem.yaml", strings.Replace(callerRepo["logs/edge/siem.yaml"], "SecurityAction]", "SecurityAction, RequestHost]", 1))
	mustSucceed(t, w.run(t, w.edgeRun("pull_request", prEvent(headSHA2, ""), "plan")), planned)
	mustSucceed(t, w.run(t, w.archiveRun("pull_request", prEvent(headSHA2, ""), "plan")), planned)
	again := w.gh.Comments("acme", "logs", 7)
	if len(again) != 2 || again[0].ID != comments[0].ID || again[1].ID != comments[1].ID {
		t.Fatalf("second run: comments %v, want the same two edited", again)
	}
	if !strings.Contains(again[0].Body, "RequestHost") || !strings.Contains(again[0].Body, headSHA2[:7]) {
		t.Errorf("the edge comment was not updated:\n%s", again[0].Body)
	}
}

func TestForkPullRequestLintsOnly(t *testing.T) {
	w := newWorld(t)
	// Even handed the secrets (pull_request_target has them), the action
	// exports none to a fork's run.
	res := w.run(t, run{event: "pull_request_target", payload: prEvent(headSHA1, "mallory/logs"),
		inputs: map[string]string{"command": "plan", "path": "logs/edge", "binary": w.bin, "secrets": secretsJSON(nil)}})
	mustSucceed(t, res, map[string]string{"exit-code": "0", "changes": "false", "plan-file": ""})
	if len(res.Masks) != 0 {
		t.Errorf("secrets were exported to a fork's run (masked %d values)", len(res.Masks))
	}
	comments := w.gh.Comments("acme", "logs", 7)
	if len(comments) != 1 || !strings.HasPrefix(comments[0].Body, "<!-- logctl:plan dir=logs/edge -->\n") ||
		!strings.Contains(comments[0].Body, "plan skipped") || !strings.Contains(comments[0].Body, "fork mallory/logs") {
		t.Fatalf("want one comment saying why the plan was skipped, got %+v", comments)
	}
}

func TestPushAppliesAndScheduleReportsDrift(t *testing.T) {
	w := newWorld(t)
	mustSucceed(t, w.run(t, w.edgeRun("push", pushEvent(), "apply")), map[string]string{"exit-code": "0"})
	mustSucceed(t, w.run(t, w.archiveRun("push", pushEvent(), "apply")), map[string]string{"exit-code": "0"})
	schedule := map[string]any{"schedule": "23 6 * * *"}
	mustSucceed(t, w.run(t, w.edgeRun("schedule", schedule, "drift")), map[string]string{"changes": "false", "drift-issue": ""})
	if got := w.gh.Issues("acme", "logs"); len(got) != 0 {
		t.Fatalf("no drift, yet issues %+v", got)
	}

	// Someone edits the task in the console (here: another apply).
	w.moveLiveState(t)
	for range 2 {
		res := w.run(t, w.edgeRun("schedule", schedule, "drift"))
		mustSucceed(t, res, map[string]string{"exit-code": "2", "changes": "true"})
		if !strings.HasSuffix(res.Outputs["drift-issue"], "/acme/logs/issues/1") {
			t.Errorf("drift-issue = %q", res.Outputs["drift-issue"])
		}
	}
	issues := w.gh.Issues("acme", "logs")
	if len(issues) != 1 || issues[0].State != "open" || issues[0].Title != "logctl drift: logs/edge" ||
		!strings.HasPrefix(issues[0].Body, "<!-- logctl:drift dir=logs/edge -->\n") {
		t.Fatalf("want one open drift issue for logs/edge, got %+v", issues)
	}
	// The archive directory did not drift: no issue for it.
	mustSucceed(t, w.run(t, w.archiveRun("schedule", schedule, "drift")), map[string]string{"changes": "false"})

	// Applying again puts things right; the next check closes the issue.
	mustSucceed(t, w.run(t, w.edgeRun("push", pushEvent(), "apply")), map[string]string{"exit-code": "0"})
	mustSucceed(t, w.run(t, w.edgeRun("schedule", schedule, "drift")), map[string]string{"changes": "false"})
	if issues := w.gh.Issues("acme", "logs"); len(issues) != 1 || issues[0].State != "closed" {
		t.Fatalf("the drift issue was not closed: %+v", issues)
	}
}

// moveLiveState applies a changed copy of logs/edge outside the workspace.
func (w *world) moveLiveState(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	changed := strings.Replace(callerRepo["logs/edge/siem.yaml"], "SecurityAction]", "SecurityAction, ClientRegion]", 1)
	if err := os.WriteFile(filepath.Join(dir, "siem.yaml"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(w.bin, "apply", "--auto-approve", dir)
	cmd.Env = append(os.Environ(), "LOGCTL_TENCENT_ENDPOINT="+w.emulator, "LOGCTL_HUAWEI_ENDPOINT="+w.emulator, "NO_COLOR=1")
	for k, v := range cloudSecrets {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	for k, v := range secretValues {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("moving the live state: %v\n%s", err, out)
	}
}
