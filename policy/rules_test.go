package policy

import (
	"strings"
	"testing"
)

// TestBuiltinRulesAreDocumentedAndTested holds every built-in rule to the
// house rules: METADATA with id, title, severity and vendor source, an id
// in its package's namespace, a severity that matches its deny_/warn_ name,
// and a failing and a passing Rego test (test_<name>_fails/_passes).
func TestBuiltinRulesAreDocumentedAndTested(t *testing.T) {
	e := newEngine(t)
	mods, err := builtinModules(true)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{}
	for name, m := range mods {
		if !isTestFile(name) {
			continue
		}
		for _, r := range m.Rules {
			tests[r.Head.Name.String()] = true
		}
	}
	ids := map[string]string{}
	for _, r := range e.rules {
		if r.meta == nil {
			if raisedForm(e.rules, r) {
				continue // documented and tested with its warn_ form
			}
			t.Errorf("%s: no METADATA with custom.id", r.ref())
			continue
		}
		m := r.meta
		short := strings.TrimPrefix(r.pkg, namespacePrefix)
		short, _, _ = strings.Cut(short, ".")
		if !strings.HasPrefix(m.ID, short+".") {
			t.Errorf("%s: id %q is not in the %s. namespace", r.ref(), m.ID, short)
		}
		if prev, dup := ids[m.ID]; dup {
			t.Errorf("%s: id %q already used by %s", r.ref(), m.ID, prev)
		}
		ids[m.ID] = r.ref()
		if m.Title == "" || m.Source == "" {
			t.Errorf("%s: METADATA needs a title and custom.source, got %+v", r.ref(), m)
		}
		// Rules on vendor rules link the vendor page; logctl's own (scopes) need not.
		if m.URL == "" && !strings.HasPrefix(m.Source, "logctl design") {
			t.Errorf("%s: no related resource (vendor page) on the rule or its package", r.ref())
		}
		if m.Severity != r.severity {
			t.Errorf("%s: METADATA severity %q, but the rule name makes it %q", r.ref(), m.Severity, r.severity)
		}
		if !m.Builtin {
			t.Errorf("%s: not marked built-in", r.ref())
		}
		for _, kind := range []string{"fails", "passes"} {
			if name := "test_" + r.suffix() + "_" + kind; !tests[name] {
				t.Errorf("%s: no Rego test %s", r.ref(), name)
			}
		}
	}
	if len(ids) < 40 {
		t.Errorf("only %d built-in rules found", len(ids))
	}
	if got := e.Rules(); len(got) != len(ids) {
		t.Errorf("Rules() lists %d rules, want %d", len(got), len(ids))
	}
}

// raisedForm reports whether r is the deny_ twin of a documented warn_ rule
// of its package: the form a team's configuration raises to an error
// (privacy.*), which shares the warn_ rule's id, METADATA and tests.
func raisedForm(rules []*ruleRef, r *ruleRef) bool {
	suffix, ok := strings.CutPrefix(r.name, "deny_")
	if !ok {
		return false
	}
	for _, w := range rules {
		if w.pkg == r.pkg && w.name == "warn_"+suffix && w.meta != nil {
			return true
		}
	}
	return false
}
