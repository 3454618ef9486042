package policy

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
)

// exceptionQuery evaluates one package's conftest-style exception rule:
//
//	exception contains rules if { ...; rules := ["sample_range"] }
//
// yields the rule-name suffixes (deny_sample_range → "sample_range") that
// do not apply.
type exceptionQuery struct {
	query rego.PreparedEvalQuery
	where string // "data.logctl.teo.exception (waivers.rego:7)"
}

// prepareExceptions finds the packages under logctl. that define an
// exception rule and prepares one query for each.
func (e *Engine) prepareExceptions(ctx context.Context) (map[string]*exceptionQuery, error) {
	locs := map[string][]string{}
	for _, m := range e.compiler.Modules {
		pkg := packageName(m)
		if !strings.HasPrefix(pkg, namespacePrefix) {
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name.String() == "exception" {
				locs[pkg] = append(locs[pkg], fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row))
			}
		}
	}
	out := map[string]*exceptionQuery{}
	for pkg, where := range locs {
		// conftest queries data.<ns>.exception[_][_] == "<name>".
		pq, err := rego.New(
			rego.Query(fmt.Sprintf("names = {n | n := data.%s.exception[_][_]}", pkg)),
			rego.Compiler(e.compiler),
			rego.Store(e.store),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare exceptions of %s: %w", pkg, err)
		}
		slices.Sort(where)
		out[pkg] = &exceptionQuery{query: pq, where: fmt.Sprintf("data.%s.exception (%s)", pkg, strings.Join(where, ", "))}
	}
	return out, nil
}

// resourcePrefix matches the resource part of a finding path.
var resourcePrefix = regexp.MustCompile(`^(deliveryTasks|exports|dumps|scopes)\[(\d+)\]`)

// waive marks the findings an exception covers. conftest evaluates an
// exception against its whole input file; logctl evaluates it against the
// input narrowed to the one resource a finding is about (the other lists
// left empty), so an exception that names a resource waives that resource
// only. Findings that are not about one resource see the whole input.
func (e *Engine) waive(ctx context.Context, input ast.Value, raw []rawFinding, findings []Finding, txn storage.Transaction) error {
	if len(e.exceptions) == 0 {
		return nil
	}
	cache := map[[2]string]map[string]bool{}
	for i, f := range raw {
		eq, ok := e.exceptions[f.rule.pkg]
		if !ok {
			continue
		}
		res := resourcePrefix.FindString(f.path)
		key := [2]string{f.rule.pkg, res}
		names, done := cache[key]
		if !done {
			var err error
			if names, err = eq.eval(ctx, narrow(input, res), txn); err != nil {
				return err
			}
			cache[key] = names
		}
		if names[f.rule.suffix()] {
			findings[i].Waived = true
			findings[i].WaivedBy = eq.where
		}
	}
	return nil
}

func (q *exceptionQuery) eval(ctx context.Context, input ast.Value, txn storage.Transaction) (map[string]bool, error) {
	opts := []rego.EvalOption{rego.EvalParsedInput(input), rego.EvalVirtualCache(newFuncCache())}
	if txn != nil {
		opts = append(opts, rego.EvalTransaction(txn))
	}
	rs, err := q.query.Eval(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("evaluate exceptions: %w", err)
	}
	names := map[string]bool{}
	for _, r := range rs {
		list, _ := r.Bindings["names"].([]any)
		for _, n := range list {
			if s, ok := n.(string); ok {
				names[s] = true
			}
		}
	}
	return names, nil
}

// narrow returns input with the list that res ("deliveryTasks[3]") points
// into cut down to that one item and the other resource lists emptied.
func narrow(input ast.Value, res string) ast.Value {
	m := resourcePrefix.FindStringSubmatch(res)
	obj, ok := input.(ast.Object)
	if m == nil || !ok {
		return input
	}
	idx, _ := strconv.Atoi(m[2])
	list, ok := obj.Get(ast.StringTerm(m[1])).Value.(*ast.Array)
	if !ok || idx >= list.Len() {
		return input
	}
	out := ast.NewObject()
	obj.Foreach(func(k, v *ast.Term) {
		ks, _ := k.Value.(ast.String)
		switch ks {
		case ast.String(m[1]):
			v = ast.ArrayTerm(list.Elem(idx))
		case "deliveryTasks", "exports", "dumps", "scopes":
			v = ast.ArrayTerm()
		}
		out.Insert(k, v)
	})
	return out
}
