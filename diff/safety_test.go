package diff

import (
	"testing"

	"github.com/logctl/logctl/spec"
)

func TestEvaluateSafety(t *testing.T) {
	i64 := func(v int64) *int64 { return &v }
	for _, tc := range []struct {
		name    string
		st      ScopeStat
		safety  spec.Safety
		refused bool
	}{
		{"too few live resources", ScopeStat{Live: 9, Delete: 9}, spec.Safety{}, false},
		{"at the limit", ScopeStat{Live: 10, Delete: 3}, spec.Safety{}, false},
		{"over the limit", ScopeStat{Live: 10, Delete: 2, Replace: 2}, spec.Safety{}, true},
		{"lowered minimum", ScopeStat{Live: 3, Delete: 2}, spec.Safety{MinResources: i64(3)}, true},
		{"raised percent", ScopeStat{Live: 10, Delete: 4}, spec.Safety{MaxPercent: i64(50)}, false},
		{"empty scope", ScopeStat{}, spec.Safety{MinResources: i64(0)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Plan{Scopes: []ScopeStat{tc.st}}
			got := EvaluateSafety(p, tc.safety)
			if p.Scopes[0].Refused != tc.refused || (len(got) == 1) != tc.refused {
				t.Errorf("refused = %v (%d listed), want %v", p.Scopes[0].Refused, len(got), tc.refused)
			}
		})
	}
	st := ScopeStat{Scope: "deliveryTasks zoneId=z", Live: 14, Delete: 6, MaxPercent: 30}
	if got, want := st.Refusal(), "deliveryTasks zoneId=z: 6 of 14 live resources would be deleted or replaced (43%, limit 30%)"; got != want {
		t.Errorf("Refusal = %q, want %q", got, want)
	}
}
