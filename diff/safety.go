package diff

import (
	"fmt"

	"github.com/logctl/logctl/spec"
)

// Defaults of the safety valve (design §6, after octoDNS).
const (
	DefaultSafetyMinResources = 10
	DefaultSafetyMaxPercent   = 30
)

// EvaluateSafety runs the safety valve over the scopes of p: a scope with
// at least MinResources live resources where the plan deletes or replaces
// more than MaxPercent of them is refused. The verdict and the limits are
// recorded in p.Scopes, and the refused scopes returned. Plan calls it to
// warn reviewers and apply to refuse: one rule, so they cannot disagree.
func EvaluateSafety(p *Plan, s spec.Safety) []ScopeStat {
	minRes, maxPct := int64(DefaultSafetyMinResources), int64(DefaultSafetyMaxPercent)
	if s.MinResources != nil {
		minRes = *s.MinResources
	}
	if s.MaxPercent != nil {
		maxPct = *s.MaxPercent
	}
	var refused []ScopeStat
	for i := range p.Scopes {
		st := &p.Scopes[i]
		st.MinResources, st.MaxPercent = minRes, maxPct
		destructive := int64(st.Delete + st.Replace)
		st.Refused = st.Live > 0 && int64(st.Live) >= minRes && destructive*100 > maxPct*int64(st.Live)
		if st.Refused {
			refused = append(refused, *st)
		}
	}
	return refused
}

// Refusal says why the valve refuses the scope, in the words apply and
// plan both print.
func (st ScopeStat) Refusal() string {
	destructive := st.Delete + st.Replace
	noun := "live resources" // render.Count is above this package
	if st.Live == 1 {
		noun = "live resource"
	}
	return fmt.Sprintf("%s: %d of %d %s would be deleted or replaced (%.0f%%, limit %d%%)",
		st.Scope, destructive, st.Live, noun, 100*float64(destructive)/float64(max(st.Live, 1)), st.MaxPercent)
}
