package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/internal/mdsafe"
)

// renderMapMarkdown writes one table per destination, personal fields in
// bold, then the summary: what a privacy reviewer attaches to a change
// request.
func renderMapMarkdown(w io.Writer, m *datamap.Map) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Data map (%s state)\n", m.State)
	for i := range m.Destinations {
		d := &m.Destinations[i]
		fmt.Fprintf(&b, "\n### %s\n\n", mdsafe.EscapeMarkdown(d.Label))
		fmt.Fprintf(&b, "%s. Jurisdiction: **%s** (%s).\n\n", mdsafe.EscapeMarkdown(ownership(d)),
			mdsafe.EscapeMarkdown(d.Jurisdiction.Code), mdsafe.EscapeMarkdown(d.Jurisdiction.Basis))
		b.WriteString("| flow | from | fields | sample | delivers | transport |\n|---|---|---|---|---|---|\n")
		for j := range d.Flows {
			b.WriteString(flowRowMarkdown(&d.Flows[j]))
		}
	}
	fmt.Fprintf(&b, "\nPersonal fields (privacy catalog) are in bold; ⚠️ marks a flow crossing the mainland China border.\n\n%s\n", MapSummaryLine(m.Summary))
	_, err := io.WriteString(w, b.String())
	return err
}

func flowRowMarkdown(f *datamap.Flow) string {
	name := mdsafe.TableCodeSpan(f.Name)
	if f.LogType != "" {
		name += " " + mdsafe.EscapeTableCell(f.LogType)
	}
	if f.Pos != nil {
		name += "<br>" + mdsafe.EscapeTableCell(f.Pos.String())
	}
	if !f.Enabled {
		name += " (disabled)"
	}
	from := mdsafe.EscapeTableCell(fmt.Sprintf("%s %s, %s", f.Source.Service, f.Source.Label, f.Source.Jurisdiction.Code))
	if f.CrossBorder {
		from = "⚠️ " + from
	}
	fields := fieldsMarkdown(f)
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", name, from, fields, datamap.Percent(f.Sample),
		mdsafe.EscapeTableCell(conditionsText(f)), mdsafe.EscapeTableCell(transportText(f.Transport)))
}

// fieldsMarkdown escapes each field name on its own, then bolds the
// personal ones: escaping the joined text would escape the bold markers.
func fieldsMarkdown(f *datamap.Flow) string {
	if f.AllFields || len(f.Fields) == 0 {
		return mdsafe.EscapeTableCell(fieldsText(f, nil))
	}
	names := make([]string, len(f.Fields))
	for i, x := range f.Fields {
		names[i] = mdsafe.EscapeTableCell(x.String())
		if x.Personal != "" {
			names[i] = "**" + names[i] + "**"
		}
	}
	return strings.Join(names, ", ")
}
