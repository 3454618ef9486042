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
	t, err := newConverter().term(v)
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// internMax is the longest string the converter shares: keys and enum-like
// values (types, areas, field names) repeat across 100,000 resources,
// long values (URLs, queries) rarely do.
const internMax = 48

// converter turns plain values into AST terms, sharing one term among all
// equal object keys and short strings. At 100,000 resources that saves
// millions of allocations and a sizeable share of the input's memory. OPA
// never changes input terms (it shares its own interned terms the same
// way), so sharing is safe.
//
// Equal lists and objects (field lists, custom fields, conditions, headers
// that many resources repeat) share one term as well: the converter keeps
// the composites it built by hash and hands out the first of equal ones.
type converter struct {
	strs      map[string]*ast.Term
	composite map[int][]*ast.Term
}

func newConverter() *converter {
	return &converter{strs: map[string]*ast.Term{}, composite: map[int][]*ast.Term{}}
}

// share returns the term equal to t converted before, else t. Numbers the
// converter builds are canonical (1.0 is "1"), so equal terms print alike.
func (c *converter) share(t *ast.Term) *ast.Term {
	h := t.Hash()
	for _, s := range c.composite[h] {
		if s.Equal(t) {
			return s
		}
	}
	c.composite[h] = append(c.composite[h], t)
	return t
}

func (c *converter) str(s string) *ast.Term {
	if len(s) > internMax {
		return ast.StringTerm(s)
	}
	t, ok := c.strs[s]
	if !ok {
		t = ast.StringTerm(s)
		c.strs[s] = t
	}
	return t
}

func (c *converter) term(v any) (*ast.Term, error) {
	switch v := v.(type) {
	case nil:
		return ast.NullTerm(), nil
	case string:
		return c.str(v), nil
	case bool:
		return ast.InternedTerm(v), nil
	case int64:
		return ast.InternedTerm(int(v)), nil
	case int:
		return ast.InternedTerm(v), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			// YAML's .inf and .nan have no JSON form: policies see a string.
			return ast.StringTerm(strconv.FormatFloat(v, 'g', -1, 64)), nil
		}
		return ast.NewTerm(ast.Number(strconv.FormatFloat(v, 'g', -1, 64))), nil
	case []any:
		terms := make([]*ast.Term, len(v))
		for i, item := range v {
			x, err := c.term(item)
			if err != nil {
				return nil, err
			}
			terms[i] = x
		}
		return c.share(ast.ArrayTerm(terms...)), nil
	case map[string]any:
		pairs := make([][2]*ast.Term, 0, len(v))
		for k, item := range v {
			x, err := c.term(item)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*ast.Term{c.str(k), x})
		}
		return c.share(ast.NewTerm(ast.NewObject(pairs...))), nil
	}
	// Anything else (a typed slice from a caller) takes OPA's generic path.
	x, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(x), nil
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
			// One converter per goroutine: its cache needs no lock.
			c := newConverter()
			for i := lo; i < hi; i++ {
				if terms[i], errs[w] = c.term(list[i]); errs[w] != nil {
					return
				}
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
