package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/engine"
	ghemu "github.com/logctl/logctl/internal/emulator/github"
	"github.com/logctl/logctl/internal/prcomment"
	"github.com/logctl/logctl/internal/redact"
	"github.com/logctl/logctl/spec"
)

// prRun is a pull_request run of `logctl plan --github-comment` against
// the GitHub stand-in and the in-process cloud emulator.
type prRun struct {
	t      *testing.T
	gh     *ghemu.Server
	env    map[string]string
	dir    string
	state  string
	stdout bytes.Buffer
	stderr bytes.Buffer
}

func newPRRun(t *testing.T) *prRun {
	t.Helper()
	gh := ghemu.New()
	srv := httptest.NewServer(gh)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	event := filepath.Join(dir, "event.json")
	if err := os.WriteFile(event, []byte(`{"number": 7, "pull_request": {"number": 7, "head": {"sha": "abc123"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return &prRun{t: t, gh: gh, dir: dir, state: filepath.Join(dir, "state.json"), env: map[string]string{
		"GITHUB_TOKEN": ghemu.DefaultToken, "GITHUB_REPOSITORY": "acme/logs", "GITHUB_EVENT_PATH": event,
		"GITHUB_API_URL": srv.URL + "/", "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"), "NO_COLOR": "1",
	}}
}

func (r *prRun) plan(paths ...string) int {
	r.stdout.Reset()
	r.stderr.Reset()
	args := append([]string{"plan", "--emulator", "--emulator-state", r.state, "--github-comment"}, paths...)
	return run(context.Background(), args, strings.NewReader(""), &r.stdout, &r.stderr, func(k string) string { return r.env[k] })
}

func (r *prRun) comments() []ghemu.Comment { return r.gh.Comments("acme", "logs", 7) }

// One comment per PR and directory, edited in place on every run; the job
// summary gets the full text; the exit code is the plan's.
func TestPlanGitHubCommentIsSticky(t *testing.T) {
	r := newPRRun(t)
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	cs := r.comments()
	if len(cs) != 1 {
		t.Fatalf("%d comments after the first run", len(cs))
	}
	body := cs[0].Body
	for _, want := range []string{"Lint passed", "Plan: 7 to create", "What data goes where", "access-to-cls", "<details>"} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	first := cs[0].ID
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("second run: exit %d", code)
	}
	if cs = r.comments(); len(cs) != 1 || cs[0].ID != first {
		t.Fatalf("want the same single comment edited, got %d comments", len(cs))
	}
	summary, err := os.ReadFile(r.env["GITHUB_STEP_SUMMARY"])
	if err != nil || !strings.Contains(string(summary), "Plan: 7 to create") {
		t.Errorf("job summary: %v\n%s", err, summary)
	}
	if strings.Contains(body, "emulator-placeholder") {
		t.Error("a secret value reached the comment")
	}
}

// Lint errors are commented too (with file:line links to the head commit),
// and the run exits 3.
func TestPlanGitHubCommentOnLintFailure(t *testing.T) {
	r := newPRRun(t)
	bad := filepath.Join(r.dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\ndeliveryTasks:\n  - {name: x, zoneId: z, type: cls, logType: l7-access-logs, area: mainland, entities: [d], fields: [f], sample: 5000, cls: {logSetId: a, topicId: b, logSetRegion: c}}\n"), 0o644)
	if code := r.plan(bad); code != exitDeny {
		t.Fatalf("exit %d, want %d: %s", code, exitDeny, r.stderr.String())
	}
	cs := r.comments()
	if len(cs) != 1 || !strings.Contains(cs[0].Body, "Lint failed") || !strings.Contains(cs[0].Body, "/blob/abc123/") {
		t.Fatalf("comments: %+v", cs)
	}
}

// A comment that cannot be written (a fork PR's read-only token) is a
// warning: the plan's exit code stands.
func TestPlanGitHubCommentFailureIsAWarning(t *testing.T) {
	r := newPRRun(t)
	r.gh.InjectFault(ghemu.Fault{Kind: ghemu.Forbidden, Times: 10})
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	if !strings.Contains(r.stderr.String(), "Warning: could not write the PR comment") {
		t.Errorf("no warning: %s", r.stderr.String())
	}
	if !strings.Contains(r.stdout.String(), "Plan: 7 to create") {
		t.Errorf("the plan was hidden: %s", r.stdout.String())
	}
}

var updateGolden = flag.Bool("update", false, "rewrite golden files")

// The comment for a small plan and for a huge one, as golden Markdown: the
// huge one must fit GitHub's 65,536 characters, keep the header and the
// destructive changes, and point to the job summary for the rest. The
// places plan has same-named tasks in two zones and a scope the safety
// valve refuses: comment and job summary name each zone and warn.
func TestCommentGolden(t *testing.T) {
	small := &planned{Planned: &engine.Planned{Plan: goldenPlan(t, "changes")}}
	places := &planned{Planned: &engine.Planned{Plan: goldenPlan(t, "places")}}
	huge := &planned{Planned: &engine.Planned{Plan: hugePlan(6000)}}
	for name, pl := range map[string]*planned{"small": small, "places": places, "huge": huge} {
		t.Run(name, func(t *testing.T) {
			body, full := composeComment(pl, "logs", "", func(f string, l int) string { return "" }, func(s string) string { return s })
			if n := utf8.RuneCountInString(body); n > prcomment.BodyBudget("logs") {
				t.Fatalf("body has %d characters", n)
			}
			golden := filepath.Join("testdata", "comment-"+name+".md")
			if *updateGolden {
				os.WriteFile(golden, []byte(body), 0o644)
			}
			want, _ := os.ReadFile(golden)
			if body != string(want) {
				t.Errorf("%s differs (go test ./cmd/logctl -run TestCommentGolden -update)", golden)
			}
			if name == "places" {
				for _, want := range []string{"<b>b-api-cls</b> in zone zone-a will be created", "<b>b-api-cls</b> in zone zone-b will be updated",
					"apply will refuse this plan without \\-\\-force: deliveryTasks zoneId\\=zone\\-b: 2 of 3 live resources"} {
					if !strings.Contains(body, want) || !strings.Contains(full, want) {
						t.Errorf("comment or job summary lacks %q:\n%s", want, full)
					}
				}
			}
			if name == "huge" {
				if !strings.Contains(body, "more changes — see the job summary") || !strings.Contains(body, `will be deleted`) {
					t.Errorf("huge comment lacks the pointer or the deletes:\n%s", body[len(body)-500:])
				}
				if len(full) <= len(body) {
					t.Error("the job summary should hold everything")
				}
			}
		})
	}
}

// goldenPlan reads the plan of one of diff's golden cases.
func goldenPlan(t *testing.T, name string) *diff.Plan {
	b, err := os.ReadFile("../../diff/testdata/" + name + "/plan.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var p diff.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func hugePlan(n int) *diff.Plan {
	p := &diff.Plan{FormatVersion: diff.FormatVersion}
	for i := range n {
		c := diff.Change{Kind: spec.KindDeliveryTask, Name: fmt.Sprintf("task-%05d", i), Key: fmt.Sprintf("z/task-%05d", i), Action: diff.ActionUpdate,
			Fields: []diff.FieldChange{{Path: "sample", Before: "1000", After: fmt.Sprint(1 + i%999)}}}
		if i%500 == 0 {
			c.Action, c.Fields, c.Reason = diff.ActionDelete, nil, "not declared in any file, inside scope deliveryTasks zoneId=z"
			p.Summary.Delete++
		} else {
			p.Summary.Update++
		}
		p.Changes = append(p.Changes, c)
	}
	return p
}

// A "No changes" comment forged by someone who may only comment on the PR
// carries the marker: logctl posts its own plan beside it, leaves it
// alone, and names it (URL and author) on stderr and in the job summary.
func TestPlanGitHubCommentIgnoresForgedComment(t *testing.T) {
	r := newPRRun(t)
	mallory := ghemu.User{Login: "mallory", ID: 666, Type: "User"}
	forged := r.gh.AddComment("acme", "logs", 7, mallory, prcomment.Marker("../../examples")+"\nNo changes. Your infrastructure matches the configuration.")
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	cs := r.comments()
	if len(cs) != 2 || cs[0].ID != forged.ID || cs[0].Body != forged.Body || cs[0].UpdatedAt != forged.UpdatedAt {
		t.Fatalf("comments = %+v, want the forged one untouched", cs)
	}
	if cs[1].User.Login != ghemu.DefaultLogin || !strings.Contains(cs[1].Body, "Plan: 7 to create") {
		t.Errorf("logctl's own comment = %+v", cs[1])
	}
	forgedURL := fmt.Sprintf("%s/acme/logs/pull/7#issuecomment-%d", strings.TrimSuffix(r.env["GITHUB_API_URL"], "/"), forged.ID)
	summary, err := os.ReadFile(r.env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"stderr": r.stderr.String(), "job summary": string(summary)} {
		if !strings.Contains(out, forgedURL) || !strings.Contains(out, "mallory") {
			t.Errorf("%s does not name the forged comment %s by mallory:\n%s", name, forgedURL, out)
		}
	}
}

// A secret that reached the plan's text (here as a vendor error quoted in
// a change's reason and a field value, as it would be in Markdown-escaped
// and plain form) is redacted from the comment GitHub receives and from
// the job summary.
func TestPlanGitHubCommentRedactsSecrets(t *testing.T) {
	r := newPRRun(t)
	const secret = "Hunter_2*Planted"
	secrets := &redact.Set{}
	secrets.Add(secret)
	a := &app{ctx: context.Background(), stdout: &r.stdout, stderr: &r.stderr,
		getenv: func(k string) string { return r.env[k] }, secrets: secrets}
	p := &diff.Plan{FormatVersion: diff.FormatVersion, Summary: diff.Summary{Update: 1, Delete: 1}, Changes: []diff.Change{
		{Kind: spec.KindDeliveryTask, Name: "siem", Key: "z/siem", Action: diff.ActionUpdate,
			Fields: []diff.FieldChange{{Path: "customEndpoint.url", Before: `"https://u:` + secret + `@old"`, After: `"https://u:` + secret + `@new"`}}},
		{Kind: spec.KindDeliveryTask, Name: "old", Key: "z/old", Action: diff.ActionDelete,
			Reason: "InvalidParameterValue: Url \"ftp://u:" + secret + "@h\" is invalid"},
	}}
	a.postComment([]string{"logs"}, &planned{Planned: &engine.Planned{Plan: p}})
	summary, err := os.ReadFile(r.env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	cs := r.comments()
	if len(cs) != 1 {
		t.Fatalf("%d comments: %s", len(cs), r.stderr.String())
	}
	for name, out := range map[string]string{"comment": cs[0].Body, "job summary": string(summary), "stderr": r.stderr.String()} {
		if strings.Contains(out, "Planted") || strings.Contains(out, "Hunter") {
			t.Errorf("%s leaks the secret:\n%s", name, out)
		}
	}
	if !strings.Contains(cs[0].Body, "(sensitive)") {
		t.Errorf("comment shows no redaction, so the test proves nothing:\n%s", cs[0].Body)
	}
}

// The marker is keyed on the directory relative to the repository root,
// wherever logctl runs from.
func TestCommentKey(t *testing.T) {
	ws := t.TempDir()
	tests := []struct {
		name, cwd, workspace string
		paths                []string
		want                 string
	}{
		{"no workspace", ".", "", []string{"./logs/"}, "./logs/"},
		{"root", ".", ws, []string{"logs/prod"}, "logs/prod"},
		{"from inside", "logs/prod", ws, []string{"."}, "logs/prod"},
		{"no path", "logs/stage", ws, nil, "logs/stage"},
		{"several", ".", ws, []string{"logs/a", "logs/b/x.yaml"}, "logs/a logs/b/x.yaml"},
		{"outside", ".", filepath.Join(ws, "logs"), []string{"other"}, "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(ws, tt.cwd)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			var repoPath func(string) string
			if tt.workspace != "" {
				repoPath = relativeTo(tt.workspace, dir)
			}
			if got := commentKey(tt.paths, repoPath); got != tt.want {
				t.Fatalf("commentKey = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommentNamesTheCommit(t *testing.T) {
	r := newPRRun(t)
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	const want = "<sub>Planned at commit [`abc123`](https://github.com/acme/logs/commit/abc123).</sub>"
	if cs := r.comments(); len(cs) != 1 || !strings.Contains(cs[0].Body, want) {
		t.Fatalf("the comment does not name the commit (%q): %+v", want, cs)
	}
}

// The first plan of examples/ against an empty emulator adds every flow:
// the comment says which data starts going where, the job summary too.
func TestPlanGitHubCommentShowsDataMapChange(t *testing.T) {
	r := newPRRun(t)
	if code := r.plan("../../examples"); code != exitOK {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	cs := r.comments()
	if len(cs) != 1 {
		t.Fatalf("%d comments: %s", len(cs), r.stderr.String())
	}
	// The header of the data-map change table (the plan-only table has no
	// "change" column), and a flow to the SIEM named with its host.
	for _, want := range []string{"| → destination | change |", "security-to-siem", "siem.example.com", "```mermaid"} {
		if !strings.Contains(cs[0].Body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, cs[0].Body)
		}
	}
}
