package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/spec"
)

func TestSortFindings(t *testing.T) {
	at := func(file string, line, col int, rule, path string) Finding {
		return Finding{Rule: rule, Pos: spec.Pos{File: file, Line: line, Column: col}, Path: path}
	}
	tests := []struct {
		name     string
		in, want []Finding
	}{
		{
			name: "file, then line, then column",
			in:   []Finding{at("b.yaml", 1, 1, "r", ""), at("a.yaml", 9, 1, "r", ""), at("a.yaml", 2, 7, "r", ""), at("a.yaml", 2, 3, "r", "")},
			want: []Finding{at("a.yaml", 2, 3, "r", ""), at("a.yaml", 2, 7, "r", ""), at("a.yaml", 9, 1, "r", ""), at("b.yaml", 1, 1, "r", "")},
		},
		{
			name: "same place: by rule, then path",
			in:   []Finding{at("a.yaml", 5, 5, "teo.z", "p"), at("a.yaml", 5, 5, "teo.a", "q"), at("a.yaml", 5, 5, "teo.a", "p")},
			want: []Finding{at("a.yaml", 5, 5, "teo.a", "p"), at("a.yaml", 5, 5, "teo.a", "q"), at("a.yaml", 5, 5, "teo.z", "p")},
		},
		{
			name: "file-level findings (line 0) come first in their file",
			in:   []Finding{at("a.yaml", 3, 1, "r", ""), at("a.yaml", 0, 0, "r", "")},
			want: []Finding{at("a.yaml", 0, 0, "r", ""), at("a.yaml", 3, 1, "r", "")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sortFindings(tc.in)
			if diff := cmp.Diff(tc.want, tc.in); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeResults(t *testing.T) {
	r := &ruleRef{pkg: "logctl.acme", name: "deny_prefix", severity: SeverityError}
	tests := []struct {
		name    string
		in      any
		want    []rawFinding
		wantErr bool
	}{
		{"string result", []any{"plain message"}, []rawFinding{{rule: r, id: "acme.prefix", msg: "plain message"}}, false},
		{"object result", []any{map[string]any{"msg": "m", "rule": "acme.x", "path": "exports[0]"}}, []rawFinding{{rule: r, id: "acme.x", msg: "m", path: "exports[0]"}}, false},
		{"object with a hint", []any{map[string]any{"msg": "m", "hint": "use https://"}}, []rawFinding{{rule: r, id: "acme.prefix", msg: "m", hint: "use https://"}}, false},
		{"object without rule", []any{map[string]any{"msg": "m"}}, []rawFinding{{rule: r, id: "acme.prefix", msg: "m"}}, false},
		{"object without msg", []any{map[string]any{"rule": "x"}}, nil, true},
		{"number", []any{42.0}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeResults(r, tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(rawFinding{}), cmp.Comparer(func(a, b *ruleRef) bool { return a == b })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	from := []any{"ClientIP", "RequestID", "RequestHost"}
	cases := []struct {
		name    string
		suggest any
		want    string
	}{
		{"case typo", map[string]any{"value": "ClientIp", "from": from}, ` (did you mean "ClientIP"?)`},
		{"one letter off", map[string]any{"value": "RequestHots", "from": from}, ` (did you mean "RequestHost"?)`},
		{"nothing close", map[string]any{"value": "Zzzzzzzz", "from": from}, ""},
		{"no key", nil, ""},
		{"not a list", map[string]any{"value": "ClientIp", "from": "ClientIP"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := didYouMean(tc.suggest); got != tc.want {
				t.Errorf("didYouMean = %q, want %q", got, tc.want)
			}
		})
	}
}
