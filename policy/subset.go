package policy

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Subset names some of the files' resources by their index in the input:
// deliveryTasks[i], exports[i], dumps[i].
type Subset struct {
	DeliveryTasks, Exports, Dumps []int
}

// EvalSubset evaluates the packages that read data.logctl.live, with live
// as data.logctl.live and, as input, the files with only the resources sub
// names. It is the live policy pass of one target (a zone, a topic, a
// project): plan runs it target by target, so that only one target's live
// state is held in the policies' form at a time. The built-in rules that
// read live state compare resources within one zone or one project, so
// they find per target what they find over the whole estate.
//
// Each resource keeps its index: input.deliveryTasks (and exports, dumps)
// is an object keyed by the index in the files rather than an array, so
// that findings name the same paths as in the files' pass. Rules that
// iterate (some i, t in input.deliveryTasks) read both alike.
//
// Only the findings of the packages that read data.logctl.live are
// returned: the others' cannot change with live state.
func (v *Evaluation) EvalSubset(ctx context.Context, sub Subset, live map[string]any) ([]Finding, error) {
	input, err := v.subsetInput(sub)
	if err != nil {
		return nil, err
	}
	byPkg, err := v.runLive(ctx, v.e.liveGroups, input, live)
	if err != nil {
		return nil, err
	}
	return flatten(byPkg), nil
}

// subsetInput is the input with the resource lists replaced by objects of
// the resources sub names, keyed by index.
func (v *Evaluation) subsetInput(sub Subset) (ast.Value, error) {
	obj, ok := v.input.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("policy input: not an object")
	}
	lists := map[string][]int{"deliveryTasks": sub.DeliveryTasks, "exports": sub.Exports, "dumps": sub.Dumps}
	out := ast.NewObject()
	err := obj.Iter(func(k, val *ast.Term) error {
		name, isStr := k.Value.(ast.String)
		arr, isArr := val.Value.(*ast.Array)
		idx, isList := lists[string(name)]
		if !isStr || !isArr || !isList {
			out.Insert(k, val)
			return nil
		}
		picked := ast.NewObject()
		for _, i := range idx {
			if i >= 0 && i < arr.Len() {
				picked.Insert(ast.IntNumberTerm(i), arr.Elem(i))
			}
		}
		out.Insert(k, ast.NewTerm(picked))
		return nil
	})
	return out, err
}
