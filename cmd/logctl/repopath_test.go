package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/logctl/logctl/internal/prcomment"
)

func TestRelativeTo(t *testing.T) {
	ws := t.TempDir()
	wd := filepath.Join(ws, "configs", "prod")
	outside := filepath.Join(filepath.Dir(ws), "elsewhere.yaml")
	cases := []struct {
		name, file, want string
	}{
		{"a file in the current directory", "tasks.yaml", "configs/prod/tasks.yaml"},
		{"dot slash", "./tasks.yaml", "configs/prod/tasks.yaml"},
		{"a subdirectory", filepath.Join("sub", "a.yaml"), "configs/prod/sub/a.yaml"},
		{"up, still inside", filepath.Join("..", "..", "shared", "x.yaml"), "shared/x.yaml"},
		{"absolute, inside", filepath.Join(ws, "a.yaml"), "a.yaml"},
		{"a name starting with two dots is inside", filepath.Join("..x", "a.yaml"), "configs/prod/..x/a.yaml"},
		{"relative, outside: as is", filepath.Join("..", "..", "..", "x.yaml"), filepath.Join("..", "..", "..", "x.yaml")},
		{"absolute, outside: as is", outside, outside},
	}
	rel := relativeTo(ws, wd)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := rel(tc.file); got != tc.want {
				t.Errorf("relativeTo(%q)(%q) = %q, want %q", ws, tc.file, got, tc.want)
			}
			if got := rel(tc.file); got != tc.want {
				t.Errorf("second call = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRelativeToSymlink: the workspace is named through a link while the
// current directory is the real one (or the other way round).
func TestRelativeToSymlink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	if err := os.MkdirAll(filepath.Join(real, "configs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "configs", "tasks.yaml"), []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if got := relativeTo(link, filepath.Join(real, "configs"))("tasks.yaml"); got != "configs/tasks.yaml" {
		t.Errorf("workspace through a link: %q, want configs/tasks.yaml", got)
	}
	if got := relativeTo(real, filepath.Join(link, "configs"))("tasks.yaml"); got != "configs/tasks.yaml" {
		t.Errorf("current directory through a link: %q, want configs/tasks.yaml", got)
	}
}

// TestSourceLinkerRepoRelative: in Actions the comment's links name files
// from the repository root whatever the current directory; elsewhere they
// are relative to the current directory, as before.
func TestSourceLinkerRepoRelative(t *testing.T) {
	ws := t.TempDir()
	wd := filepath.Join(ws, "configs", "prod")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	event := filepath.Join(ws, "event.json")
	if err := os.WriteFile(event, []byte(`{"pull_request": {"head": {"sha": "abc123"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	env := prcomment.Env{Repository: "acme/logs", EventPath: event}
	for _, tc := range []struct {
		name, workspace, file, want string
	}{
		{"in Actions", ws, "tasks.yaml", "https://github.com/acme/logs/blob/abc123/configs/prod/tasks.yaml#L3"},
		{"in Actions, a sibling directory", ws, "../staging/t.yaml", "https://github.com/acme/logs/blob/abc123/configs/staging/t.yaml#L3"},
		{"no workspace", "", "tasks.yaml", "https://github.com/acme/logs/blob/abc123/tasks.yaml#L3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_WORKSPACE": tc.workspace}
			a := &app{getenv: func(k string) string { return vars[k] }}
			link := a.sourceLinker(env, headCommit(env.EventPath))
			if link == nil {
				t.Fatal("no linker")
			}
			if got := link(tc.file, 3); got != tc.want {
				t.Errorf("link(%q) = %q, want %q", tc.file, got, tc.want)
			}
		})
	}
}
