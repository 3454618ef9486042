package spec

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/bench/workload"
)

// TestDeferItems loads the same files with and without DeferItems: every
// item InputItems gives, in any order and any selection, is the value the
// plain load holds (converted when it was not deferred, plain when it
// was); ConvertInput gives the whole input as the plain load has it,
// converted.
func TestDeferItems(t *testing.T) {
	for _, files := range []int{1, 8} {
		c := workload.Config{Tasks: 3000, Exports: 300, Dumps: 300, Files: files, Out: t.TempDir()}
		if err := workload.Write(c); err != nil {
			t.Fatal(err)
		}
		plain, _, err := Load([]string{c.Out})
		if err != nil {
			t.Fatal(err)
		}
		conv := func(v any) any { return wrapped{v} }
		doc, diags, err := LoadWith([]string{c.Out}, LoadOptions{ConvertItem: conv, DeferItems: true})
		if err != nil || diags.HasErrors() {
			t.Fatalf("load: %v %v", err, diags)
		}
		deferredSeen := false
		for _, key := range resourceKeys {
			want, _ := plain.Input()[key].([]any)
			held, _ := doc.Input()[key].([]any)
			for _, v := range held {
				_, ok := v.(deferred)
				deferredSeen = deferredSeen || ok
			}
			if doc.InputLen(key) != len(want) {
				t.Fatalf("%d files: %s has %d items, want %d", files, key, doc.InputLen(key), len(want))
			}
			r := rand.New(rand.NewPCG(uint64(files), 1))
			all := make([]int, len(want))
			for i := range all {
				all[i] = i
			}
			shuffled := slices.Clone(all)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			gaps := slices.DeleteFunc(slices.Clone(all), func(i int) bool { return i%7 == 3 })
			for name, idx := range map[string][]int{"all": all, "shuffled": shuffled, "with gaps": gaps,
				"out of range": {-1, len(want), 0}} {
				var got []int
				err := doc.InputItems(key, idx, func(i int, v any) {
					got = append(got, i)
					_, isDeferred := held[i].(deferred)
					w, ok := v.(wrapped)
					if ok == isDeferred {
						t.Fatalf("%s %s[%d]: %T, deferred %v", name, key, i, v, isDeferred)
					}
					if !ok {
						w.v = v
					}
					if d := cmp.Diff(want[i], w.v); d != "" {
						t.Fatalf("%s %s[%d] differs (-plain +deferred):\n%s", name, key, i, d)
					}
				})
				if err != nil {
					t.Fatalf("%s %s: %v", name, key, err)
				}
				inRange := slices.DeleteFunc(slices.Clone(idx), func(i int) bool { return i < 0 || i >= len(want) })
				if !slices.Equal(got, inRange) {
					t.Fatalf("%s %s: items %v, want %v", name, key, head(got), head(inRange))
				}
			}
		}
		if deferredSeen != (files == 1) {
			t.Fatalf("%d files: items deferred: %v (only a split file defers)", files, deferredSeen)
		}
		// Concurrent callers (the files' pass evaluates chunks in parallel).
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if err := doc.InputItems("deliveryTasks", []int{5, 6, 7, 2000}, func(int, any) {}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		err = doc.ConvertInput(func(in map[string]any) error {
			for _, key := range resourceKeys {
				want, _ := plain.Input()[key].([]any)
				got, _ := in[key].([]any)
				if len(got) != len(want) {
					t.Fatalf("%s: %d items, want %d", key, len(got), len(want))
				}
				for i := range got {
					w, ok := got[i].(wrapped)
					if !ok {
						t.Fatalf("ConvertInput: %s[%d] is %T", key, i, got[i])
					}
					if d := cmp.Diff(want[i], w.v); d != "" {
						t.Fatalf("ConvertInput: %s[%d] differs:\n%s", key, i, d)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// ConvertItem converts scopes too: they are never deferred.
		wantFrame := plain.InputFrame()
		if scopes, ok := wantFrame["scopes"].([]any); ok {
			wantFrame["scopes"] = each(scopes, conv)
		}
		if d := cmp.Diff(wantFrame, doc.InputFrame(), cmp.AllowUnexported(wrapped{})); d != "" {
			t.Errorf("frames differ:\n%s", d)
		}
	}
}

func each(s []any, f func(any) any) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func head(s []int) []int { return s[:min(len(s), 10)] }

// TestDeferredItemChanged changes an item of a split file after it was
// loaded: asking for it is an error naming the file, never the new text;
// the items of other runs are still given.
func TestDeferredItemChanged(t *testing.T) {
	data := tasksFile(2*deferredRun + 5)
	path := filepath.Join(t.TempDir(), "tasks.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pf := &parsedFile{name: path, split: splitConfig{minBytes: 0, batchItems: 100}, disk: true, deferItems: true}
	pf.parse(slices.Clone(data))
	doc, diags := merge([]*parsedFile{pf})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	comment := []byte("    # a comment inside the item\n")
	if err := os.WriteFile(path, rewriteItem(data, 1, comment, []byte("    # A COMMENT INSIDE THE ITEM\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	err := doc.InputItems("deliveryTasks", []int{0, 1, 2}, func(int, any) {})
	if !errors.Is(err, ErrFileChanged) {
		t.Fatalf("changed item: err = %v, want ErrFileChanged", err)
	}
	var names []string
	err = doc.InputItems("deliveryTasks", []int{deferredRun + 3, 2*deferredRun + 4}, func(_ int, v any) {
		names = append(names, v.(map[string]any)["name"].(string))
	})
	if err != nil || !slices.Equal(names, []string{"t1003", "t2004"}) {
		t.Fatalf("unchanged items: %v, %v", names, err)
	}
	if err := doc.ConvertInput(func(map[string]any) error { return nil }); !errors.Is(err, ErrFileChanged) {
		t.Fatalf("ConvertInput: err = %v, want ErrFileChanged", err)
	}
	if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := doc.InputItems("deliveryTasks", []int{deferredRun + 3}, func(int, any) {}); !errors.Is(err, ErrFileChanged) {
		t.Fatalf("truncated file: err = %v, want ErrFileChanged", err)
	}
}
