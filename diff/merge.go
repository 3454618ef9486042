package diff

import (
	"sort"

	"github.com/logctl/logctl/spec"
)

// Merge joins the plans of disjoint parts of the estate, such as one plan
// per zone, topic and project, into one plan sorted and counted as Compute
// sorts and counts: the changes and unmanaged resources of every part, and
// the scope counts summed per scope and judged again by the safety valve
// with the files' settings s, the notes. Plan computes one part per target so
// that only one target's live state is held at a time; every scope covers
// one target, and identities never span targets, so the parts' plans are
// the plan of the whole.
func Merge(parts []*Plan, s spec.Safety) *Plan {
	var changes, unmanaged int
	for _, q := range parts {
		changes += len(q.Changes)
		unmanaged += len(q.Unmanaged)
	}
	p := &Plan{FormatVersion: FormatVersion, Changes: make([]Change, 0, changes), Unmanaged: make([]Resource, 0, unmanaged)}
	stats := map[string]*ScopeStat{}
	for _, q := range parts {
		p.Changes = append(p.Changes, q.Changes...)
		p.Unmanaged = append(p.Unmanaged, q.Unmanaged...)
		p.Notes = append(p.Notes, q.Notes...)
		for _, st := range q.Scopes {
			sum := stats[st.Scope]
			if sum == nil {
				sum = &ScopeStat{Scope: st.Scope}
				stats[st.Scope] = sum
			}
			sum.Live += st.Live
			sum.Delete += st.Delete
			sum.Replace += st.Replace
		}
	}
	p.Scopes = make([]ScopeStat, 0, len(stats))
	for _, st := range stats {
		p.Scopes = append(p.Scopes, *st)
	}
	sort.Slice(p.Scopes, func(i, j int) bool { return p.Scopes[i].Scope < p.Scopes[j].Scope })
	EvaluateSafety(p, s)
	p.finish()
	return p
}
