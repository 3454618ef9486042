package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnvVarsIn(t *testing.T) {
	at := func(line, col int) Pos { return Pos{File: "f.yaml", Line: line, Column: col} }
	tests := []struct {
		name string
		yaml string
		want []EnvVar
	}{{
		name: "plain and quoted values, sorted by name",
		yaml: "version: 1\nx:\n  accessKey: ${env:KEY}\n  headers:\n    - {name: A, value: \"${env:TOKEN}\"}\n  accessId: '${env:ID}'\n",
		want: []EnvVar{
			{Name: "ID", Uses: []Pos{at(6, 14)}},
			{Name: "KEY", Uses: []Pos{at(3, 14)}},
			{Name: "TOKEN", Uses: []Pos{at(5, 25)}},
		},
	}, {
		name: "several references in one value, one name twice",
		yaml: "url: \"https://${env:HOST}/${env:PATH_}/${env:HOST}\"\n",
		want: []EnvVar{
			{Name: "HOST", Uses: []Pos{at(1, 15), at(1, 40)}},
			{Name: "PATH_", Uses: []Pos{at(1, 27)}},
		},
	}, {
		name: "uses in several places are sorted by line",
		yaml: "a: ${env:X}\nb: [\"${env:Y}\", \"${env:X}\"]\n",
		want: []EnvVar{
			{Name: "X", Uses: []Pos{at(1, 4), at(2, 18)}},
			{Name: "Y", Uses: []Pos{at(2, 6)}},
		},
	}, {
		name: "block scalar: the reference's own line",
		yaml: "script: |\n  first line\n  token ${env:T}\n",
		want: []EnvVar{{Name: "T", Uses: []Pos{at(3, 9)}}},
	}, {
		name: "an anchor and its aliases count once, at the anchor",
		yaml: "base: &b {key: \"${env:K}\"}\none: *b\ntwo:\n  <<: *b\n",
		want: []EnvVar{{Name: "K", Uses: []Pos{at(1, 17)}}},
	}, {
		name: "comments and mapping keys are not uses",
		yaml: "# export ${env:IN_COMMENT}\n${env:AS_KEY}: 1\na: b # ${env:AFTER}\n",
		want: nil,
	}, {
		name: "an escaped reference is reported at its scalar",
		yaml: "a: \"\\x24{env:E}\"\nb: ${env:E}\n",
		want: []EnvVar{{Name: "E", Uses: []Pos{at(1, 4), at(2, 4)}}},
	}, {
		name: "columns count characters, not bytes",
		yaml: "a: \"é→ ${env:U}\"\néé: \"${env:V}\"\n",
		want: []EnvVar{{Name: "U", Uses: []Pos{at(1, 8)}}, {Name: "V", Uses: []Pos{at(2, 6)}}},
	}, {
		name: "every document of the file",
		yaml: "a: ${env:ONE}\n---\na: ${env:TWO}\n",
		want: []EnvVar{{Name: "ONE", Uses: []Pos{at(1, 4)}}, {Name: "TWO", Uses: []Pos{at(3, 4)}}},
	}, {
		name: "CRLF line ends",
		yaml: "a: 1\r\nb: ${env:W}\r\n",
		want: []EnvVar{{Name: "W", Uses: []Pos{at(2, 4)}}},
	}, {
		name: "malformed references are not variables",
		yaml: "a: ${env:1X}\nb: ${env:}\nc: ${batchSize}\n",
		want: nil,
	}, {
		name: "a file that breaks the format still reports its references",
		yaml: "version: 7\ndeliveryTasks:\n  - name: bad name!\n    sampel: ${env:S}\n    sample: high\n",
		want: []EnvVar{{Name: "S", Uses: []Pos{at(4, 13)}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EnvVarsIn("f.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EnvVarsIn (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnvVarsInErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"syntax error with references", "a: ${env:X}\nb:\n - c\n d: e\n", "f.yaml:4: YAML syntax error"},
		{"syntax error without references", "a: 1\nb:\n - c\n d: e\n", "f.yaml:4: YAML syntax error"},
		{"not UTF-8", "a: 1\nb: \xff\n", "f.yaml:2: file is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EnvVarsIn("f.yaml", []byte(tt.yaml))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to start with %q", err, tt.want)
			}
		})
	}
}

// TestEnvVars reads a directory: files are walked as Load walks them, uses
// of one variable in several files are merged and sorted by file.
func TestEnvVars(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yaml", "a: ${env:SHARED}\n")
	write("a/x.yml", "\n\nk: ${env:SHARED}\nl: ${env:ONLY_A}\n")
	write(".hidden/h.yaml", "k: ${env:HIDDEN}\n")
	write("notes.txt", "k: ${env:NOT_YAML}\n")
	got, err := EnvVars([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	ax, b := filepath.Join(dir, "a", "x.yml"), filepath.Join(dir, "b.yaml")
	want := []EnvVar{
		{Name: "ONLY_A", Uses: []Pos{{File: ax, Line: 4, Column: 4}}},
		{Name: "SHARED", Uses: []Pos{{File: ax, Line: 3, Column: 4}, {File: b, Line: 1, Column: 4}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EnvVars (-want +got):\n%s", diff)
	}

	write("broken.yaml", "a: [\n")
	if _, err := EnvVars([]string{dir}); err == nil || !strings.Contains(err.Error(), "broken.yaml:") {
		t.Errorf("error = %v, want one naming broken.yaml", err)
	}
	if _, err := EnvVars([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing path gave no error")
	}
}
