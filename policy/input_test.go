package policy

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestInputASTMatchesOPA checks the hand-written conversion against OPA's
// own on every value type the spec input holds, serial and chunked.
func TestInputASTMatchesOPA(t *testing.T) {
	long := make([]any, parallelMin+3)
	for i := range long {
		long[i] = map[string]any{"i": int64(i), "name": "t", "tags": []any{"a", true, nil, 1.5}}
	}
	input := map[string]any{
		"version":       int64(1),
		"defaults":      map[string]any{"tencent": map[string]any{"region": "ap-guangzhou"}},
		"exports":       []any{map[string]any{"count": int64(50000000), "from": "2020-12-09T07:31:47Z", "to": int64(1607499207000)}},
		"dumps":         []any{},
		"scopes":        nil,
		"deliveryTasks": long,
		"floats":        []any{0.1, 1e21, -2.5, float64(3)},
	}
	want, err := ast.InterfaceToValue(input)
	if err != nil {
		t.Fatal(err)
	}
	// Converting in place twice (a document prepared twice) gives the same.
	for pass := 1; pass <= 2; pass++ {
		c := newConverter()
		if err := convertInput(input, c); err != nil {
			t.Fatal(err)
		}
		if _, ok := input["deliveryTasks"].([]any)[0].(*ast.Term); !ok {
			t.Fatalf("pass %d: items not replaced by terms in place", pass)
		}
		got, err := c.value(input)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("pass %d: converted input differs from ast.InterfaceToValue", pass)
		}
		// Compare equates 3 and 3.0; the printed form tells them apart.
		if got.String() != want.String() {
			t.Errorf("pass %d: converted input prints differently:\n got %s\nwant %s", pass, got, want)
		}
	}
}

// TestConvertInputSharesWithLaterValues checks that a value converted after
// the input (the live state) shares the input's equal parts, whichever
// chunk converted them.
func TestConvertInputSharesWithLaterValues(t *testing.T) {
	long := make([]any, parallelMin*2)
	for i := range long {
		long[i] = map[string]any{"name": fmt.Sprint("t", i), "cls": map[string]any{"topicId": fmt.Sprint("topic-", i)}}
	}
	c := newConverter()
	if err := convertInput(map[string]any{"deliveryTasks": long}, c); err != nil {
		t.Fatal(err)
	}
	for _, term := range c.composite {
		if term == long[0].(*ast.Term) {
			t.Fatal("a resource object is kept in the table: it can never be shared")
		}
	}
	cls := ast.StringTerm("cls")
	for _, i := range []int{0, len(long) - 1} {
		live, err := c.resource(map[string]any{"name": fmt.Sprint("t", i), "cls": map[string]any{"topicId": fmt.Sprint("topic-", i)}})
		if err != nil {
			t.Fatal(err)
		}
		if live.Get(cls) != long[i].(*ast.Term).Get(cls) {
			t.Errorf("item %d: an equal part of a live value got a term of its own", i)
		}
	}
}

// TestConverterSharesEqualTerms checks that equal lists and objects become
// one term and that unequal ones stay apart.
func TestConverterSharesEqualTerms(t *testing.T) {
	task := func(name string, fields []any, sample any) map[string]any {
		return map[string]any{"name": name, "fields": fields, "sample": sample,
			"cls": map[string]any{"topicId": "t-1"}}
	}
	long := strings.Repeat("x", internMax+1)
	list := []any{
		task("a", []any{"ClientIP", "RequestID"}, int64(3)),
		task("b", []any{"ClientIP", "RequestID"}, float64(3)),
		task("c", []any{"RequestID", "ClientIP"}, int64(3)),
		task("d", []any{long, []any{[]any{}}}, nil),
		task("e", []any{long, []any{[]any{}}}, nil),
		task("f", []any{long + "y", []any{[]any{[]any{}}}}, nil),
	}
	v, err := toAST(list)
	if err != nil {
		t.Fatal(err)
	}
	arr := v.(*ast.Array)
	field := func(i int, k string) *ast.Term { return arr.Elem(i).Get(ast.StringTerm(k)) }
	cases := []struct {
		name   string
		x, y   *ast.Term
		shared bool
	}{
		{"equal field lists", field(0, "fields"), field(1, "fields"), true},
		{"equal objects", field(0, "cls"), field(2, "cls"), true},
		{"equal numbers, integer and float", field(0, "sample"), field(1, "sample"), true},
		{"lists in another order", field(0, "fields"), field(2, "fields"), false},
		{"equal lists with a long string", field(3, "fields"), field(4, "fields"), true},
		{"lists with another long string", field(3, "fields"), field(5, "fields"), false},
		{"nested lists of another depth", field(3, "fields").Value.(*ast.Array).Elem(1), field(5, "fields").Value.(*ast.Array).Elem(1), false},
		{"tasks that differ by name", arr.Elem(0), arr.Elem(1), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.x == tc.y; got != tc.shared {
				t.Errorf("shared = %v, want %v (%v, %v)", got, tc.shared, tc.x, tc.y)
			}
		})
	}
	want, err := ast.InterfaceToValue(list)
	if err != nil {
		t.Fatal(err)
	}
	if v.String() != want.String() {
		t.Errorf("converted list prints differently:\n got %s\nwant %s", v, want)
	}
}

func TestToASTNonFinite(t *testing.T) {
	for _, f := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		v, err := toAST(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := v.(ast.String); !ok {
			t.Errorf("%v: want a string, got %T", f, v)
		}
	}
}

// TestConverterConcurrentUse converts equal values on several goroutines at
// once (the loader's batches): each gets the one shared list.
func TestConverterConcurrentUse(t *testing.T) {
	c := NewConverter()
	const n = 8
	got := make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				got[i] = c.ConvertItem(map[string]any{"fields": []any{"ClientIP", "RequestID"}, "sample": int64(3)})
			}
		}()
	}
	wg.Wait()
	fields := func(i int) *ast.Term {
		term, ok := got[i].(*ast.Term)
		if !ok {
			t.Fatalf("got %T, want a term", got[i])
		}
		return term.Get(ast.StringTerm("fields"))
	}
	for i := 1; i < n; i++ {
		if fields(i) != fields(0) {
			t.Fatalf("goroutine %d got a list of its own", i)
		}
	}
}
