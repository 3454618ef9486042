package policy

import (
	"math"
	"runtime"
	"strconv"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// toAST converts the policy input (the plain values spec.Document.Input
// returns) to an AST value in one walk. Handing OPA a ready ast.Value skips
// its generic conversion, which round-trips through reflection and JSON.
func toAST(v any) (ast.Value, error) {
	switch v := v.(type) {
	case nil:
		return ast.Null{}, nil
	case string:
		return ast.String(v), nil
	case bool:
		return ast.Boolean(v), nil
	case int64:
		return ast.Number(strconv.FormatInt(v, 10)), nil
	case int:
		return ast.Number(strconv.Itoa(v)), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			// YAML's .inf and .nan have no JSON form: policies see a string.
			return ast.String(strconv.FormatFloat(v, 'g', -1, 64)), nil
		}
		return ast.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	case []any:
		terms := make([]*ast.Term, len(v))
		for i, item := range v {
			x, err := toAST(item)
			if err != nil {
				return nil, err
			}
			terms[i] = ast.NewTerm(x)
		}
		return ast.NewArray(terms...), nil
	case map[string]any:
		pairs := make([][2]*ast.Term, 0, len(v))
		for k, item := range v {
			x, err := toAST(item)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(x)})
		}
		return ast.NewObject(pairs...), nil
	}
	// Anything else (a typed slice from a caller) takes OPA's generic path.
	return ast.InterfaceToValue(v)
}

// parallelMin is the list length from which inputAST converts a top-level
// list on several goroutines (10,000 tasks take ~80 ms on one core).
const parallelMin = 2048

// inputAST converts the policy input like toAST, converting long top-level
// lists (the resources) in chunks on all cores.
func inputAST(input map[string]any) (ast.Value, error) {
	pairs := make([][2]*ast.Term, 0, len(input))
	for k, v := range input {
		var x ast.Value
		var err error
		if list, ok := v.([]any); ok && len(list) >= parallelMin {
			x, err = listAST(list, runtime.GOMAXPROCS(0))
		} else {
			x, err = toAST(v)
		}
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(x)})
	}
	return ast.NewObject(pairs...), nil
}

// listAST converts the items of list in n contiguous chunks concurrently.
func listAST(list []any, n int) (ast.Value, error) {
	terms := make([]*ast.Term, len(list))
	errs := make([]error, n)
	size := (len(list) + n - 1) / n
	var wg sync.WaitGroup
	for w := range n {
		lo, hi := w*size, min((w+1)*size, len(list))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				x, err := toAST(list[i])
				if err != nil {
					errs[w] = err
					return
				}
				terms[i] = ast.NewTerm(x)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return ast.NewArray(terms...), nil
}
