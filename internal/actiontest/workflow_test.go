package actiontest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The setup job of the reusable workflow turns the paths input into the
// matrix: one entry per directory, cleaned, deduplicated, with a key that
// fits artifact names and concurrency groups.
func TestWorkflowMatrix(t *testing.T) {
	w, err := LoadWorkflow(filepath.Join("..", "..", ".github", "workflows", "logctl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := w.JobAction("setup")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ paths, want string }{
		{"logs", `[{"path":"logs","key":"logs"}]`},
		{"logs/prod\n  ./logs/stage/ \n\nlogs/prod\n", `[{"path":"logs/prod","key":"logs-prod"},{"path":"logs/stage","key":"logs-stage"}]`},
		{".", `[{"path":".","key":"root"}]`},
		{"teams/a b", `[{"path":"teams/a b","key":"teams-a-b"}]`},
		{" \n", ""}, // no directory: the job fails
	}
	for _, tt := range tests {
		t.Run(tt.paths, func(t *testing.T) {
			r := &Runner{Action: a, Workspace: t.TempDir(), Temp: t.TempDir(),
				Env:    map[string]string{"PATH": os.Getenv("PATH")},
				Inputs: map[string]string{"paths": tt.paths}}
			res, err := r.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if !res.Failed || len(res.Errors) == 0 {
					t.Fatalf("want a failure with an error annotation, got %+v", res)
				}
				return
			}
			if got := res.Steps[0].Outputs["dirs"]; res.Failed || got != tt.want {
				t.Fatalf("dirs = %s, want %s\n%s", got, tt.want, res.Log)
			}
		})
	}
}

var (
	pinned    = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	versionRe = regexp.MustCompile(`#\s*v\d+(\.\d+)*`)
)

// Every job of every workflow (ours and the examples') has a timeout, and
// every third-party action is pinned by full commit SHA with its version
// in a comment. logctl's own action and workflow are referenced by tag.
func TestWorkflowHygiene(t *testing.T) {
	root := filepath.Join("..", "..")
	files, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	more, _ := filepath.Glob(filepath.Join(root, "examples", "github", "*", ".github", "workflows", "*.yml"))
	more2, _ := filepath.Glob(filepath.Join(root, "examples", "github", ".github", "workflows", "*.yml"))
	files = append(append(files, more...), more2...)
	files = append(files, filepath.Join(root, "action.yml"))
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			_, uses, ok := strings.Cut(line, "uses: ")
			if !ok || strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			ref, comment, _ := strings.Cut(uses, " ")
			if strings.HasPrefix(ref, "./") || strings.HasPrefix(ref, "logctl/logctl") {
				continue
			}
			if !pinned.MatchString(ref) || !versionRe.MatchString(comment) {
				t.Errorf("%s:%d: %s is not pinned by commit SHA with a # vX.Y.Z comment", f, i+1, strings.TrimSpace(uses))
			}
		}
		if filepath.Base(f) == "action.yml" {
			continue
		}
		var w Workflow
		if err := yaml.Unmarshal(data, &w); err != nil {
			t.Fatal(err)
		}
		for name, j := range w.Jobs {
			// A job that calls a reusable workflow cannot set a timeout;
			// the called jobs do.
			if j.Uses == "" && j.TimeoutMinutes == nil {
				t.Errorf("%s: job %s has no timeout-minutes", f, name)
			}
		}
	}
}
