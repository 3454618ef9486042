package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
)

// PlanOptions are what the plan renderers need beyond the plan.
type PlanOptions struct {
	// Color turns on ANSI colors in the text format.
	Color bool
	// ShowNoop lists unchanged resources too (text and markdown).
	ShowNoop bool
	// Findings are the lint findings of the run: the JSON document
	// carries them beside the plan.
	Findings []policy.Finding
}

type planRenderer func(w io.Writer, p *diff.Plan, opts PlanOptions) error

func planRenderers() map[string]planRenderer {
	return map[string]planRenderer{
		"text":     renderPlanText,
		"markdown": renderPlanMarkdown,
		"json":     renderPlanJSON,
	}
}

// PlanFormats returns the names of the plan formats, the default first.
func PlanFormats() []string { return []string{"text", "markdown", "json"} }

// Plan writes the plan in the named format.
func Plan(w io.Writer, format string, p *diff.Plan, opts PlanOptions) error {
	r, ok := planRenderers()[format]
	if !ok {
		return fmt.Errorf("unknown plan format %q (want one of %s)", format, strings.Join(PlanFormats(), ", "))
	}
	return r(w, p, opts)
}

// planDocument is `plan -o json`: the plan (diff.Plan, format
// diff.FormatVersion) with the lint findings of the run. When lint fails
// there is no plan: the document has formatVersion and findings only.
type planDocument struct {
	FormatVersion string        `json:"formatVersion"`
	Findings      []jsonFinding `json:"findings"`
	*diff.Plan
}

func renderPlanJSON(w io.Writer, p *diff.Plan, opts PlanOptions) error {
	return writeJSON(w, planDocument{FormatVersion: diff.FormatVersion, Findings: toJSONFindings(opts.Findings), Plan: p})
}

// PlanLintFailedJSON is what `plan -o json` prints when lint fails: the
// findings and no plan, so that a script reads why (exit 3) from stdout.
func PlanLintFailedJSON(w io.Writer, findings []policy.Finding) error {
	sorted := append([]policy.Finding(nil), findings...)
	SortFindings(sorted)
	return writeJSON(w, planDocument{FormatVersion: diff.FormatVersion, Findings: toJSONFindings(sorted)})
}

// PlanSummaryLine is the closing line of a plan, as Terraform users expect.
func PlanSummaryLine(s diff.Summary) string {
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to replace, %d to delete.",
		s.Create, s.Update, s.Replace, s.Delete)
}

// SafetyWarning is what plan says when the safety valve (evaluated by
// diff.EvaluateSafety exactly as apply evaluates it) refuses a scope, or ""
// when it refuses none.
func SafetyWarning(p *diff.Plan) string {
	var why []string
	for _, st := range p.Scopes {
		if st.Refused {
			why = append(why, st.Refusal())
		}
	}
	if len(why) == 0 {
		return ""
	}
	return "apply will refuse this plan without --force: " + strings.Join(why, "; ")
}

// where is " in <place>" for a change's header, or "".
func where(pl diff.Place) string {
	if s := pl.String(); s != "" {
		return " in " + s
	}
	return ""
}

// symbol is the plan symbol of an action.
func symbol(a diff.Action) string {
	switch a {
	case diff.ActionCreate:
		return "+"
	case diff.ActionUpdate:
		return "~"
	case diff.ActionReplace:
		return "-/+"
	case diff.ActionDelete:
		return "-"
	}
	return " "
}

// verb describes what happens to the resource.
func verb(a diff.Action) string {
	switch a {
	case diff.ActionCreate:
		return "will be created"
	case diff.ActionUpdate:
		return "will be updated in place"
	case diff.ActionReplace:
		return "must be replaced"
	case diff.ActionDelete:
		return "will be deleted"
	}
	return "is up to date"
}

// changeWhy is the reason of a change, with the order of a replace: the
// user should know whether delivery pauses in between.
func changeWhy(c diff.Change) string {
	switch c.ReplaceOrder {
	case diff.CreateThenDelete:
		return c.Reason + "; the new one is created before the old one is deleted"
	case diff.DeleteThenCreate:
		return c.Reason + "; the old one must be deleted first, so delivery pauses in between"
	}
	return c.Reason
}

// isLong decides when a changed value is shown as a line diff rather than
// "before → after": multi-line values and long strings such as queries.
func isLong(fc diff.FieldChange) bool {
	return !fc.Sensitive && (len(fc.Before) > 60 || len(fc.After) > 60 ||
		strings.Contains(fc.Before, `\n`) || strings.Contains(fc.After, `\n`))
}

// unquote turns a JSON-encoded string back into text for line diffs; other
// JSON values are returned as they are.
func unquote(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}
