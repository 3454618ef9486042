package policy

import (
	"math"
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
	got, err := inputAST(input)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(input)
	if err != nil {
		t.Fatal(err)
	}
	if got.Compare(want) != 0 {
		t.Errorf("inputAST differs from ast.InterfaceToValue")
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
