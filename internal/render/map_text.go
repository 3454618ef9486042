package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/logctl/logctl/internal/datamap"
)

// renderMapText lists each destination with the flows into it; personal
// fields carry a "*".
func renderMapText(w io.Writer, m *datamap.Map) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Data map of the %s state\n", m.State)
	for i := range m.Destinations {
		d := &m.Destinations[i]
		fmt.Fprintf(&b, "\n%s\n", d.Label)
		fmt.Fprintf(&b, "  operator      %s\n", ownership(d))
		fmt.Fprintf(&b, "  jurisdiction  %s\n", jurisdictionText(d.Jurisdiction))
		for j := range d.Flows {
			writeFlowText(&b, d, &d.Flows[j])
		}
	}
	fmt.Fprintf(&b, "\n* personal data (privacy catalog)\n%s\n", MapSummaryLine(m.Summary))
	_, err := io.WriteString(w, noControls(b.String()))
	return err
}

// noControls keeps names from the files from moving the cursor or
// recolouring a terminal: control characters other than newlines become
// U+FFFD.
func noControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func writeFlowText(b *strings.Builder, d *datamap.Destination, f *datamap.Flow) {
	where := ""
	if f.Pos != nil {
		where = "  " + f.Pos.String()
	}
	state := ""
	if !f.Enabled {
		state = " (disabled)"
	}
	fmt.Fprintf(b, "  ← %s %s%s%s\n", f.Kind, f.Name, state, where)
	row := func(k, v string) { fmt.Fprintf(b, "      %-10s %s\n", k, v) }
	row("from", fmt.Sprintf("%s %s, jurisdiction %s", f.Source.Service, f.Source.Label, jurisdictionText(f.Source.Jurisdiction)))
	if f.LogType != "" {
		row("log type", f.LogType)
	}
	row("fields", fieldsText(f, func(s string) string { return s + "*" }))
	row("sample", datamap.Percent(f.Sample))
	row("delivers", conditionsText(f))
	row("transport", transportText(f.Transport))
	if f.CrossBorder {
		row("border", fmt.Sprintf("crosses the mainland China border: %s → %s", f.Source.Jurisdiction.Code, d.Jurisdiction.Code))
	}
}
