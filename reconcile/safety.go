package reconcile

import (
	"fmt"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// Defaults of the safety valve (design §6, after octoDNS).
const (
	DefaultSafetyMinResources = 10
	DefaultSafetyMaxPercent   = 30
)

// Unsafe is a scope where a plan deletes or replaces too much.
type Unsafe struct {
	Scope       string
	Live        int
	Destructive int
	MaxPercent  int
}

func (u Unsafe) String() string {
	return fmt.Sprintf("%s: %d of %d live resources would be deleted or replaced (%.0f%%, limit %d%%)",
		u.Scope, u.Destructive, u.Live, 100*float64(u.Destructive)/float64(u.Live), u.MaxPercent)
}

// CheckSafety lists the scopes where the plan trips the safety valve: at
// least MinResources live resources, more than MaxPercent of them deleted
// or replaced.
func CheckSafety(p *diff.Plan, s spec.Safety) []Unsafe {
	minRes, maxPct := int64(DefaultSafetyMinResources), int64(DefaultSafetyMaxPercent)
	if s.MinResources != nil {
		minRes = *s.MinResources
	}
	if s.MaxPercent != nil {
		maxPct = *s.MaxPercent
	}
	var out []Unsafe
	for _, st := range p.Scopes {
		destructive := st.Delete + st.Replace
		if int64(st.Live) < minRes || st.Live == 0 {
			continue
		}
		if int64(destructive)*100 > maxPct*int64(st.Live) {
			out = append(out, Unsafe{Scope: st.Scope, Live: st.Live, Destructive: destructive, MaxPercent: int(maxPct)})
		}
	}
	return out
}
