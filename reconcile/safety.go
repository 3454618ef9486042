package reconcile

import (
	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// Defaults of the safety valve (design §6, after octoDNS); the rule itself
// is diff.EvaluateSafety, which plan runs too.
const (
	DefaultSafetyMinResources = diff.DefaultSafetyMinResources
	DefaultSafetyMaxPercent   = diff.DefaultSafetyMaxPercent
)

// Unsafe is a scope where a plan deletes or replaces too much.
type Unsafe struct {
	Scope       string
	Live        int
	Destructive int
	MaxPercent  int
	stat        diff.ScopeStat
}

func (u Unsafe) String() string { return u.stat.Refusal() }

// CheckSafety lists the scopes where the plan trips the safety valve: at
// least MinResources live resources, more than MaxPercent of them deleted
// or replaced. It evaluates the valve again with s, as plan did.
func CheckSafety(p *diff.Plan, s spec.Safety) []Unsafe {
	var out []Unsafe
	for _, st := range diff.EvaluateSafety(p, s) {
		out = append(out, Unsafe{Scope: st.Scope, Live: st.Live, Destructive: st.Delete + st.Replace,
			MaxPercent: int(st.MaxPercent), stat: st})
	}
	return out
}
