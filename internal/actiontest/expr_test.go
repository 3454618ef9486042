package actiontest

import (
	"strings"
	"testing"
)

func TestEval(t *testing.T) {
	ctx := Contexts{
		"inputs": map[string]any{"command": "plan", "comment": "true", "empty": ""},
		"github": map[string]any{"event_name": "pull_request", "event": map[string]any{"pull_request": map[string]any{"number": 7.0}}},
		"steps":  map[string]any{"resolve": map[string]any{"outputs": map[string]any{"mode": "release", "cache-key": "k"}}},
		"env":    map[string]any{},
	}
	tests := []struct {
		expr string
		want any
	}{
		{"inputs.command", "plan"},
		{"inputs.command == 'PLAN'", true}, // strings compare case-insensitively
		{"inputs.command != 'plan'", false},
		{"steps.resolve.outputs.mode == 'release' && inputs.comment == 'true'", true},
		{"steps.resolve.outputs.cache-key", "k"},
		{"steps.resolve.outputs.missing != 'true'", true}, // a missing output is null
		{"inputs.empty || 'fallback'", "fallback"},
		{"inputs.command && inputs.empty", ""},
		{"!(inputs.command == 'lint')", true},
		{"github.event.pull_request.number == 7", true},
		{"github.event.pull_request.number == '7'", true},
		{"success() && !failure()", true},
		{"always()", true},
		{"'it''s'", "it's"},
		{"null == ''", true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := Eval(tt.expr, ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestEvalRefuses(t *testing.T) {
	ctx := Contexts{"inputs": map[string]any{"command": "plan"}, "steps": map[string]any{}}
	tests := []struct{ expr, want string }{
		{"secrets.TOKEN", `context "secrets" is not available`},
		{"inputs.comand", "inputs.comand is not declared"},
		{"steps.nope.outputs.x", "steps.nope is not declared"},
		{"toJSON(inputs)", "arguments are not supported"},
		{"hashFiles()", "not supported by the test evaluator"},
		{"inputs.command[0]", "unsupported character"},
		{"inputs.command < 'b'", "unsupported character"},
		{"(inputs.command", "missing )"},
		{"'open", "unterminated string"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, err := Eval(tt.expr, ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestInterpolate(t *testing.T) {
	ctx := Contexts{"inputs": map[string]any{"a": "x", "n": 2.0, "b": true}}
	got, err := Interpolate("a=${{ inputs.a }} n=${{inputs.n}} b=${{ inputs.b }}", ctx)
	if err != nil || got != "a=x n=2 b=true" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := Interpolate("${{ inputs.a", ctx); err == nil {
		t.Fatal("an unterminated ${{ was accepted")
	}
}
