package policy

import (
	"encoding/json"
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// toAST converts the policy input (the plain values spec.Document.Input
// returns) to an AST value in one walk. Handing OPA a ready ast.Value skips
// its generic conversion, which round-trips through reflection and JSON.
func toAST(v any) (ast.Value, error) {
	return newConverter().value(v)
}

// value converts v like toAST, sharing the terms c knows.
func (c *converter) value(v any) (ast.Value, error) {
	t, err := c.term(v)
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
// that many resources repeat) share one term as well (composite.go): the
// table is keyed by the identity of their already shared parts, never by
// OPA's hash, which sums the elements' hashes and so gives every
// permutation of a list, and every level of [[[...]]], the same value.
type converter struct {
	mu        *sync.Mutex // nil: used by one goroutine only
	strs      map[string]*ast.Term
	nums      map[string]*ast.Term
	composite map[string]*ast.Term // by compositeKey
}

func newConverter() *converter {
	c := &converter{}
	c.clear()
	return c
}

func (c *converter) clear() {
	c.strs, c.nums, c.composite = map[string]*ast.Term{}, map[string]*ast.Term{}, map[string]*ast.Term{}
}

// num returns the shared term of the number spelled text (canonical: 3.0
// is "3", so the live state's floats share the files' integers). Numbers
// repeat as much as short strings: samples, counts, periods.
func (c *converter) num(text []byte) *ast.Term {
	if c.mu != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	t, ok := c.nums[string(text)]
	if !ok {
		t = ast.NumberTerm(json.Number(text))
		c.nums[string(text)] = t
	}
	return t
}

func (c *converter) str(s string) *ast.Term {
	if len(s) > internMax {
		return ast.StringTerm(s)
	}
	if c.mu != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	t, ok := c.strs[s]
	if !ok {
		t = ast.StringTerm(s)
		c.strs[s] = t
	}
	return t
}

// pairs converts the members of m.
func (c *converter) pairs(m map[string]any) ([][2]*ast.Term, error) {
	pairs := make([][2]*ast.Term, 0, len(m))
	for k, item := range m {
		x, err := c.term(item)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]*ast.Term{c.str(k), x})
	}
	return pairs, nil
}

// resource converts one resource. Resources have unique names, so the
// resource object itself is never equal to another: keeping it in the
// table would only cost memory (8 MB of table at 100,000 resources).
func (c *converter) resource(v any) (*ast.Term, error) {
	if m, ok := v.(map[string]any); ok {
		pairs, err := c.pairs(m)
		if err != nil {
			return nil, err
		}
		return ast.ObjectTerm(pairs...), nil
	}
	return c.term(v)
}

// reset forgets every shared term.
func (c *converter) reset() {
	if c.mu != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.clear()
}

func (c *converter) term(v any) (*ast.Term, error) {
	switch v := v.(type) {
	case *ast.Term:
		return v, nil // converted before (convertInput, Evaluation.Convert)
	case nil:
		return ast.InternedNullTerm, nil
	case string:
		return c.str(v), nil
	case bool:
		return ast.InternedTerm(v), nil
	case int64:
		return c.num(strconv.AppendInt(nil, v, 10)), nil
	case int:
		return c.num(strconv.AppendInt(nil, int64(v), 10)), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			// YAML's .inf and .nan have no JSON form: policies see a string.
			return ast.StringTerm(strconv.FormatFloat(v, 'g', -1, 64)), nil
		}
		return c.num(strconv.AppendFloat(nil, v, 'g', -1, 64)), nil
	case []any:
		terms := make([]*ast.Term, len(v))
		for i, item := range v {
			x, err := c.term(item)
			if err != nil {
				return nil, err
			}
			terms[i] = x
		}
		return c.shareArray(terms), nil
	case map[string]any:
		pairs, err := c.pairs(v)
		if err != nil {
			return nil, err
		}
		return c.shareObject(pairs), nil
	}
	// Anything else (a typed slice from a caller) takes OPA's generic path.
	x, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(x), nil
}

// parallelMin is the list length from which convertInput converts a
// top-level list on several goroutines (10,000 tasks take ~80 ms on one core).
const parallelMin = 2048

// Converter converts plain values shaped as the YAML (spec.Document.Input,
// the live state) to the engine's terms, sharing one term among equal short
// strings, lists and objects. Used while the files load
// (spec.LoadOptions.ConvertItem) and then given to PrepareWith, it lets the
// resources be converted as they are parsed, and the live state share the
// desired state's terms. It is safe for concurrent use.
type Converter struct {
	c *converter
}

// NewConverter returns an empty Converter.
func NewConverter() *Converter {
	c := newConverter()
	c.mu = &sync.Mutex{}
	return &Converter{c: c}
}

// ConvertItem converts v; a value it cannot convert is returned as it is,
// for Prepare to report.
func (c *Converter) ConvertItem(v any) any {
	t, err := c.c.resource(v)
	if err != nil {
		return v
	}
	return t
}

// convertInput replaces, in place, every item of the input's top-level
// lists (the resources) by its term: each plain item can be collected as
// soon as its term exists (spec.Document.ConvertInput). Items that are terms
// already are kept. c learns every shared term, so that the live state,
// converted later, shares them too.
func convertInput(input map[string]any, c *converter) error {
	for _, v := range input {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		if len(list) < parallelMin {
			for i := range list {
				t, err := c.resource(list[i])
				if err != nil {
					return err
				}
				list[i] = t
			}
			continue
		}
		cs, err := convertList(list, runtime.GOMAXPROCS(0))
		if err != nil {
			return err
		}
		for _, o := range cs {
			c.absorb(o)
		}
	}
	return nil
}

// convertList converts the items of list in place in n contiguous chunks
// concurrently, and returns the chunks' converters.
func convertList(list []any, n int) ([]*converter, error) {
	cs := make([]*converter, n)
	errs := make([]error, n)
	size := (len(list) + n - 1) / n
	var wg sync.WaitGroup
	for w := range n {
		lo, hi := w*size, min((w+1)*size, len(list))
		if lo >= hi {
			break
		}
		// One converter per goroutine: its cache needs no lock.
		cs[w] = newConverter()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				t, err := cs[w].resource(list[i])
				if err != nil {
					errs[w] = err
					return
				}
				list[i] = t
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(cs, func(c *converter) bool { return c == nil }), nil
}
