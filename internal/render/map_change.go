package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/internal/mdsafe"
)

// Priorities of the "what data goes where" sections: the table is kept as
// long as the riskiest changes; the diagram is the first thing to move to
// the job summary when the comment is too long.
const (
	dataTablePriority   = 50
	dataDiagramPriority = 1
)

var changeIcons = map[datamap.ChangeKind]string{
	datamap.ChangeAdded: "➕", datamap.ChangeRemoved: "➖", datamap.ChangeWidened: "⚠️",
	datamap.ChangeNarrowed: "⬇️", datamap.ChangeOther: "~",
}

// DataMapChangeSections renders the change of the data map for the PR
// comment: a heading with the table, and the Mermaid diagram. No changes,
// no sections.
func DataMapChangeSections(changes []datamap.Change) []CommentSection {
	if len(changes) == 0 {
		return nil
	}
	return []CommentSection{
		{Markdown: dataChangeTable(changes), Priority: dataTablePriority, Droppable: true},
		{Markdown: "```mermaid\n" + DataChangeMermaid(changes) + "```", Priority: dataDiagramPriority, Droppable: true},
	}
}

func dataChangeTable(changes []datamap.Change) string {
	var b strings.Builder
	b.WriteString("#### What data goes where\n\n")
	b.WriteString("| | flow | from | → destination | change | personal fields | sample |\n|---|---|---|---|---|---|---|\n")
	for _, c := range changes {
		end := c.After
		if end == nil {
			end = c.Before
		}
		dest := end.Destination
		if c.NewDestination {
			dest += " (new destination)"
		}
		if end.CrossBorder {
			dest += " (cross-border)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", changeIcons[c.Kind], mdsafe.TableCodeSpan(c.Name),
			mdsafe.EscapeTableCell(c.Source), mdsafe.EscapeTableCell(dest), mdsafe.EscapeTableCell(changeText(c)),
			personalCell(end.Fields, c.AddedFields), sampleCell(c))
	}
	b.WriteString("\n_Personal fields per the privacy catalog; new ones in bold. `logctl map` shows the whole map._")
	return b.String()
}

func changeText(c datamap.Change) string {
	if len(c.Reasons) == 0 {
		return string(c.Kind)
	}
	return string(c.Kind) + ": " + strings.Join(c.Reasons, "; ")
}

// personalCell lists the personal fields of a flow, the added ones bold.
func personalCell(fields, added []datamap.Field) string {
	isNew := map[string]bool{}
	for _, f := range added {
		isNew[f.String()] = true
	}
	var out []string
	for _, f := range fields {
		if f.Personal == "" {
			continue
		}
		s := mdsafe.EscapeTableCell(f.String())
		if isNew[f.String()] {
			s = "**" + s + "**"
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

func sampleCell(c datamap.Change) string {
	switch {
	case c.Before == nil:
		return datamap.Percent(c.After.Sample)
	case c.After == nil:
		return datamap.Percent(c.Before.Sample)
	case c.Before.Sample != c.After.Sample:
		return datamap.Percent(c.Before.Sample) + " → " + datamap.Percent(c.After.Sample)
	}
	return datamap.Percent(c.After.Sample)
}

// DataChangeMermaid draws the changed flows: added "-->", widened "==>",
// removed and narrowed "-.->"; a moved flow is its removed old edge and
// its widened new one.
func DataChangeMermaid(changes []datamap.Change) string {
	g := newMermaidGraph("logctl data map change")
	for _, c := range changes {
		src := g.node("s", c.Source, c.Source)
		dest := func(e *datamap.End) string {
			id := g.node("d", e.DestinationID, e.Destination, "jurisdiction "+e.Jurisdiction)
			if e.External && !slices.Contains(g.external, id) {
				g.external = append(g.external, id)
			}
			return id
		}
		switch {
		case c.Kind == datamap.ChangeAdded:
			g.edge(src, "-->", dest(c.After), "added: "+c.Name)
		case c.Kind == datamap.ChangeRemoved:
			g.edge(src, "-.->", dest(c.Before), "removed: "+c.Name)
		case c.Before.DestinationID != c.After.DestinationID:
			g.edge(src, "-.->", dest(c.Before), "moved away: "+c.Name)
			g.edge(src, "==>", dest(c.After), string(c.Kind)+": "+c.Name)
		case c.Kind == datamap.ChangeWidened:
			g.edge(src, "==>", dest(c.After), "widened: "+c.Name)
		default:
			g.edge(src, "-.->", dest(c.After), string(c.Kind)+": "+c.Name)
		}
	}
	return g.finish()
}

// plannedFlows keeps the flow changes of resources that the plan creates,
// updates, replaces or deletes: the live map also holds unmanaged
// resources, which the desired map lacks but apply leaves running.
func plannedFlows(changes []datamap.Change, p *diff.Plan) []datamap.Change {
	acted := map[string]bool{}
	for _, c := range p.Changes {
		if c.Action != diff.ActionNoop {
			acted[string(c.Kind)+"\x00"+c.Key] = true
		}
	}
	out := []datamap.Change{}
	for _, c := range changes {
		if acted[string(c.ResourceKind)+"\x00"+c.Key] {
			out = append(out, c)
		}
	}
	return out
}
