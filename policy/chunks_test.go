package policy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/logctl/logctl/spec"
)

// The files' pass finds the same, chunk by chunk, as over all the files:
// every case of the parity table (each twice, so that the uniqueness rules
// fire, and spread over the list so that a chunk must gather its zone),
// and the examples with and without the example user policies (a user
// package sees all the files, a user waiver still applies). Chunks of one
// group each split the input as finely as chunks can.
func TestChunkedPassFindsTheSame(t *testing.T) {
	docs := parityDocuments(t)
	ex, diags, err := spec.Load([]string{"../examples"})
	if err != nil || diags.HasErrors() {
		t.Fatalf("examples: %v %v", err, diags)
	}
	docs["examples"] = ex
	estate := estatePolicy(t)
	for _, dirs := range [][]string{nil, {"../examples/policies", estate}} {
		e := newEngine(t, dirs...)
		for name, doc := range docs {
			t.Run(fmt.Sprintf("%s/user=%v", name, dirs != nil), func(t *testing.T) {
				whole := evalWhole(t, e, doc)
				for _, size := range []int{1, 3, chunkSize} {
					got := evalChunked(t, e, doc, size)
					if !slices.Equal(got, whole) {
						t.Errorf("chunks of %d: %d findings, over all the files %d\nchunked:\n%s\nwhole:\n%s",
							size, len(got), len(whole), lines(got), lines(whole))
					}
				}
				if len(whole) == 0 {
					t.Fatal("no findings: the comparison proves nothing")
				}
			})
		}
	}
}

// A plan loads its files with spec.LoadOptions.DeferItems: the files' pass
// then builds each chunk from the items parsed again from the file. It
// finds what the whole input finds: every base of the parity table, padded
// past the size from which a file is split, with and without user
// policies (which need the whole input, parsed again in full).
func TestChunkedPassOnDeferredItems(t *testing.T) {
	estate := estatePolicy(t)
	pad := strings.Repeat("# "+strings.Repeat("x", 98)+"\n", 11000) // over 1 MiB: the file is split
	dir := t.TempDir()
	deferredSeen := 0
	for _, dirs := range [][]string{nil, {"../examples/policies", estate}} {
		e := newEngine(t, dirs...)
		for base, text := range parityTexts(t) {
			t.Run(fmt.Sprintf("%s/user=%v", base, dirs != nil), func(t *testing.T) {
				plain, _ := spec.ParseBytes(base+".yaml", text)
				whole := evalWhole(t, e, plain)
				path := filepath.Join(dir, base+".yaml")
				if err := os.WriteFile(path, append(slices.Clone(text), pad...), 0o644); err != nil {
					t.Fatal(err)
				}
				for _, size := range []int{1, 3, chunkSize} {
					c := NewConverter()
					doc, _, err := spec.LoadWith([]string{path}, spec.LoadOptions{ConvertItem: c.ConvertItem, DeferItems: true})
					if err != nil {
						t.Fatal(err)
					}
					for _, l := range resourceLists {
						if items, _ := doc.Input()[l].([]any); len(items) > 0 && fmt.Sprintf("%T", items[0]) == "spec.deferred" {
							deferredSeen++
						}
					}
					v, err := e.PrepareWith(doc, c)
					if err != nil {
						t.Fatal(err)
					}
					v.chunkSize = size
					fs, err := v.Eval(context.Background(), nil)
					if err != nil {
						t.Fatal(err)
					}
					if got := keys(fs); !slices.Equal(got, whole) {
						t.Errorf("chunks of %d: %d findings, whole input %d\ndeferred:\n%s\nwhole:\n%s",
							size, len(got), len(whole), lines(got), lines(whole))
					}
				}
				if len(whole) == 0 {
					t.Fatal("no findings: the comparison proves nothing")
				}
			})
		}
	}
	t.Logf("deferred lists: %d", deferredSeen)
	if deferredSeen == 0 {
		t.Fatal("no file was split: nothing was deferred")
	}
}

// estatePolicy writes a user rule that counts across zones: per chunk it
// would never fire.
func estatePolicy(t *testing.T) string {
	t.Helper()
	return writeFiles(t, map[string]string{"estate.rego": `package logctl.estate

deny contains msg if {
	zones := {t.zoneId | some t in input.deliveryTasks}
	count(zones) > 1
	msg := sprintf("%d zones in one repository", [count(zones)])
}
`})
}

func evalWhole(t *testing.T, e *Engine, doc *spec.Document) []string {
	t.Helper()
	v, err := e.Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	input, err := v.whole()
	if err != nil {
		t.Fatal(err)
	}
	byPkg, err := v.run(context.Background(), e.groups, input, nil)
	if err != nil {
		t.Fatal(err)
	}
	return keys(flatten(byPkg))
}

func evalChunked(t *testing.T, e *Engine, doc *spec.Document, size int) []string {
	t.Helper()
	v, err := e.Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	v.chunkSize = size
	fs, err := v.Eval(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return keys(fs)
}

func keys(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s %s %s %s waived=%v", f.Rule, f.Severity, f.Path, f.Message, f.Waived)
	}
	slices.Sort(out)
	return out
}

func lines(ss []string) string {
	out := ""
	for _, s := range ss {
		out += "  " + s + "\n"
	}
	return out
}

// parityDocuments makes one document per base of the parity table with
// all its cases, each twice.
func parityDocuments(t *testing.T) map[string]*spec.Document {
	t.Helper()
	out := map[string]*spec.Document{}
	for base, text := range parityTexts(t) {
		parsed, _ := spec.ParseBytes(base+".yaml", text)
		if parsed == nil {
			t.Fatalf("%s: no document", base)
		}
		out[base] = parsed
	}
	return out
}

// parityTexts is the YAML of parityDocuments, by base.
func parityTexts(t *testing.T) map[string][]byte {
	t.Helper()
	pf := readParity(t)
	lists := map[string][]any{}
	for _, c := range pf.Cases {
		res := mergeParity(pf.Bases[c.Base].YAML, c.YAML)
		if c.Streams > 0 {
			res["logStreamIds"] = parityIDs(c.Streams)
		}
		lists[c.Base] = append(lists[c.Base], res)
	}
	out := map[string][]byte{}
	for base, list := range lists {
		b := pf.Bases[base]
		doc := map[string]any{"version": 1, b.List: append(list, list...)}
		if b.Defaults != nil {
			doc["defaults"] = b.Defaults
		}
		text, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		out[base] = text
	}
	return out
}

// Every resource lands in one chunk, what a rule compares stays together,
// and small groups share a chunk. Items without a zoneId, or with one the
// types cannot hold, or that are no task at all, are grouped by what their
// typed form has.
func TestChunks(t *testing.T) {
	doc, _ := spec.ParseBytes("f.yaml", []byte(`version: 1
deliveryTasks:
  - {zoneId: a}
  - {zoneId: b}
  - {zoneId: a}
  - {name: none}
  - {zoneId: [7]}
  - not a task
  - {zoneId: b}
exports:
  - {topicId: t1}
  - {topicId: t2}
  - {topicId: t1}
dumps: [{}, {}]
scopes: []
`))
	tests := []struct {
		size int
		want []Subset
	}{
		{1, []Subset{{DeliveryTasks: []int{0, 2}}, {DeliveryTasks: []int{1, 6}}, {DeliveryTasks: []int{3, 4, 5}},
			{Exports: []int{0, 2}}, {Exports: []int{1}}, {Dumps: []int{0, 1}}}},
		{4, []Subset{{DeliveryTasks: []int{0, 2, 1, 6}}, {DeliveryTasks: []int{3, 4, 5}}, {Exports: []int{0, 2, 1}}, {Dumps: []int{0, 1}}}},
		{100, []Subset{{DeliveryTasks: []int{0, 2, 1, 6, 3, 4, 5}, Exports: []int{0, 2, 1}, Dumps: []int{0, 1}}}},
	}
	for _, tt := range tests {
		got := chunks(doc, tt.size)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("size %d:\n got %v\nwant %v", tt.size, got, tt.want)
		}
	}
}
