package reconcile

import (
	"strings"
	"testing"
)

func TestReadSavedPlanRefuses(t *testing.T) {
	digest := strings.Repeat("0f", 32)
	inputs := `"inputs":{"paths":["logs/"],"files":[{"path":"logs/a.yaml","sha256":"` + digest + `"}]}`
	for _, tc := range []struct{ name, in, want string }{
		{"version 1", `{"formatVersion":"1","plan":{},"desired":{},"safety":{"maxPercent":100}}`, `format version "1" is not "2"`},
		{"no plan", `{"formatVersion":"2",` + inputs + `}`, `format version`},
		{"no inputs", `{"formatVersion":"2","plan":{}}`, "does not name the files"},
		{"no files", `{"formatVersion":"2","plan":{},"inputs":{"paths":["."]}}`, "does not name the files"},
		{"short digest", `{"formatVersion":"2","plan":{},"inputs":{"paths":["."],"files":[{"path":"a.yaml","sha256":"0f"}]}}`, `input "a.yaml" has no valid SHA-256`},
		{"truncated", `{"formatVersion":"2","plan":{},` + inputs[:40], "truncated"},
		{"not json", `plan`, "read saved plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, err := ReadSavedPlan(strings.NewReader(tc.in))
			if err == nil || sp != nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadSavedPlan = %v, %v; want an error with %q", sp, err, tc.want)
			}
		})
	}
	sp, err := ReadSavedPlan(strings.NewReader(`{"formatVersion":"2","plan":{"changes":[]},"safety":{"maxPercent":100},` + inputs + `}`))
	if err != nil || sp.Inputs.Files[0].SHA256 != digest {
		t.Errorf("a valid plan (with an ignored safety member): %v, %+v", err, sp)
	}
}
