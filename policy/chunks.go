package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/logctl/logctl/spec"
)

// chunkSize is how many resources one chunk of the files' pass holds at
// most (a target larger than that is a chunk of its own). The rule caches
// of an evaluation grow with its input: evaluating the built-in packages
// chunk by chunk, instead of over 100,000 resources at once, is what
// bounds the files' pass (design §9: a plan of 100,000 resources in under
// 512 MiB). Bigger chunks only cost memory; smaller ones repeat the
// constant part of each query more often.
const chunkSize = 10000

// resourceLists are the input's resource lists, the ones chunks split.
var resourceLists = []string{"deliveryTasks", "exports", "dumps"}

// chunkable reports, per package, whether its rules may be evaluated on a
// chunk of the files instead of all of them: it is built in, it reads a
// resource list, and no user module adds rules to it or to a package it
// imports (a user exception is evaluated apart, so it does not count).
// The built-in rules compare resources only within what a chunk keeps
// together (chunks); a user rule may count across the estate, so user
// packages always see all the files.
func chunkable(c *ast.Compiler, user map[string]bool) map[string]bool {
	extended := map[string]bool{} // packages a user module adds rules to
	for name, m := range c.Modules {
		if !user[name] {
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name.String() != "exception" {
				extended[packageName(m)] = true
			}
		}
	}
	out := map[string]bool{}
	blocked := map[string]bool{}
	for name, m := range c.Modules {
		pkg := packageName(m)
		if !strings.HasPrefix(pkg, namespacePrefix) {
			continue
		}
		if user[name] || extended[pkg] || importsAny(m, extended) {
			blocked[pkg] = true
			continue
		}
		if readsResources(m) {
			out[pkg] = true
		}
	}
	for pkg := range blocked {
		delete(out, pkg)
	}
	return out
}

func importsAny(m *ast.Module, pkgs map[string]bool) bool {
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok && pkgs[strings.TrimPrefix(ref.String(), "data.")] {
			return true
		}
	}
	return false
}

// readsResources reports whether m refers to input.deliveryTasks,
// input.exports or input.dumps. A package that reads none of them (the
// scope rules) would find the same thing in every chunk.
func readsResources(m *ast.Module) bool {
	found := false
	ast.WalkRefs(m, func(r ast.Ref) bool {
		if len(r) >= 2 && r[0].Equal(ast.InputRootDocument) {
			if s, ok := r[1].Value.(ast.String); ok {
				for _, l := range resourceLists {
					found = found || string(s) == l
				}
			}
		}
		return found
	})
	return found
}

// chunks splits the files' resources into subsets that keep together
// what the built-in rules compare: the delivery tasks of one zone (the
// uniqueness rules count per zone, edgeone-logs.md §8), the exports of one
// topic, and all the dumps (a log stream may be claimed by one transfer,
// and the rule compares streams across projects). Groups smaller than
// size share a chunk. Every resource is in exactly one chunk, whatever it
// holds.
//
// The groups are read from the typed resources, so that no chunk needs
// the policy input to be found: the typed zoneId is decoded from the item
// as written (defaults never set it), so items with equal zoneIds as
// written share a chunk. Items the rules tell apart (a zoneId of another
// type, or none) may share one too, which only makes a chunk larger.
func chunks(doc *spec.Document, size int) []Subset {
	type group struct {
		list string
		idx  []int
	}
	var groups []*group
	for _, list := range resourceLists {
		at := map[string]*group{}
		for i := range doc.InputLen(list) {
			key := groupKey(doc, list, i)
			g := at[key]
			if g == nil {
				g = &group{list: list}
				at[key] = g
				groups = append(groups, g)
			}
			g.idx = append(g.idx, i)
		}
	}
	var out []Subset
	n := size // resources in the last chunk; size forces a first one
	for _, g := range groups {
		if n+len(g.idx) > size {
			out = append(out, Subset{})
			n = 0
		}
		s := &out[len(out)-1]
		switch g.list {
		case "deliveryTasks":
			s.DeliveryTasks = append(s.DeliveryTasks, g.idx...)
		case "exports":
			s.Exports = append(s.Exports, g.idx...)
		default:
			s.Dumps = append(s.Dumps, g.idx...)
		}
		n += len(g.idx)
	}
	return out
}

// groupKey is what item i of list is grouped by: its typed zoneId or
// topicId, and one group for all dumps.
func groupKey(doc *spec.Document, list string, i int) string {
	switch {
	case list == "deliveryTasks" && i < len(doc.DeliveryTasks):
		return doc.DeliveryTasks[i].ZoneID
	case list == "exports" && i < len(doc.Exports):
		return doc.Exports[i].TopicID
	}
	return ""
}
