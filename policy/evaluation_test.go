package policy

import (
	"context"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/logctl/logctl/bench/workload"
	"github.com/logctl/logctl/spec"
)

// rivals makes live state that collides with every declared resource: a
// copy of each under another name, as if created in the console. The
// uniqueness rules then find conflicts in every resource list.
func rivals(doc *spec.Document) map[string]any {
	live := map[string]any{}
	for _, kind := range []string{"deliveryTasks", "exports", "dumps"} {
		list, _ := doc.Input()[kind].([]any)
		out := make([]any, 0, len(list))
		for _, item := range list {
			if t, ok := item.(*ast.Term); ok { // a document prepared before
				item, _ = ast.JSON(t.Value)
			}
			m, ok := item.(map[string]any)
			if !ok {
				continue
			}
			c := maps.Clone(m)
			name, _ := c["name"].(string)
			c["name"] = name + "-console"
			out = append(out, c)
		}
		live[kind] = out
	}
	return live
}

// liveReader is a user policy that reads data.logctl.live only through a
// helper package outside logctl.*: the engine must still re-run it.
const liveReader = `package logctl.acme

deny_console contains f if {
	some n in data.acmelib.live_names
	f := {"msg": sprintf("live task %s", [n]), "rule": "acme.console"}
}
`

const liveHelper = `package acmelib

live_names contains t.name if some t in data.logctl.live.deliveryTasks
`

func TestPreparedLivePassEqualsFullEvaluation(t *testing.T) {
	examples, diags, err := spec.Load([]string{"../examples"})
	if err != nil || diags.HasErrors() {
		t.Fatalf("examples do not load: %v %v", err, diags)
	}
	userDir := writeFiles(t, map[string]string{"acme/live.rego": liveReader, "acme/lib.rego": liveHelper})
	cases := []struct {
		name string
		doc  *spec.Document
		dirs []string
	}{
		{"examples", examples, nil},
		{"workload", loadWorkload(t, workload.Config{Tasks: 300, Exports: 30, Dumps: 30, Files: 2}), nil},
		{"user rule reading live through a helper", examples, []string{userDir}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			e := newEngine(t, tc.dirs...)
			live := rivals(tc.doc)
			full, err := e.Eval(ctx, tc.doc, live)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := e.Prepare(tc.doc)
			if err != nil {
				t.Fatal(err)
			}
			base, err := ev.Eval(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(full) <= len(base) {
				t.Fatalf("the live state adds no finding (%d with, %d without): the case tests nothing", len(full), len(base))
			}
			second, err := ev.Eval(ctx, live)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(full, second); diff != "" {
				t.Errorf("second pass differs from a full evaluation (-full +second):\n%s", diff)
			}
			// The live pass forgets its sharing tables: another one
			// still finds the same.
			secondAgain, err := ev.Eval(ctx, live)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(second, secondAgain); diff != "" {
				t.Errorf("a second live pass differs (-first +second):\n%s", diff)
			}
			again, err := ev.Eval(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(base, again); diff != "" {
				t.Errorf("the live pass changed the evaluation without it (-before +after):\n%s", diff)
			}
		})
	}
}

// builtinLive are the built-in packages that read data.logctl.live.
var builtinLive = map[string]bool{"logctl.teo.unique": true, "logctl.teo.legacy": true, "logctl.lts": true}

func TestLivePackages(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  map[string]bool
	}{
		{"built-in", nil, builtinLive},
		{"through a helper", map[string]string{"live.rego": liveReader, "lib.rego": liveHelper},
			map[string]bool{"logctl.teo.unique": true, "logctl.teo.legacy": true, "logctl.lts": true, "logctl.acme": true}},
		{"input only", map[string]string{"in.rego": "package logctl.plain\n\nwarn contains t.name if some t in input.deliveryTasks\n"},
			builtinLive},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var dirs []string
			if tc.files != nil {
				dirs = append(dirs, writeFiles(t, tc.files))
			}
			if diff := cmp.Diff(tc.want, newEngine(t, dirs...).livePkgs); diff != "" {
				t.Errorf("live packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMayReachLive(t *testing.T) {
	cases := []struct {
		ref  string
		want bool
	}{
		{"data.logctl.live.deliveryTasks", true},
		{"data.logctl.live", true},
		{"data.logctl", true},
		{"data", true},
		{"data.logctl[x].dumps", true},
		{"data[x]", true},
		{"data.logctl.teo.norm_log_type", false},
		{"data.acmelib.live_names", false},
		{"input.deliveryTasks", false},
		{"t.live", false},
	}
	for _, tc := range cases {
		t.Run(tc.ref, func(t *testing.T) {
			if got := mayReachLive(ast.MustParseRef(tc.ref)); got != tc.want {
				t.Errorf("mayReachLive(%s) = %v, want %v", tc.ref, got, tc.want)
			}
		})
	}
}
