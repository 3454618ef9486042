package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/mdsafe"
)

// renderPlanMarkdown writes a summary table, then one <details> section per
// changed resource with its field changes as a diff block, then the
// unmanaged resources.
func renderPlanMarkdown(w io.Writer, p *diff.Plan, opts PlanOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n\n", PlanMarkdownSummary(p))
	for _, c := range p.Changes {
		if c.Action == diff.ActionNoop && !opts.ShowNoop {
			continue
		}
		fmt.Fprintln(bw, PlanMarkdownChange(c))
	}
	for _, n := range p.Notes {
		fmt.Fprintf(bw, "> **Note:** %s\n\n", mdsafe.EscapeMarkdown(n))
	}
	if len(p.Unmanaged) > 0 {
		fmt.Fprintf(bw, "<details><summary>%s (declared in no file, outside every scope; left alone)</summary>\n\n", Count(len(p.Unmanaged), "unmanaged resource"))
		fmt.Fprintln(bw, "| kind | name | where | id |\n|---|---|---|---|")
		for _, r := range p.Unmanaged {
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", r.Kind, mdsafe.TableCodeSpan(r.Name),
				mdsafe.EscapeTableCell(r.Place.String()), mdsafe.TableCodeSpan(r.LiveID))
		}
		fmt.Fprint(bw, "\n</details>\n\n")
	}
	return bw.Flush()
}

// PlanMarkdownSummary is the summary table of a plan, with its closing line
// and the safety valve's warning when it refuses a scope.
func PlanMarkdownSummary(p *diff.Plan) string {
	s := p.Summary
	var b strings.Builder
	b.WriteString("| action | count |\n|---|---:|\n")
	fmt.Fprintf(&b, "| ➕ create | %d |\n| 🔄 update | %d |\n| ♻️ replace | %d |\n| ➖ delete | %d |\n| unchanged | %d |\n",
		s.Create, s.Update, s.Replace, s.Delete, s.Noop)
	fmt.Fprintf(&b, "\n**%s**", PlanSummaryLine(s))
	if warn := SafetyWarning(p); warn != "" {
		// A GitHub alert block: reviewers see it before they approve.
		fmt.Fprintf(&b, "\n\n> [!WARNING]\n> ⛔ %s", mdsafe.EscapeMarkdown(warn))
	}
	return b.String()
}

// PlanMarkdownChange is one change as a collapsible section. User strings
// are escaped so they cannot inject Markdown or HTML.
func PlanMarkdownChange(c diff.Change) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary><code>%s</code> %s <b>%s</b>%s %s</summary>\n\n",
		symbol(c.Action), c.Kind, mdsafe.EscapeHTML(c.Name), mdsafe.EscapeHTML(where(c.Place)), verb(c.Action))
	if why := changeWhy(c); why != "" {
		fmt.Fprintf(&b, "%s\n\n", mdsafe.EscapeMarkdown(why))
	}
	var lines []string
	for _, fc := range c.Fields {
		lines = append(lines, markdownFieldLines(fc)...)
	}
	if len(lines) > 0 {
		b.WriteString(mdsafe.CodeBlock(strings.Join(lines, "\n"), "diff"))
		b.WriteString("\n")
	}
	b.WriteString("</details>\n")
	return b.String()
}

func markdownFieldLines(fc diff.FieldChange) []string {
	note := ""
	if fc.ForcesReplace {
		note = "  # forces replacement"
	}
	switch {
	case fc.Before == "":
		return []string{fmt.Sprintf("+ %s: %s%s", fc.Path, fc.After, note)}
	case fc.After == "":
		return []string{fmt.Sprintf("- %s: %s%s", fc.Path, fc.Before, note)}
	case isLong(fc):
		out := []string{fmt.Sprintf("! %s:%s", fc.Path, note)}
		for _, l := range lineDiff(unquote(fc.Before), unquote(fc.After)) {
			out = append(out, l)
		}
		return out
	}
	return []string{fmt.Sprintf("- %s: %s%s", fc.Path, fc.Before, note), fmt.Sprintf("+ %s: %s", fc.Path, fc.After)}
}
