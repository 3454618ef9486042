package spec

import (
	"fmt"
	"strings"
	"testing"
)

// TestSyntaxErrorLine: a YAML syntax error is reported on the line where
// the problem is, not where yaml.v3's enclosing construct starts.
func TestSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string // line:column summary
	}{
		{
			name: "key indented less than its siblings",
			yaml: "version: 1\ndeliveryTasks:\n  - name: t1\n    zoneId: z\n   type: cls\n    area: x\n",
			want: "5:0 YAML syntax error: did not find expected '-' indicator",
		},
		{
			name: "key indented more than its siblings",
			yaml: "version: 1\ndeliveryTasks:\n  - name: t1\n    zoneId: z\n      type: cls\n",
			want: "5:0 YAML syntax error: mapping values are not allowed in this context",
		},
		{
			name: "list item out of its list",
			yaml: "version: 1\ndeliveryTasks:\n  - name: a\n  zoneId: b\n",
			want: "4:0 YAML syntax error: did not find expected '-' indicator",
		},
		{
			name: "tab as indentation",
			yaml: "version: 1\ndeliveryTasks:\n  - name: t1\n    zoneId: z\n\ttype: cls\n",
			want: "5:1 YAML syntax error: found a tab character that violates indentation",
		},
		{
			name: "tab after spaces in a list, and a harmless tab before it",
			yaml: "version: 1\ndeliveryTasks:\n  - name: t1\n    type:\tcls\n    entities:\n  \t- x\n",
			want: "6:0 YAML syntax error: found character that cannot start any token",
		},
		{
			name: "unclosed flow list",
			yaml: "version: 1\ndeliveryTasks:\n  - name: [unclosed\n    zoneId: z\n    type: cls\n",
			want: "3:0 YAML syntax error: did not find expected ',' or ']'",
		},
		{
			name: "problem on the reported line",
			yaml: "version: 1\ndeliveryTasks:\n  - name: a: b\n",
			want: "3:0 YAML syntax error: mapping values are not allowed in this context",
		},
		{
			name: "after a valid multi-line flow list",
			yaml: "version: 1\ndeliveryTasks:\n  - fields: [a,\n      b]\n    name: x\n   type: cls\n",
			want: "6:0 YAML syntax error: did not find expected '-' indicator",
		},
		{
			name: "second document",
			yaml: "version: 1\n---\nversion: 1\ndeliveryTasks:\n  - name: t1\n    zoneId: z\n   type: cls\n",
			want: "7:0 YAML syntax error: did not find expected '-' indicator",
		},
		{
			name: "deep in a long list",
			yaml: "version: 1\ndeliveryTasks:\n" + strings.Repeat("  - name: t\n    zoneId: z\n", 5000) + "   type: cls\n",
			want: "10003:0 YAML syntax error: did not find expected '-' indicator",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := ParseBytes("f.yaml", []byte(tc.yaml))
			if len(diags) != 1 || diags[0].Rule != "schema.syntax" {
				t.Fatalf("diagnostics %v, want one syntax error", diagLines(diags))
			}
			d := diags[0]
			if got := fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Column, d.Summary); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// BenchmarkSyntaxErrorLine is the bisection on the largest file it runs on,
// with the problem on the last line of a list that starts on line 2.
func BenchmarkSyntaxErrorLine(b *testing.B) {
	task := "  - name: t\n    zoneId: z\n    type: cls\n    fields: [a, b, c]\n"
	data := []byte("version: 1\ndeliveryTasks:\n" + strings.Repeat(task, bisectLimit/len(task)-1) + "   type: cls\n")
	for b.Loop() {
		if _, diags := ParseBytes("f.yaml", data); len(diags) != 1 || diags[0].Pos.Line < 100 {
			b.Fatalf("diagnostics %v", diagLines(diags))
		}
	}
}
