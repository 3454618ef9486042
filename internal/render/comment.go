package render

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/internal/mdsafe"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// CommentSection is one block of the pull-request comment. The caller fits
// the blocks into GitHub's size limit, dropping droppable ones with the
// lowest priority first.
type CommentSection struct {
	Markdown  string
	Priority  int
	Droppable bool
}

// CommentOptions say what the comment is about.
type CommentOptions struct {
	// Dir is the config directory the comment is for.
	Dir string
	// Link returns a URL for file:line (the PR head commit), or "".
	Link func(file string, line int) string
	// Desired gives the "what data goes where" table its destinations.
	Desired *spec.Document
	// DataChanges, when set, is the change of the data map from the live
	// to the desired state (datamap.Compare). It replaces the table of
	// changed tasks with the flows added, removed and widened, and a
	// diagram; only flows of resources the plan acts on are shown (a live
	// resource outside every scope stays as it is). Nil keeps the table
	// built from Desired.
	DataChanges []datamap.Change
}

// Priorities of the droppable sections: what matters most to a reviewer
// is kept longest.
var changePriority = map[diff.Action]int{
	diff.ActionDelete: 40, diff.ActionReplace: 30, diff.ActionCreate: 20, diff.ActionUpdate: 10,
}

// CommentSections renders lint findings and the plan as the sections of one
// sticky PR comment: a header with the result, the findings table, the
// "what data goes where" table, then one <details> per change.
func CommentSections(p *diff.Plan, findings []policy.Finding, opts CommentOptions) []CommentSection {
	secs := []CommentSection{{Markdown: commentHeader(p, findings, opts.Dir)}}
	if len(findings) > 0 {
		secs = append(secs, CommentSection{Markdown: findingsTable(findings, opts.Link)})
	}
	if p == nil {
		return secs
	}
	if opts.DataChanges != nil {
		secs = append(secs, DataMapChangeSections(plannedFlows(opts.DataChanges, p))...)
	} else if t := dataFlowTable(p, opts.Desired); t != "" {
		secs = append(secs, CommentSection{Markdown: t, Priority: dataTablePriority, Droppable: true})
	}
	for _, c := range p.Changes {
		if c.Action == diff.ActionNoop {
			continue
		}
		secs = append(secs, CommentSection{Markdown: PlanMarkdownChange(c), Priority: changePriority[c.Action], Droppable: true})
	}
	if len(p.Unmanaged) > 0 {
		secs = append(secs, CommentSection{Markdown: fmt.Sprintf("_%s %s unmanaged (declared in no file, outside every scope) and left alone._", Count(len(p.Unmanaged), "live resource"), Verb(len(p.Unmanaged), "is", "are")),
			Priority: 5, Droppable: true})
	}
	return secs
}

func commentHeader(p *diff.Plan, findings []policy.Finding, dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### logctl — %s\n\n", mdsafe.CodeSpan(dir))
	c := CountFindings(findings)
	switch {
	case c.Errors > 0:
		fmt.Fprintf(&b, "❌ **Lint failed**: %s, %s.", Count(c.Errors, "error"), Count(c.Warnings, "warning"))
	case c.Warnings > 0:
		fmt.Fprintf(&b, "⚠️ **Lint passed** with %s.", Count(c.Warnings, "warning"))
	default:
		b.WriteString("✅ **Lint passed.**")
	}
	if p != nil {
		fmt.Fprintf(&b, "\n\n%s", PlanMarkdownSummary(p))
	} else if c.Errors > 0 {
		b.WriteString(" Nothing was planned.")
	}
	return b.String()
}

func findingsTable(findings []policy.Finding, link func(string, int) string) string {
	var b strings.Builder
	b.WriteString("| | where | rule | message |\n|---|---|---|---|\n")
	sorted := append([]policy.Finding(nil), findings...)
	SortFindings(sorted)
	for _, f := range sorted {
		icon := map[bool]string{true: "❌", false: "⚠️"}[isError(f)]
		if f.Waived {
			icon = "➖"
		}
		where := mdsafe.TableCodeSpan(f.Pos.String())
		if link != nil {
			if u := link(f.Pos.File, f.Pos.Line); u != "" {
				where = fmt.Sprintf("[%s](%s)", mdsafe.EscapeTableCell(f.Pos.String()), u)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", icon, where, mdsafe.TableCodeSpan(f.Rule), mdsafe.EscapeTableCell(firstLine(f.Message)))
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// dataFlowTable says, for each delivery task created, updated or replaced,
// which entities send which fields where: what a reviewer must check.
func dataFlowTable(p *diff.Plan, desired *spec.Document) string {
	if desired == nil {
		return ""
	}
	tasks := map[string]*spec.DeliveryTask{}
	for i := range desired.DeliveryTasks {
		tasks[desired.DeliveryTasks[i].Key()] = &desired.DeliveryTasks[i]
	}
	var rows []string
	for _, c := range p.Changes {
		t := tasks[c.Key]
		if c.Kind != spec.KindDeliveryTask || t == nil || c.Action == diff.ActionNoop || c.Action == diff.ActionDelete {
			continue
		}
		sample := "100%"
		if t.Sample != nil && *t.Sample > 0 {
			sample = fmt.Sprintf("%.1f%%", float64(*t.Sample)/10)
		}
		rows = append(rows, fmt.Sprintf("| %s (%s) | %s | %s | %s | %s |", mdsafe.TableCodeSpan(t.Name), mdsafe.EscapeTableCell(t.ZoneID),
			mdsafe.EscapeTableCell(strings.Join(t.Entities, ", ")), mdsafe.EscapeTableCell(destination(t)),
			mdsafe.EscapeTableCell(strings.Join(t.Fields, ", ")), sample))
	}
	if len(rows) == 0 {
		return ""
	}
	return "#### What data goes where\n\n| task | entities | → destination | fields | sample |\n|---|---|---|---|---|\n" + strings.Join(rows, "\n")
}

// destination names where a task delivers, without any secret.
func destination(t *spec.DeliveryTask) string {
	switch {
	case t.CLS != nil:
		return fmt.Sprintf("CLS topic %s (%s)", t.CLS.TopicID, t.CLS.LogSetRegion)
	case t.CustomEndpoint != nil:
		u := t.CustomEndpoint.URL
		if strings.Contains(u, "${env:") {
			u = "(from the environment)"
		}
		return "HTTP endpoint " + u
	case t.S3 != nil:
		return fmt.Sprintf("S3 bucket %s at %s", t.S3.Bucket, t.S3.Endpoint)
	case t.Type == "log_analysis":
		return "EdgeOne log analysis"
	}
	return t.Type
}
