package reconcile

import (
	"strings"
	"testing"
)

func TestReadSavedPlanRefuses(t *testing.T) {
	digest := strings.Repeat("0f", 32)
	inputs := `"inputs":{"paths":["logs/"],"files":[{"path":"logs/a.yaml","sha256":"` + digest + `"}]}`
	plan := `"plan":{"formatVersion":"2"}`
	for _, tc := range []struct{ name, in, want string }{
		{"version 1", `{"formatVersion":"1","plan":{},"desired":{},"safety":{"maxPercent":100}}`, `format version "1" is not "3": it was saved by another logctl version`},
		{"version 2", `{"formatVersion":"2","plan":{"formatVersion":"1"},` + inputs + `}`, `format version "2" is not "3"`},
		{"plan format 1", `{"formatVersion":"3","plan":{"formatVersion":"1"},` + inputs + `}`, `its plan has format version "1", not "2"`},
		{"no plan", `{"formatVersion":"3",` + inputs + `}`, `format version`},
		{"no inputs", `{"formatVersion":"3",` + plan + `}`, "does not name the files"},
		{"no files", `{"formatVersion":"3",` + plan + `,"inputs":{"paths":["."]}}`, "does not name the files"},
		{"short digest", `{"formatVersion":"3",` + plan + `,"inputs":{"paths":["."],"files":[{"path":"a.yaml","sha256":"0f"}]}}`, `input "a.yaml" has no valid SHA-256`},
		{"truncated", `{"formatVersion":"3",` + plan + `,` + inputs[:40], "truncated"},
		{"not json", `plan`, "read saved plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, err := ReadSavedPlan(strings.NewReader(tc.in))
			if err == nil || sp != nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadSavedPlan = %v, %v; want an error with %q", sp, err, tc.want)
			}
		})
	}
	sp, err := ReadSavedPlan(strings.NewReader(`{"formatVersion":"3","plan":{"formatVersion":"2","changes":[]},"safety":{"maxPercent":100},` +
		inputs + `,"target":{"emulator":".logctl/emulator.json"}}`))
	if err != nil || sp.Inputs.Files[0].SHA256 != digest || sp.Target.Emulator != ".logctl/emulator.json" {
		t.Errorf("a valid plan (with an ignored safety member): %v, %+v", err, sp)
	}
}
