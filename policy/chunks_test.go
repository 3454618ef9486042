package policy

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
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
	// A user rule that counts across zones: per chunk it would never fire.
	estate := writeFiles(t, map[string]string{"estate.rego": `package logctl.estate

deny contains msg if {
	zones := {t.zoneId | some t in input.deliveryTasks}
	count(zones) > 1
	msg := sprintf("%d zones in one repository", [count(zones)])
}
`})
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

func evalWhole(t *testing.T, e *Engine, doc *spec.Document) []string {
	t.Helper()
	v, err := e.Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	byPkg, err := v.run(context.Background(), e.groups, v.input, nil)
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
	pf := readParity(t)
	lists := map[string][]any{}
	for _, c := range pf.Cases {
		res := mergeParity(pf.Bases[c.Base].YAML, c.YAML)
		if c.Streams > 0 {
			res["logStreamIds"] = parityIDs(c.Streams)
		}
		lists[c.Base] = append(lists[c.Base], res)
	}
	out := map[string]*spec.Document{}
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
		parsed, _ := spec.ParseBytes(base+".yaml", text)
		if parsed == nil {
			t.Fatalf("%s: no document", base)
		}
		out[base] = parsed
	}
	return out
}

// Every resource lands in one chunk, what a rule compares stays together,
// and small groups share a chunk.
func TestChunks(t *testing.T) {
	task := func(zone any) *ast.Term {
		if zone == nil {
			return ast.ObjectTerm()
		}
		return ast.ObjectTerm(ast.Item(ast.StringTerm("zoneId"), ast.NewTerm(ast.MustInterfaceToValue(zone))))
	}
	export := func(topic string) *ast.Term {
		return ast.ObjectTerm(ast.Item(ast.StringTerm("topicId"), ast.StringTerm(topic)))
	}
	input := ast.NewObject(
		ast.Item(ast.StringTerm("deliveryTasks"), ast.ArrayTerm(task("a"), task("b"), task("a"), task(nil), task(7), ast.StringTerm("not a task"), task("b"))),
		ast.Item(ast.StringTerm("exports"), ast.ArrayTerm(export("t1"), export("t2"), export("t1"))),
		ast.Item(ast.StringTerm("dumps"), ast.ArrayTerm(ast.ObjectTerm(), ast.ObjectTerm())),
		ast.Item(ast.StringTerm("scopes"), ast.ArrayTerm()),
	)
	tests := []struct {
		size int
		want []Subset
	}{
		{1, []Subset{{DeliveryTasks: []int{0, 2}}, {DeliveryTasks: []int{1, 6}}, {DeliveryTasks: []int{3}}, {DeliveryTasks: []int{4}},
			{DeliveryTasks: []int{5}}, {Exports: []int{0, 2}}, {Exports: []int{1}}, {Dumps: []int{0, 1}}}},
		{4, []Subset{{DeliveryTasks: []int{0, 2, 1, 6}}, {DeliveryTasks: []int{3, 4, 5}}, {Exports: []int{0, 2, 1}}, {Dumps: []int{0, 1}}}},
		{100, []Subset{{DeliveryTasks: []int{0, 2, 1, 6, 3, 4, 5}, Exports: []int{0, 2, 1}, Dumps: []int{0, 1}}}},
	}
	for _, tt := range tests {
		got := chunks(input, tt.size)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("size %d:\n got %v\nwant %v", tt.size, got, tt.want)
		}
	}
}
