package policy

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

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
//
// Once ReleaseFiles let the files' input go, the resources are read from
// the document's typed form (the shape of the live state, LiveInput).
func (v *Evaluation) EvalSubset(ctx context.Context, sub Subset, live map[string]any) ([]Finding, error) {
	var input ast.Value
	var err error
	if v.isReleased() {
		input, err = v.typedInput(sub)
	} else {
		input, err = v.subsetInput(sub)
	}
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
// the resources sub names, keyed by index, taken from the whole input.
func (v *Evaluation) subsetInput(sub Subset) (ast.Value, error) {
	whole, err := v.whole()
	if err != nil {
		return nil, err
	}
	obj, ok := whole.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("policy input: not an object")
	}
	lists := map[string][]int{"deliveryTasks": sub.DeliveryTasks, "exports": sub.Exports, "dumps": sub.Dumps}
	out := ast.NewObject()
	err = obj.Iter(func(k, val *ast.Term) error {
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

// itemsInput is subsetInput built from the document's items
// (spec.Document.InputItems) instead of the whole input: an item a load
// deferred is parsed again from its file here. The lists are cut into
// contiguous pieces built on every core, each with a converter of its own
// whose tables go with the chunk: the jobs of a chunk wait for its input,
// and parsing 10,000 items on one core took 0.5 s while the other idled.
// A list the files do not have stays absent, as in the whole input.
func (v *Evaluation) itemsInput(sub Subset) (ast.Value, error) {
	type piece struct {
		list  string
		idx   []int
		terms []*ast.Term
	}
	var pieces []*piece
	out := v.frame.Copy()
	lists := map[string]*ast.Term{}
	for _, l := range []struct {
		name string
		idx  []int
	}{{"deliveryTasks", sub.DeliveryTasks}, {"exports", sub.Exports}, {"dumps", sub.Dumps}} {
		if len(l.idx) == 0 && v.doc.InputLen(l.name) == 0 {
			continue
		}
		lists[l.name] = ast.NewTerm(ast.NewObject())
		out.Insert(ast.StringTerm(l.name), lists[l.name])
		n := runtime.GOMAXPROCS(0)
		size := max((len(l.idx)+n-1)/n, piecesMin)
		for lo := 0; lo < len(l.idx); lo += size {
			pieces = append(pieces, &piece{list: l.name, idx: l.idx[lo:min(lo+size, len(l.idx))]})
		}
	}
	errs := make([]error, len(pieces))
	var wg sync.WaitGroup
	for k, p := range pieces {
		wg.Go(func() {
			c := newConverter()
			p.terms = make([]*ast.Term, 0, 2*len(p.idx))
			var convErr error
			err := v.doc.InputItems(p.list, p.idx, func(i int, item any) {
				t, err := c.resource(item)
				if err != nil {
					convErr = err
					return
				}
				p.terms = append(p.terms, ast.IntNumberTerm(i), t)
			})
			errs[k] = errors.Join(err, convErr)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	for _, p := range pieces {
		obj := lists[p.list].Value.(ast.Object)
		for j := 0; j+1 < len(p.terms); j += 2 {
			obj.Insert(p.terms[j], p.terms[j+1])
		}
	}
	return out, nil
}

// piecesMin is the fewest items itemsInput builds on a goroutine of their
// own.
const piecesMin = 256

// ReleaseFiles lets the files' policy input go (here and in the document,
// spec.Document.ReleaseInput) once their pass is done, and reports whether
// it did: at 100,000 resources it is some 90 MB that a plan would
// otherwise hold through every read. The live pass then reads the
// resources of each target from the document's typed form, as LiveInput
// builds the live state's: the built-in rules that read live state see
// the same identities and fields there, and the files' pass has already
// refused anything the typed form could not hold. When a user package
// reads data.logctl.live it keeps the files as written (it may read a
// field the types do not know), and nothing is released.
func (v *Evaluation) ReleaseFiles() bool {
	if !v.e.typedLive {
		return false
	}
	v.wholeMu.Lock()
	v.input = nil
	v.wholeMu.Unlock()
	v.released.Store(true)
	v.doc.ReleaseInput()
	return true
}

func (v *Evaluation) isReleased() bool { return v.released.Load() }

// typedInput is subsetInput built from the document's typed resources.
func (v *Evaluation) typedInput(sub Subset) (ast.Value, error) {
	out := v.frame.Copy()
	add := func(list string, idx []int, build func(i int) map[string]any) error {
		picked := ast.NewObject()
		for _, i := range idx {
			t, err := v.conv.resource(build(i))
			if err != nil {
				return fmt.Errorf("policy input: %w", err)
			}
			picked.Insert(ast.IntNumberTerm(i), t)
		}
		out.Insert(ast.StringTerm(list), ast.NewTerm(picked))
		return nil
	}
	doc := v.doc
	if err := add("deliveryTasks", sub.DeliveryTasks, func(i int) map[string]any { return taskInput(&doc.DeliveryTasks[i]) }); err != nil {
		return nil, err
	}
	if err := add("exports", sub.Exports, func(i int) map[string]any { return exportInput(&doc.Exports[i]) }); err != nil {
		return nil, err
	}
	if err := add("dumps", sub.Dumps, func(i int) map[string]any { return dumpInput(&doc.Dumps[i]) }); err != nil {
		return nil, err
	}
	return out, nil
}
