package actiontest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Contexts are the values expressions can read, by context name (inputs,
// github, runner, env, steps). Objects are map[string]any.
type Contexts map[string]any

// status is the job status the status functions read.
type status struct{ failed bool }

// Eval evaluates one expression (the text inside ${{ }}).
func Eval(expr string, ctx Contexts) (any, error) {
	return evalStatus(expr, ctx, status{})
}

func evalStatus(expr string, ctx Contexts, st status) (any, error) {
	toks, err := lex(expr)
	if err != nil {
		return nil, fmt.Errorf("expression %q: %w", expr, err)
	}
	p := &parser{toks: toks, ctx: ctx, st: st}
	v, err := p.or()
	if err == nil && p.pos < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	if err != nil {
		return nil, fmt.Errorf("expression %q: %w", expr, err)
	}
	return v, nil
}

// Interpolate replaces every ${{ expr }} in s by its value as a string.
func Interpolate(s string, ctx Contexts) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return "", fmt.Errorf("unterminated ${{ in %q", s)
		}
		v, err := Eval(s[i+3:i+j], ctx)
		if err != nil {
			return "", err
		}
		str, err := toString(v)
		if err != nil {
			return "", err
		}
		b.WriteString(s[:i])
		b.WriteString(str)
		s = s[i+j+2:]
	}
}

// Truthy is GitHub's coercion to boolean: false, 0, "" and null are false.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case string:
		return x != ""
	}
	return true
}

func toString(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case string:
		return x, nil
	}
	return "", fmt.Errorf("an object cannot be interpolated as a string (the evaluator has no toJSON)")
}

// equal is GitHub's loose equality: strings compare case-insensitively,
// other mixes compare as numbers.
func equal(a, b any) bool {
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return strings.EqualFold(sa, sb)
		}
	}
	if _, ok := a.(map[string]any); ok {
		return false
	}
	if _, ok := b.(map[string]any); ok {
		return false
	}
	return toNumber(a) == toNumber(b)
}

func toNumber(v any) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case bool:
		if x {
			return 1
		}
		return 0
	case float64:
		return x
	case string:
		if strings.TrimSpace(x) == "" {
			return 0
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return math.NaN()
		}
		return f
	}
	return math.NaN()
}
