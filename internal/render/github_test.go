package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

func TestGitHubEscaping(t *testing.T) {
	cases := []struct {
		name, in, data, prop string
	}{
		{name: "plain", in: "teo.sample-range", data: "teo.sample-range", prop: "teo.sample-range"},
		{name: "percent first", in: "100%0A", data: "100%250A", prop: "100%250A"},
		{name: "line breaks", in: "a\r\nb", data: "a%0D%0Ab", prop: "a%0D%0Ab"},
		{name: "colon and comma", in: "C:\\x,y", data: "C:\\x,y", prop: "C%3A\\x%2Cy"},
		{name: "command in message", in: "::error::x", data: "::error::x", prop: "%3A%3Aerror%3A%3Ax"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := githubData(tc.in); got != tc.data {
				t.Errorf("githubData(%q) = %q, want %q", tc.in, got, tc.data)
			}
			if got := githubProperty(tc.in); got != tc.prop {
				t.Errorf("githubProperty(%q) = %q, want %q", tc.in, got, tc.prop)
			}
		})
	}
}

func TestGitHubCommand(t *testing.T) {
	cases := []struct {
		name string
		f    policy.Finding
		want string
	}{
		{name: "full position",
			f:    policy.Finding{Rule: "teo.sample-range", Message: "bad", Pos: spec.Pos{File: "a.yaml", Line: 3, Column: 7}},
			want: "::error file=a.yaml,line=3,col=7,title=teo.sample-range::bad"},
		{name: "no column",
			f:    policy.Finding{Rule: "r", Message: "m", Pos: spec.Pos{File: "a.yaml", Line: 3}},
			want: "::error file=a.yaml,line=3,title=r::m"},
		{name: "whole file",
			f:    policy.Finding{Rule: "schema.empty-file", Message: "file is empty", Pos: spec.Pos{File: "e.yaml"}},
			want: "::error file=e.yaml,title=schema.empty-file::file is empty"},
		{name: "escaped file and message",
			f:    policy.Finding{Rule: "r", Message: "50%\nmore", Pos: spec.Pos{File: "a,b:c.yaml", Line: 1, Column: 1}},
			want: "::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=r::50%25%0Amore"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := githubCommand("error", tc.f); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestGitHubCaps checks GitHub's per-step limits: at most 10 annotations of
// each type, errors first, the rest in the log and counted by one notice.
func TestGitHubCaps(t *testing.T) {
	var fs []policy.Finding
	add := func(n int, sev policy.Severity, waived bool) {
		for i := range n {
			fs = append(fs, policy.Finding{Rule: "r." + string(sev), Severity: sev, Waived: waived,
				Message: fmt.Sprintf("%s %d", sev, i), Pos: spec.Pos{File: "f.yaml", Line: len(fs) + 1, Column: 1}})
		}
	}
	add(12, policy.SeverityWarning, false)
	add(25, policy.SeverityError, false)
	add(3, policy.SeverityWarning, true)
	var buf bytes.Buffer
	if err := Findings(&buf, "github", fs, FindingOptions{Files: 1}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	count := map[string]int{}
	lastError, firstWarning := -1, -1
	for i, l := range lines {
		for _, cmd := range []string{"error", "warning", "notice"} {
			if strings.HasPrefix(l, "::"+cmd+" ") {
				count[cmd]++
				if cmd == "error" {
					lastError = i
				}
				if cmd == "warning" && firstWarning < 0 {
					firstWarning = i
				}
			}
		}
	}
	if count["error"] != 10 || count["warning"] != 10 || count["notice"] != 1 {
		t.Errorf("annotations = %v, want 10 errors, 10 warnings, 1 notice", count)
	}
	if lastError > firstWarning {
		t.Errorf("an error annotation (line %d) comes after a warning annotation (line %d)", lastError, firstWarning)
	}
	if !strings.Contains(buf.String(), "::notice title=logctl lint::17 findings not annotated") {
		t.Errorf("missing notice counting 15 errors + 2 warnings left over:\n%s", buf.String())
	}
	for _, f := range fs {
		if !strings.Contains(buf.String(), f.Message+"\n") && !strings.Contains(buf.String(), f.Message+" (") {
			t.Errorf("finding %q is missing from the log", f.Message)
		}
	}
	if got := lines[len(lines)-1]; got != "25 errors, 12 warnings (3 waived) in 1 file" {
		t.Errorf("last line = %q", got)
	}
}

func TestGitHubNoNoticeUnderCap(t *testing.T) {
	var buf bytes.Buffer
	if err := Findings(&buf, "github", fixtureFindings(), FindingOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "::notice") {
		t.Errorf("no findings were left over, but a notice was printed:\n%s", buf.String())
	}
}

// TestRepoPaths checks that RepoPath renames files in the github and sarif
// formats only, and leaves the caller's findings alone.
func TestRepoPaths(t *testing.T) {
	fs := []policy.Finding{
		{Rule: "r", Severity: policy.SeverityError, Message: "m", Pos: spec.Pos{File: "tasks.yaml", Line: 3, Column: 5}},
		{Rule: "r", Severity: policy.SeverityError, Message: "m", Pos: spec.Pos{File: "../shared/x.yaml", Line: 1, Column: 1}},
	}
	repoPath := func(f string) string {
		if f == "tasks.yaml" {
			return "configs/prod/tasks.yaml"
		}
		return f
	}
	cases := []struct {
		format         string
		want, unwanted []string
	}{
		{format: "github",
			want:     []string{"::error file=configs/prod/tasks.yaml,line=3,col=5,title=r::m", "::error file=../shared/x.yaml,line=1,col=1,title=r::m"},
			unwanted: []string{"file=tasks.yaml"}},
		{format: "sarif",
			want:     []string{`"uri": "configs/prod/tasks.yaml"`, `"uri": "../shared/x.yaml"`},
			unwanted: []string{`"uri": "tasks.yaml"`}},
		{format: "text", want: []string{"tasks.yaml:3:5"}, unwanted: []string{"configs/prod"}},
		{format: "json", want: []string{`"file": "tasks.yaml"`}, unwanted: []string{"configs/prod"}},
	}
	for _, tc := range cases {
		t.Run(tc.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Findings(&buf, tc.format, fs, FindingOptions{RepoPath: repoPath}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, buf.String())
				}
			}
			for _, n := range tc.unwanted {
				if strings.Contains(buf.String(), n) {
					t.Errorf("output has %q:\n%s", n, buf.String())
				}
			}
		})
	}
	if fs[0].Pos.File != "tasks.yaml" {
		t.Errorf("the caller's finding was renamed to %q", fs[0].Pos.File)
	}
}
