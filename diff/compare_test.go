package diff

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// compareByMaps is compare as it was first written (maps of both sides,
// last field of a path wins, want's paths first): the reference for the
// aligned fast path of pairFields.
func compareByMaps(c *Change, got, want fieldList) {
	gotBy := map[string]field{}
	for _, f := range got {
		gotBy[f.path] = f
	}
	wantBy := map[string]field{}
	for _, f := range want {
		wantBy[f.path] = f
	}
	seen := map[string]bool{}
	var paths, replaceBy []string
	for _, fl := range []fieldList{want, got} {
		for _, f := range fl {
			if !seen[f.path] {
				seen[f.path] = true
				paths = append(paths, f.path)
			}
		}
	}
	for _, path := range paths {
		g, inGot := gotBy[path]
		w, inWant := wantBy[path]
		if inGot && inWant && g.value == w.value || !inGot && w.value == "null" || !inWant && g.value == "null" {
			continue
		}
		fc := FieldChange{Path: path, ForcesReplace: g.replace || w.replace, Sensitive: g.secret || w.secret}
		fc.Before, fc.After = display(g, inGot, fc.Sensitive, false), display(w, inWant, fc.Sensitive, true)
		if fc.ForcesReplace {
			replaceBy = append(replaceBy, path)
		}
		c.Fields = append(c.Fields, fc)
	}
	switch {
	case len(replaceBy) > 0:
		c.Action, c.Reason = ActionReplace, strings.Join(replaceBy, ", ")+" cannot be modified in place"
	case len(c.Fields) > 0:
		c.Action = ActionUpdate
	default:
		c.Action = ActionNoop
	}
}

func randomFields(r *rand.Rand, paths []string) fieldList {
	values := []string{"null", `""`, `"a"`, `"b"`, "1"}
	var fl fieldList
	for _, p := range paths {
		if r.IntN(8) == 0 {
			continue // this side lacks the path
		}
		fl = append(fl, field{path: p, value: values[r.IntN(len(values))], secret: r.IntN(4) == 0, replace: r.IntN(4) == 0})
		if strings.HasPrefix(p, headerPrefix) && r.IntN(10) == 0 {
			// Only header paths repeat (two headers of one name); the
			// other paths of taskFields, exportFields and dumpFields are
			// fixed and distinct.
			fl = append(fl, field{path: p, value: values[r.IntN(len(values))]})
		}
	}
	return fl
}

func TestCompareMatchesMapReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	paths := []string{"type", "entities", "sample", headerPrefix + "A", headerPrefix + "A", headerPrefix + "B", "s3.bucket"}
	for i := range 20000 {
		got, want := randomFields(r, paths), randomFields(r, paths)
		if i%2 == 0 { // the common case: same paths, values may differ
			got = append(fieldList(nil), want...)
			for j := range got {
				if r.IntN(3) == 0 {
					got[j].value = `"changed"`
				}
			}
		}
		var c, ref Change
		compare(&c, got, want)
		compareByMaps(&ref, got, want)
		if d := cmp.Diff(ref, c); d != "" {
			t.Fatalf("got %v\nwant %v\n(-reference +compare):\n%s", got, want, d)
		}
	}
}
