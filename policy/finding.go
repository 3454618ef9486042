package policy

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/logctl/logctl/spec"
)

// Severity says whether a finding fails the lint ("error") or only informs
// ("warning"). deny_* and violation_* rules yield errors, warn_* warnings.
type Severity string

// The two severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one result of a deny or warn rule, placed at the YAML key its
// path names.
type Finding struct {
	Rule     string // rule id, e.g. "teo.sample-range"
	Severity Severity
	Message  string
	Hint     string // how to fix it, when the rule or the loader says; "" otherwise
	Pos      spec.Pos
	Kind     spec.Kind // "" when the path is not inside a resource
	Name     string    // resource name, when Kind is set
	Path     string    // e.g. "deliveryTasks[3].sample"
	Waived   bool      // an exception covers it: shown, but it fails nothing
	WaivedBy string    // which exception, e.g. "data.logctl.teo.exception (acme/waivers.rego:9)"
}

// SortByPosition orders findings by file, line, column and rule, and keeps
// the order of findings equal in those: the loader's diagnostics stay before
// the policies' findings at the same key.
func SortByPosition(fs []Finding) { slices.SortStableFunc(fs, byPosition) }

// byPosition compares findings by file, line, column and rule.
func byPosition(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Rule, b.Rule),
	)
}

// Sort orders findings by file, line, column and rule; the rest of the
// fields only break ties so that output is byte-for-byte stable whatever
// order they came in.
func Sort(fs []Finding) { sortFindings(fs) }

// sortFindings orders findings by file, line, column and rule; the rest of
// the fields only break ties so that output is byte-for-byte stable.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(byPosition(a, b), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message))
	})
}

// rawFinding is a rule result before it is placed in the document.
type rawFinding struct {
	rule *ruleRef
	id   string
	msg  string
	hint string
	path string
}

// decodeResults turns the value of one rule into raw findings. A rule may
// yield conftest's shapes: a set of strings (deny contains msg) or of
// objects with "msg" and optional "rule", "path" and "hint".
func decodeResults(r *ruleRef, v any) ([]rawFinding, error) {
	var out []rawFinding
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		for _, item := range v {
			f, err := decodeResult(r, item)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	default:
		f, err := decodeResult(r, v)
		if err != nil {
			return nil, err
		}
		return []rawFinding{f}, nil
	}
}

func decodeResult(r *ruleRef, v any) (rawFinding, error) {
	f := rawFinding{rule: r, id: r.defaultID()}
	switch v := v.(type) {
	case string:
		f.msg = v
	case map[string]any:
		msg, ok := v["msg"].(string)
		if !ok {
			return f, fmt.Errorf("%s: a result object needs a string \"msg\"", r.ref())
		}
		f.msg = msg
		if id, ok := v["rule"].(string); ok && id != "" {
			f.id = id
		}
		if p, ok := v["path"].(string); ok {
			f.path = p
		}
		if h, ok := v["hint"].(string); ok {
			f.hint = spec.ClipText(h)
		}
		f.msg += didYouMean(v["suggest"])
	default:
		return f, fmt.Errorf("%s: a result must be a string or an object with \"msg\", got %T", r.ref(), v)
	}
	f.msg = spec.ClipText(f.msg) // a rule may quote a value of any size
	return f, nil
}

// didYouMean reads a result's optional "suggest": {"value": v, "from":
// [names]} and returns ` (did you mean "name"?)` for the name closest to v,
// or "". Rego has no edit distance; conftest, which ignores the key, shows
// the message without it.
func didYouMean(s any) string {
	m, _ := s.(map[string]any)
	v, _ := m["value"].(string)
	from, _ := m["from"].([]any)
	if v == "" || len(from) == 0 {
		return ""
	}
	names := make([]string, 0, len(from))
	for _, x := range from {
		if n, ok := x.(string); ok {
			names = append(names, n)
		}
	}
	if best := spec.Suggest(v, names); best != "" && best != v {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// place resolves a raw finding's path against the loaded document.
func place(doc *spec.Document, f rawFinding) Finding {
	out := Finding{Rule: f.id, Severity: f.rule.severity, Message: f.msg, Hint: f.hint, Path: f.path}
	out.Pos = doc.Locate(f.path)
	if kind, name, ok := doc.ResourceAt(f.path); ok {
		out.Kind, out.Name = kind, name
	}
	return out
}
