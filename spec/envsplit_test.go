package spec

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkEnvSplitEquivalent collects the references of data whole and split
// in batches of each size, and fails on any difference. It reports whether
// the split path was taken.
func checkEnvSplitEquivalent(t *testing.T, data []byte, sizes ...int) bool {
	t.Helper()
	whole, wholeErr := envUsesWhole("f.yaml", data)
	taken := false
	for _, n := range sizes {
		plan := planSplit(data, splitConfig{minBytes: 0, batchItems: n})
		if plan == nil {
			continue
		}
		uses, ok := envUsesSplit("f.yaml", data, plan, n)
		if !ok {
			continue
		}
		taken = true
		if wholeErr != nil {
			t.Fatalf("batches of %d: the split path accepted a file the whole path refuses (%v):\n%s", n, wholeErr, data)
		}
		if d := cmp.Diff(groupEnvUses(whole), groupEnvUses(uses)); d != "" {
			t.Fatalf("batches of %d: references differ (-whole +split):\n%s\n%s", n, d, data)
		}
	}
	return taken
}

func TestEnvSplitEquivalentOnCases(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		split bool // the split path must be taken
	}{
		{name: "references in items and around the lists", split: true,
			yaml: "version: 1\ndefaults: {token: \"${env:HEAD}\"}\nexports:\n  - name: a\n    key: ${env:A}\n  - {name: b, key: \"x-${env:B}-${env:A}\"}\n  - name: c # ${env:COMMENT}\n    key: '${env:C}'\nscopes:\n- {exports: {topicId: \"${env:S}\"}}\ntail: ${env:TAIL}\n"},
		{name: "no reference", yaml: validTask, split: true},
		{name: "quoted scalar over lines", yaml: "version: 1\nscopes:\n  - \"a ${env:Q}\n  - b\"\n  - ${env:R}\n"},
		{name: "syntax error in an item", yaml: validTask + "  - name: [${env:X}\n"},
		{name: "syntax error in the skeleton", yaml: "version: [1\n" + validTask[len("version: 1\n"):]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if split := checkEnvSplitEquivalent(t, []byte(tt.yaml), 1, 2, 1000); tt.split && !split {
				t.Fatal("the split path was not taken")
			}
		})
	}
}

// TestEnvSplitEquivalentOnRandomFiles reuses the split loader's generator,
// whose pieces include ${env:} references.
func TestEnvSplitEquivalentOnRandomFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	taken, refs := 0, 0
	for i := range 300 {
		data := randomFile(r)
		if checkEnvSplitEquivalent(t, []byte(data), 1, 1+r.IntN(4)) {
			taken++
			refs += strings.Count(data, "${env:X}")
		}
		if t.Failed() {
			t.Fatalf("file %d", i)
		}
	}
	if taken < 75 || refs == 0 {
		t.Fatalf("the split path was taken for %d of 300 files, with %d references; the generator no longer exercises it", taken, refs)
	}
}

// FuzzEnvVars feeds arbitrary bytes to EnvVarsIn: it must never panic,
// every use must lie inside the file, and the split path must agree with
// the whole-file path.
func FuzzEnvVars(f *testing.F) {
	f.Add([]byte(validTask))
	f.Add([]byte("version: 1\nexports:\n  - {name: a, key: \"${env:A}\"}\n  - name: b\n    key: x${env:B}y${env:A}\n"))
	f.Add([]byte("a: &a {k: \"${env:K}\"}\nb: *a\nc: \"\\x24{env:E}\"\n"))
	f.Add([]byte("s: |\n  ${env:T}\n---\nt: ${env:U}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		vars, err := EnvVarsIn("fuzz.yaml", data)
		if err != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		for _, v := range vars {
			for _, p := range v.Uses {
				if p.File != "fuzz.yaml" || p.Line < 1 || p.Line > lines || p.Column < 1 {
					t.Fatalf("%s used at %+v, outside the file", v.Name, p)
				}
			}
		}
		checkEnvSplitEquivalent(t, data, 1, 3)
	})
}
