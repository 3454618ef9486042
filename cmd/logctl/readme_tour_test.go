package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tourSkipped are the tour's commands that do not end by themselves.
var tourSkipped = map[string]bool{"logctl emulator serve": true}

// TestREADMETourRuns runs every logctl command of the README's quick
// start and five-minute tour, as written and in order, in a directory
// holding a copy of examples/: a tour that does not run teaches nothing.
func TestREADMETourRuns(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := tourCommands(t, string(readme))
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS(examples)); err != nil {
		t.Fatal(err)
	}
	// No credentials and no home: the tour needs none.
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "NO_COLOR=1"}
	for _, line := range cmds {
		if tourSkipped[line] {
			continue
		}
		cmd := exec.Command(logctlBin, strings.Fields(line)[1:]...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", line, err, out)
		}
	}
}

// tourCommands returns the commands of the README's first sh block (as
// "go run ./cmd/logctl ...") and the logctl code spans of its tour, with
// their line breaks folded.
func tourCommands(t *testing.T, readme string) []string {
	t.Helper()
	var cmds []string
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(readme)
	if block == nil {
		t.Fatal("README has no sh block")
	}
	for _, l := range strings.Split(block[1], "\n") {
		if rest, ok := strings.CutPrefix(l, "go run ./cmd/logctl "); ok {
			rest, _, _ = strings.Cut(rest, "#")
			cmds = append(cmds, "logctl "+strings.TrimSpace(rest))
		}
	}
	start := strings.Index(readme, "## Five-minute tour")
	end := strings.Index(readme[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("README has no five-minute tour section")
	}
	for _, m := range regexp.MustCompile("`(logctl [^`]*)`").FindAllStringSubmatch(readme[start:start+1+end], -1) {
		cmds = append(cmds, strings.Join(strings.Fields(m[1]), " "))
	}
	// The steps the tour cannot do without: a change made, applied, saved,
	// imported back. Losing one of them from the README fails here.
	for _, want := range []string{
		"logctl plan --emulator examples/",
		"logctl apply --emulator --auto-approve examples/",
		"logctl plan --emulator --out plan.json examples/",
		"logctl apply --emulator --plan plan.json",
		"logctl import --emulator --log-group d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053 --project 0123456789abcdef0123456789abcdef",
		"logctl logs list --emulator --type l7 --zone zone-2z55fgysdtmc --start -24h --end now",
	} {
		if !strings.Contains(strings.Join(cmds, "\n")+"\n", want+"\n") {
			t.Errorf("the tour lost %q (commands found: %q)", want, cmds)
		}
	}
	return cmds
}
