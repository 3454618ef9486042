package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// diagLines renders diagnostics as "line:col rule: summary" for comparison.
func diagLines(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d %s: %s", d.Pos.Line, d.Pos.Column, d.Rule, d.Summary))
	}
	return out
}

const validTask = `version: 1
deliveryTasks:
  - name: t1
    zoneId: zone-1
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [a.example.com]
    fields: [RequestID]
    cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}
`

func TestParseDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{name: "valid", yaml: validTask},
		{
			name: "unknown key with suggestion",
			yaml: strings.Replace(validTask, "    area:", "    aera: x\n    area:", 1),
			want: []string{`7:5 schema.unknown-key: unknown key "aera" in deliveryTasks[0]`},
		},
		{
			name: "wrong type",
			yaml: validTask + "    sample: high\n",
			want: []string{`11:5 schema.type: sample: expected an integer, got string "high"`},
		},
		{
			name: "missing required keys are all reported",
			yaml: "version: 1\ndeliveryTasks:\n  - name: t1\n    zoneId: z\n    type: cls\n",
			want: []string{
				`3:5 schema.required: missing required key "logType"`,
				`3:5 schema.required: missing required key "area"`,
				`3:5 schema.required: missing required key "entities"`,
				`3:5 schema.required: missing required key "fields"`,
			},
		},
		{
			name: "string where a list is expected",
			yaml: strings.Replace(validTask, "entities: [a.example.com]", "entities: a.example.com", 1),
			want: []string{`8:5 schema.type: entities: expected a list, got string "a.example.com"`},
		},
		{
			name: "number where a string is expected",
			yaml: strings.Replace(validTask, "zoneId: zone-1", "zoneId: 1234", 1),
			want: []string{`4:5 schema.type: zoneId: expected a string, got integer "1234"`},
		},
		{
			name: "duplicate key",
			yaml: validTask + "    name: again\n",
			want: []string{`11:5 schema.duplicate-key: key "name" is set twice in the same mapping`},
		},
		{
			name: "malformed env reference",
			yaml: validTask + "    s3: {endpoint: e, region: r, bucket: b, accessId: '${env:1BAD}', accessKey: '${env:OK}'}\n",
			want: []string{`11:55 schema.env-ref: accessId: malformed environment reference "${env:1BAD}"`},
		},
		{
			name: "bad version",
			yaml: strings.Replace(validTask, "version: 1", "version: 2", 1),
			want: []string{`1:10 schema.version: unsupported format version 2`},
		},
		{
			name: "missing version",
			yaml: strings.Replace(validTask, "version: 1\n", "", 1),
			want: []string{`1:1 schema.required: missing required key "version"`},
		},
		{
			name: "syntax error",
			yaml: "version: 1\ndeliveryTasks:\n  - name: [unclosed\n",
			want: []string{`3:0 schema.syntax: YAML syntax error: did not find expected ',' or ']'`},
		},
		{name: "empty file", yaml: "# only a comment\n", want: []string{`0:0 schema.empty-file: file is empty`}},
		{
			name: "bad timestamp",
			yaml: "version: 1\nexports:\n  - {name: e, topicId: t, query: q, count: 1, from: yesterday, to: 1}\n",
			want: []string{`3:47 schema.type: from: string "yesterday" is not a time`},
		},
		{
			name: "duplicate identity",
			yaml: validTask + strings.TrimPrefix(validTask, "version: 1\ndeliveryTasks:\n"),
			want: []string{`11:5 schema.duplicate: delivery task "t1" in zone zone-1 is declared twice: here and at f.yaml:3:5`},
		},
		{
			name: "merge keys",
			yaml: "version: 1\nx-common: &c {zoneId: z, type: cls}\n",
			want: []string{`2:1 schema.unknown-key: unknown key "x-common" in the top level`},
		},
		{
			name: "anchors and merge keys fill a task",
			yaml: "version: 1\ndeliveryTasks:\n  - &base {name: a, zoneId: z, type: cls, logType: l7-access-logs, area: mainland, entities: [d], fields: [f]}\n  - {<<: *base, name: b}\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := ParseBytes("f.yaml", []byte(tc.yaml))
			if diff := cmp.Diff(tc.want, diagLines(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnknownKeySuggestion(t *testing.T) {
	_, diags := ParseBytes("f.yaml", []byte(strings.Replace(validTask, "    area:", "    aera: x\n    area:", 1)))
	if len(diags) != 1 || diags[0].Detail != `did you mean "area"?` {
		t.Fatalf("got %+v", diags)
	}
}

func TestAliasBombIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, diags := ParseBytes("bomb.yaml", []byte(b.String()))
	found := false
	for _, d := range diags {
		found = found || d.Rule == "schema.alias-expansion"
	}
	if !found {
		t.Fatalf("alias bomb not refused: %v", diagLines(diags))
	}
}

func TestAliasCycles(t *testing.T) {
	for _, in := range []string{
		"version: 1\ndeliveryTasks:\n  - &a {<<: *a, zoneId: z}\n",
		"version: 1\ndelivsTykears:\n  - &a {<<: *a, zoneId: z}\n",
		"version: 1\ndeliveryTasks: &a [*a]\n",
		"version: 1\ndeliveryTasks:\n  - &a {name: [*a]}\n",
	} {
		_, diags := ParseBytes("f.yaml", []byte(in))
		found := false
		for _, d := range diags {
			found = found || d.Rule == "schema.alias-cycle"
		}
		if !found {
			t.Errorf("%q: cycle not reported: %v", in, diagLines(diags))
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	_, diags := ParseBytes("f.yaml", []byte("version: 1\nexports:\n  - name: \xff\xfe\n"))
	if got := diagLines(diags); len(got) != 1 || !strings.HasPrefix(got[0], "3:0 schema.encoding") {
		t.Fatalf("got %v", got)
	}
}

func TestLoadMergesFilesAndLocates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", validTask+"defaults:\n  tencent: {region: ap-guangzhou}\n")
	write("sub/b.yml", strings.Replace(validTask, "name: t1", "name: t2", 1)+
		"exports:\n  - {name: e, topicId: t, query: q, count: 1, from: 1, to: 2}\n")
	write("sub/c.yaml", validTask) // t1 again: a duplicate across files
	write(".hidden/x.yaml", "not: logctl\n")
	write("notes.txt", "ignored")

	doc, diags, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 3 || len(doc.DeliveryTasks) != 3 {
		t.Fatalf("files %v, tasks %d", doc.Files, len(doc.DeliveryTasks))
	}
	if doc.Exports[0].Region != "ap-guangzhou" {
		t.Errorf("default region not applied: %q", doc.Exports[0].Region)
	}
	if len(diags) != 1 || diags[0].Rule != "schema.duplicate" || !strings.Contains(diags[0].Summary, filepath.Join(dir, "a.yaml")+":3:5") {
		t.Fatalf("want one duplicate naming a.yaml:3:5, got %v", diagLines(diags))
	}
	if got, want := doc.Locate("deliveryTasks[1].cls.topicId"), (Pos{File: filepath.Join(dir, "sub/b.yml"), Line: 10, Column: 25}); got != want {
		t.Errorf("Locate = %v, want %v", got, want)
	}
	if got := doc.Locate("deliveryTasks[1].sample"); got.Line != 3 {
		t.Errorf("absent key should locate its resource, got %v", got)
	}
	kind, name, ok := doc.ResourceAt("deliveryTasks[1].fields[0]")
	if !ok || kind != KindDeliveryTask || name != "t2" {
		t.Errorf("ResourceAt = %v %v %v", kind, name, ok)
	}
	in := doc.Input()
	if tasks := in["deliveryTasks"].([]any); len(tasks) != 3 {
		t.Errorf("input has %d tasks", len(tasks))
	}
	if _, ok := in["defaults"].(map[string]any)["tencent"]; !ok {
		t.Errorf("input lacks defaults: %v", in["defaults"])
	}
}

func TestLoadMissingPath(t *testing.T) {
	_, _, err := Load([]string{filepath.Join(t.TempDir(), "nope")})
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("err = %v", err)
	}
}

func TestConflictingDefaults(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("version: 1\ndefaults: {tencent: {region: ap-guangzhou}}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("version: 1\ndefaults: {tencent: {region: ap-beijing}}\n"), 0o644)
	_, diags, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Rule != "schema.conflicting-default" || diags[0].Pos.File != filepath.Join(dir, "b.yaml") {
		t.Fatalf("got %v", diags)
	}
}

func TestResolve(t *testing.T) {
	src := validTask + "    customEndpoint: {url: 'https://x/${env:PATH_PART}', accessKey: '${env:KEY}'}\n"
	doc, diags := ParseBytes("f.yaml", []byte(src))
	if len(diags) != 0 {
		t.Fatal(diagLines(diags))
	}
	env := map[string]string{"PATH_PART": "ingest"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	res, diags := doc.Resolve(lookup)
	if got := diagLines(diags); len(got) != 1 || !strings.Contains(got[0], "KEY is not set") || !strings.HasPrefix(got[0], "11:57") {
		t.Fatalf("got %v", got)
	}
	if res.DeliveryTasks[0].CustomEndpoint.URL != "https://x/ingest" {
		t.Errorf("url = %q", res.DeliveryTasks[0].CustomEndpoint.URL)
	}
	if doc.DeliveryTasks[0].CustomEndpoint.URL != "https://x/${env:PATH_PART}" {
		t.Errorf("Resolve modified the original")
	}
	env["KEY"] = "s3cr3t"
	if _, diags := doc.Resolve(lookup); len(diags) != 0 {
		t.Errorf("unexpected %v", diags)
	}
}

// TestResolveSharesWhatHasNoReference: only resources with a reference are
// copied; the rest of the document is shared, not duplicated.
func TestResolveSharesWhatHasNoReference(t *testing.T) {
	src := validTask + `  - name: t2
    zoneId: zone-1
    type: custom_endpoint
    logType: l7-access-logs
    area: mainland
    entities: [b.example.com]
    fields: [RequestID]
    customEndpoint: {url: 'https://x/ingest', accessKey: '${env:KEY}'}
`
	doc, diags := ParseBytes("f.yaml", []byte(src))
	if len(diags) != 0 {
		t.Fatal(diagLines(diags))
	}
	res, diags := doc.Resolve(func(string) (string, bool) { return "s3cr3t", true })
	if len(diags) != 0 {
		t.Fatal(diagLines(diags))
	}
	if &res.DeliveryTasks[0] == &doc.DeliveryTasks[0] {
		t.Fatal("the task list was shared although a task holds a reference")
	}
	if &res.DeliveryTasks[0].Entities[0] != &doc.DeliveryTasks[0].Entities[0] {
		t.Error("a task without references was copied deeply")
	}
	if res.DeliveryTasks[1].CustomEndpoint == doc.DeliveryTasks[1].CustomEndpoint {
		t.Error("the part with a reference is shared with the original")
	}
	if &res.DeliveryTasks[1].Entities[0] != &doc.DeliveryTasks[1].Entities[0] {
		t.Error("a part without references of a task with one was copied")
	}
	if got := res.DeliveryTasks[1].CustomEndpoint.AccessKey; got != "s3cr3t" {
		t.Errorf("accessKey = %q", got)
	}
	if got := doc.DeliveryTasks[1].CustomEndpoint.AccessKey; got != "${env:KEY}" {
		t.Errorf("Resolve modified the original: accessKey = %q", got)
	}
	noRefs, _ := ParseBytes("f.yaml", []byte(validTask))
	res, _ = noRefs.Resolve(func(string) (string, bool) { return "", false })
	if &res.DeliveryTasks[0] != &noRefs.DeliveryTasks[0] {
		t.Error("a list without references was copied")
	}
}

func TestEnvRefs(t *testing.T) {
	for _, tc := range []struct {
		in    string
		exact bool
		names []string
		bad   string
	}{
		{in: "${env:A}", exact: true, names: []string{"A"}},
		{in: "Bearer ${env:TOKEN}", names: []string{"TOKEN"}},
		{in: "${batchSize}"},
		{in: "${env:}", bad: "${env:}"},
		{in: "${env:A", bad: "${env:A"},
		{in: "plain"},
		{in: "$${env:A}"},
		{in: "$${env:}"},
		{in: "$$${env:A}", names: []string{}},
		{in: "a $${env:A} ${env:B}", names: []string{"B"}},
	} {
		if tc.names != nil && len(tc.names) == 0 {
			tc.names = nil
		}
		if IsEnvRef(tc.in) != tc.exact || !cmp.Equal(EnvRefs(tc.in), tc.names) || malformedEnvRef(tc.in) != tc.bad {
			t.Errorf("%q: exact=%v names=%v bad=%q", tc.in, IsEnvRef(tc.in), EnvRefs(tc.in), malformedEnvRef(tc.in))
		}
	}
}

// TestEscape: "$${" is a literal "${"; Escape and resolution are inverse
// for every string, including ones that already hold escapes.
func TestEscape(t *testing.T) {
	env := func(name string) (string, bool) { return "<" + name + ">", name == "A" }
	for _, tc := range []struct{ in, want string }{
		{"$${env:A}", "${env:A}"},
		{"x ${env:A} $${batchSize}", "x <A> ${batchSize}"},
		{"$$${env:A}", "$${env:A}"},
		{"$$$${env:A}", "$$${env:A}"},
		{"${env:A}${env:A}", "<A><A>"},
		{"$ $$ $}", "$ $$ $}"},
		{"${batchSize}", "${batchSize}"},
	} {
		if got, missing := expandEnv(tc.in, env); got != tc.want || len(missing) > 0 {
			t.Errorf("expandEnv(%q) = %q, missing %v; want %q", tc.in, got, missing, tc.want)
		}
	}
	for _, s := range []string{"", "${env:A}", "$${env:A}", "a$", "$", "${", "$${", "${env:", "x${y}$${z}$$"} {
		if got, missing := expandEnv(Escape(s), env); got != s || len(missing) > 0 || malformedEnvRef(Escape(s)) != "" {
			t.Errorf("expandEnv(Escape(%q)) = %q (Escape: %q), missing %v", s, got, Escape(s), missing)
		}
	}
}

// TestAliasBudgetCountsOnlyExpansion: the nodes a file spells out never
// count against the alias budget (100,000 resources are millions of nodes);
// what aliases add does.
func TestAliasBudgetCountsOnlyExpansion(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string
		bombed bool
	}{
		{name: "many written nodes", yaml: validTask + strings.Repeat("  - {name: t, zoneId: z, entities: [a, b, c, d]}\n", 20)},
		{name: "few expanded nodes", yaml: validTask + "  - &t {name: t, zoneId: z}\n  - *t\n"},
		{name: "many expanded nodes", yaml: validTask + "  - &t {name: t, zoneId: z, entities: [a, b, c, d, e, f]}\n" + strings.Repeat("  - *t\n", 3), bombed: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.yaml), &doc); err != nil {
				t.Fatal(err)
			}
			root := doc.Content[0]
			d := newDecoder("f.yaml")
			d.budget = 10 // what aliases may add over both walks
			d.allowWalks(countNodes(root), 2)
			var f File
			d.decode(root, reflectValue(&f), "")
			d.toValue(root)
			if d.bombed != tc.bombed {
				t.Errorf("bombed = %v, want %v (diagnostics %v)", d.bombed, tc.bombed, diagLines(d.diags))
			}
		})
	}
}

// TestNestingIsBounded checks that values nested deeper than maxDepth are
// refused at the first level too deep, through aliases too, and that the
// deepest values of the format are not.
func TestNestingIsBounded(t *testing.T) {
	deepest := "version: 1\ndeliveryTasks:\n  - name: t\n    deliveryConditions:\n" +
		"      - conditions:\n          - {key: EdgeResponseStatusCode, operator: equal, value: [\"500\"]}\n"
	var chain strings.Builder
	chain.WriteString("version: 1\nx0: &a0 []\n")
	for i := 1; i <= maxDepth+2; i++ {
		fmt.Fprintf(&chain, "x%d: &a%d [*a%d]\n", i, i, i-1)
	}
	tests := []struct {
		name, in string
		line     int // of the finding; 0: none
	}{
		{"the format's deepest value", deepest, 0},
		{"flow lists", "version: 1\ndeliveryTasks:\n  - fields: " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "\n", 3},
		{"block lists", "version: 1\nscopes:\n" + nestedBlock(maxDepth+1), maxDepth + 2},
		{"aliases", chain.String(), 2}, // at the anchored value that ends up too deep
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := ParseBytes("deep.yaml", []byte(tc.in))
			var got []Diagnostic
			for _, d := range diags {
				if d.Rule == "schema.too-deep" {
					got = append(got, d)
				}
			}
			switch {
			case tc.line == 0 && len(got) > 0:
				t.Fatalf("refused: %v", diagLines(diags))
			case tc.line > 0 && len(got) != 1:
				t.Fatalf("want one schema.too-deep finding, got %v", diagLines(diags))
			case tc.line > 0 && got[0].Pos.Line != tc.line:
				t.Errorf("finding at line %d, want %d", got[0].Pos.Line, tc.line)
			}
		})
	}
}

// nestedBlock is a block-style list of lists, depth levels below the root.
func nestedBlock(depth int) string {
	var b strings.Builder
	for i := range depth - 1 {
		b.WriteString(strings.Repeat("  ", i) + "-\n")
	}
	b.WriteString(strings.Repeat("  ", depth-1) + "- x\n")
	return b.String()
}
