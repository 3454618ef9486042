package policy

import (
	"slices"
	"strings"
)

// collectMetas lists the documented rules, one entry per id, sorted by id.
func collectMetas(rules []*ruleRef) []RuleMeta {
	seen := map[string]bool{}
	var out []RuleMeta
	for _, r := range rules {
		if r.meta == nil || seen[r.meta.ID] {
			continue
		}
		seen[r.meta.ID] = true
		out = append(out, *r.meta)
	}
	slices.SortFunc(out, func(a, b RuleMeta) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Rules describes every rule that carries # METADATA with a custom.id, built-in
// and user, sorted by id: the rule descriptors of SARIF output and the rule
// reference of the docs.
func (e *Engine) Rules() []RuleMeta { return slices.Clone(e.metas) }
