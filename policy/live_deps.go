package policy

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// liveRoot is where Eval puts the live state.
var liveRoot = ast.MustParseRef("data.logctl.live")

// livePackages names the logctl.* packages whose rules can read
// data.logctl.live, directly or through the rules they depend on. Only
// these can change when the live state is added, so a second evaluation
// with live state re-runs them alone. The test is conservative: a ref that
// may reach data.logctl.live (data[x], data.logctl[x]) counts as reading it.
func livePackages(c *ast.Compiler) map[string]bool {
	return dependentPackages(c, ruleReadsLive)
}

// filesPackages names the logctl.* packages whose rules can read the
// input's resource lists, directly or through the rules they depend on
// (a helper in another package). The test is conservative: input itself,
// and input[x], count as reading them.
func filesPackages(c *ast.Compiler) map[string]bool {
	return dependentPackages(c, ruleReadsFiles)
}

// dependentPackages names the logctl.* packages with a rule for which
// reads holds, or that depends on one.
func dependentPackages(c *ast.Compiler, reads func(*ast.Rule) bool) map[string]bool {
	var queue []*ast.Rule
	seen := map[*ast.Rule]bool{}
	for _, m := range c.Modules {
		for _, r := range m.Rules {
			if reads(r) {
				seen[r] = true
				queue = append(queue, r)
			}
		}
	}
	// Walk the reverse dependency graph: a rule that uses a live-reading
	// rule (or function) reads live state too.
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		for dep := range c.Graph.Dependents(r) {
			d, ok := dep.(*ast.Rule)
			if !ok || seen[d] {
				continue
			}
			seen[d] = true
			queue = append(queue, d)
		}
	}
	out := map[string]bool{}
	for r := range seen {
		if pkg := packageName(r.Module); strings.HasPrefix(pkg, namespacePrefix) {
			out[pkg] = true
		}
	}
	return out
}

func ruleReadsLive(r *ast.Rule) bool  { return anyRef(r, mayReachLive) }
func ruleReadsFiles(r *ast.Rule) bool { return anyRef(r, mayReachFiles) }

// anyRef reports whether some ref in r satisfies may.
func anyRef(r *ast.Rule, may func(ast.Ref) bool) bool {
	found := false
	ast.WalkRefs(r, func(ref ast.Ref) bool {
		found = found || may(ref)
		return found
	})
	return found
}

// mayReachFiles reports whether ref can name one of the input's resource
// lists, or the input itself.
func mayReachFiles(ref ast.Ref) bool {
	if len(ref) == 0 || !ref[0].Equal(ast.InputRootDocument) {
		return false
	}
	if len(ref) == 1 {
		return true
	}
	switch v := ref[1].Value.(type) {
	case ast.String:
		return slices.Contains(resourceLists, string(v))
	case ast.Var, ast.Ref, ast.Call:
		return true
	}
	return false
}

// mayReachLive reports whether ref can name data.logctl.live, a prefix of
// it (data, data.logctl) or something under it.
func mayReachLive(ref ast.Ref) bool {
	if len(ref) == 0 || !ref[0].Equal(ast.DefaultRootDocument) {
		return false
	}
	for i := 1; i < len(ref) && i < len(liveRoot); i++ {
		switch v := ref[i].Value.(type) {
		case ast.String:
			if !v.Equal(liveRoot[i].Value) {
				return false
			}
		case ast.Var, ast.Ref, ast.Call:
			// Unknown until evaluation: it may be "live".
		default:
			return false
		}
	}
	return true
}
