package policy

import (
	"context"
	"slices"
	"testing"

	"github.com/logctl/logctl/spec"
)

// After ReleaseFiles the live pass reads the files' resources in their
// typed form and finds what it found in the files as written: the
// examples against a live state that clashes with them (the same tasks and
// dumps under other names, so that the uniqueness rules fire).
func TestLivePassAfterRelease(t *testing.T) {
	e := newEngine(t)
	load := func() *spec.Document {
		doc, diags, err := spec.Load([]string{"../examples"})
		if err != nil || diags.HasErrors() {
			t.Fatalf("examples: %v %v", err, diags)
		}
		return doc
	}
	run := func(release bool) []string {
		doc := load()
		v, err := e.Prepare(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Eval(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if release && !v.ReleaseFiles() {
			t.Fatal("built-in policies only, yet the files were kept")
		}
		live, err := LiveInput(clashing(doc), v.Convert)
		if err != nil {
			t.Fatal(err)
		}
		sub := Subset{}
		for i := range doc.DeliveryTasks {
			sub.DeliveryTasks = append(sub.DeliveryTasks, i)
		}
		for i := range doc.Exports {
			sub.Exports = append(sub.Exports, i)
		}
		for i := range doc.Dumps {
			sub.Dumps = append(sub.Dumps, i)
		}
		fs, err := v.EvalSubset(context.Background(), sub, live)
		if err != nil {
			t.Fatal(err)
		}
		return keys(fs)
	}
	written, typed := run(false), run(true)
	if !slices.Equal(written, typed) {
		t.Errorf("files as written:\n%s\ntyped:\n%s", lines(written), lines(typed))
	}
	if len(written) == 0 {
		t.Fatal("the live state clashes with nothing: the comparison proves nothing")
	}
}

// clashing is the live state of doc's tasks and dumps under other names.
func clashing(doc *spec.Document) Live {
	tasks := slices.Clone(doc.DeliveryTasks)
	for i := range tasks {
		tasks[i].Name += "-live"
	}
	dumps := slices.Clone(doc.Dumps)
	for i := range dumps {
		dumps[i].Name += "-live"
		dumps[i].Bucket += "-live"
	}
	return Live{
		DeliveryTasks: func(yield func(*spec.DeliveryTask) bool) {
			for i := range tasks {
				if !yield(&tasks[i]) {
					return
				}
			}
		},
		Dumps: func(yield func(*spec.Dump) bool) {
			for i := range dumps {
				if !yield(&dumps[i]) {
					return
				}
			}
		},
	}
}

// With a user package that reads data.logctl.live the files are kept as
// written, and Eval after a release is refused rather than wrong.
func TestReleaseFilesKeepsInputForUserLiveRules(t *testing.T) {
	dir := writeFiles(t, map[string]string{"live.rego": `package logctl.acme

warn contains msg if {
	some t in data.logctl.live.deliveryTasks
	msg := t.name
}
`})
	doc, _, err := spec.Load([]string{"../examples"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := newEngine(t, dir).Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	if v.ReleaseFiles() {
		t.Error("released although a user package reads the live state")
	}
	v2, err := newEngine(t).Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !v2.ReleaseFiles() {
		t.Fatal("not released")
	}
	if _, err := v2.Eval(context.Background(), nil); err == nil {
		t.Error("Eval after ReleaseFiles: no error")
	}
}
