package policy

import (
	"fmt"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestFuncCache checks the cache's answers, below and above collisionMax
// terms of one hash: permutations of one list all hash alike in OPA.
func TestFuncCache(t *testing.T) {
	perms := permutations([]string{"a", "b", "c", "d"}) // 24 > collisionMax
	fn := ast.MustParseRef("data.logctl.teo._shape_clean")
	ref := func(p *ast.Term) ast.Ref { return fn.Append(p) }
	c := newFuncCache()
	for i, p := range perms {
		if i > 0 && perms[0].Hash() != p.Hash() {
			t.Fatalf("test premise: permutations should share a hash")
		}
		if i%3 == 0 {
			c.Put(ref(p), nil) // undefined result
		} else {
			c.Put(ref(p), ast.IntNumberTerm(i))
		}
	}
	for i, p := range perms {
		v, undefined := c.Get(ref(p))
		switch {
		case i%3 == 0 && (v != nil || !undefined):
			t.Errorf("%v: got %v, %v; want the undefined mark", p, v, undefined)
		case i%3 != 0 && (v == nil || !v.Equal(ast.IntNumberTerm(i))):
			t.Errorf("%v: got %v, want %d", p, v, i)
		}
	}
	if v, undefined := c.Get(ref(ast.ArrayTerm(ast.StringTerm("a")))); v != nil || undefined {
		t.Errorf("an uncached key answered %v, %v", v, undefined)
	}
	if got, want := len(c.Keys()), 2*len(perms)/3; got != want {
		t.Errorf("Keys: %d refs with a value, want %d", got, want)
	}
	c.Push()
	if v, undefined := c.Get(ref(perms[1])); v != nil || undefined {
		t.Error("a new frame sees the values of the one below")
	}
	c.Pop()
	if v, _ := c.Get(ref(perms[1])); v == nil {
		t.Error("Pop lost the frame below")
	}
}

func permutations(xs []string) []*ast.Term {
	if len(xs) <= 1 {
		return []*ast.Term{ast.ArrayTerm(terms(xs)...)}
	}
	var out []*ast.Term
	for i := range xs {
		rest := append(append([]string(nil), xs[:i]...), xs[i+1:]...)
		for _, p := range permutations(rest) {
			a := p.Value.(*ast.Array)
			elems := []*ast.Term{ast.StringTerm(xs[i])}
			for j := range a.Len() {
				elems = append(elems, a.Elem(j))
			}
			out = append(out, ast.ArrayTerm(elems...))
		}
	}
	return out
}

func terms(xs []string) []*ast.Term {
	out := make([]*ast.Term, len(xs))
	for i, x := range xs {
		out[i] = ast.StringTerm(fmt.Sprint(x))
	}
	return out
}
