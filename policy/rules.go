package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Conftest's rule-name conventions (policy/engine.go in conftest): a rule
// named deny, violation or warn, optionally followed by _name parts.
var (
	failureName = regexp.MustCompile(`^(deny|violation)(_[a-zA-Z0-9]+)*$`)
	warningName = regexp.MustCompile(`^warn(_[a-zA-Z0-9]+)*$`)
)

// namespacePrefix is where policies live: every package under it is evaluated.
const namespacePrefix = "logctl."

// RuleMeta describes a rule from its # METADATA block, for SARIF rule
// descriptors and documentation.
type RuleMeta struct {
	ID          string // e.g. "teo.sample-range"
	Title       string
	Description string
	Severity    Severity
	Source      string // the vendor document and section the rule enforces
	URL         string // first related_resources entry, if any
	Package     string // e.g. "logctl.teo"
	Name        string // Rego rule name, e.g. "deny_sample_range"
	Builtin     bool
}

// ruleRef is one deny/warn rule of one package, as evaluated.
type ruleRef struct {
	pkg      string // "logctl.teo"
	name     string // "deny_sample_range"
	severity Severity
	meta     *RuleMeta // nil when the rule has no METADATA with custom.id
}

func (r *ruleRef) ref() string { return "data." + r.pkg + "." + r.name }

// suffix is the name conftest matches against exception entries.
func (r *ruleRef) suffix() string {
	if r.name == "deny" || r.name == "violation" || r.name == "warn" {
		return ""
	}
	for _, p := range []string{"violation_", "deny_", "warn_"} {
		if s, ok := strings.CutPrefix(r.name, p); ok {
			return s
		}
	}
	return r.name
}

// defaultID names findings whose result object carries no "rule": the
// METADATA id, else the package (without "logctl.") and the rule suffix.
func (r *ruleRef) defaultID() string {
	if r.meta != nil && r.meta.ID != "" {
		return r.meta.ID
	}
	short := strings.TrimPrefix(r.pkg, namespacePrefix)
	if s := r.suffix(); s != "" {
		return short + "." + s
	}
	return short
}

// packageName turns data.logctl.teo into logctl.teo.
func packageName(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}

// discoverRules lists the deny/warn rules of every logctl.* package, with
// their METADATA, in a stable order. Test modules are not passed in.
func discoverRules(c *ast.Compiler, user map[string]bool) []*ruleRef {
	metas := ruleMetas(c, user)
	seen := map[string]*ruleRef{}
	for _, m := range c.Modules {
		pkg := packageName(m)
		if !strings.HasPrefix(pkg, namespacePrefix) {
			continue
		}
		for _, rule := range m.Rules {
			name := rule.Head.Name.String()
			if name == "" && len(rule.Head.Reference) > 0 {
				name = rule.Head.Reference[0].Value.(ast.Var).String()
			}
			sev, ok := severityOf(name)
			if !ok {
				continue
			}
			r := &ruleRef{pkg: pkg, name: name, severity: sev}
			if prev, dup := seen[r.ref()]; dup {
				r = prev
			} else {
				seen[r.ref()] = r
			}
			if r.meta == nil {
				r.meta = metas[rule]
			}
		}
	}
	out := make([]*ruleRef, 0, len(seen))
	for _, r := range seen {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *ruleRef) int { return strings.Compare(a.ref(), b.ref()) })
	return out
}

func severityOf(name string) (Severity, bool) {
	switch {
	case failureName.MatchString(name):
		return SeverityError, true
	case warningName.MatchString(name):
		return SeverityWarning, true
	}
	return "", false
}

// ruleMetas reads the rule-scoped METADATA blocks that carry custom.id.
func ruleMetas(c *ast.Compiler, user map[string]bool) map[*ast.Rule]*RuleMeta {
	out := map[*ast.Rule]*RuleMeta{}
	as := c.GetAnnotationSet()
	if as == nil {
		return out
	}
	builtin := map[*ast.Module]bool{}
	for name, m := range c.Modules {
		builtin[m] = !user[name]
	}
	for _, ref := range as.Flatten() {
		a := ref.Annotations
		rule := ref.GetRule()
		if rule == nil || a == nil || a.Scope != "rule" {
			continue
		}
		id, _ := a.Custom["id"].(string)
		if id == "" {
			continue
		}
		meta := &RuleMeta{
			ID:          id,
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			Package:     strings.TrimPrefix(rule.Module.Package.Path.String(), "data."),
			Name:        rule.Head.Name.String(),
			Builtin:     builtin[rule.Module],
		}
		meta.Severity, _ = severityOf(meta.Name)
		if s, ok := a.Custom["severity"].(string); ok {
			meta.Severity = Severity(s)
		}
		if src, ok := a.Custom["source"]; ok {
			meta.Source = fmt.Sprint(src)
		}
		meta.URL = firstResource(a)
		if meta.URL == "" {
			// Rules inherit the vendor page of their package.
			meta.URL = firstResource(as.GetPackageScope(rule.Module.Package))
		}
		out[rule] = meta
	}
	return out
}

func firstResource(a *ast.Annotations) string {
	if a == nil || len(a.RelatedResources) == 0 {
		return ""
	}
	return a.RelatedResources[0].Ref.String()
}
