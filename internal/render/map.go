package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/internal/datamap"
)

type mapRenderer func(w io.Writer, m *datamap.Map) error

func mapRenderers() map[string]mapRenderer {
	return map[string]mapRenderer{
		"text":     renderMapText,
		"json":     renderMapJSON,
		"markdown": renderMapMarkdown,
		"mermaid":  renderMapMermaid,
	}
}

// MapFormats returns the names of the data map formats, the default first.
func MapFormats() []string { return []string{"text", "json", "markdown", "mermaid"} }

// DataMap writes the data map in the named format.
func DataMap(w io.Writer, format string, m *datamap.Map) error {
	r, ok := mapRenderers()[format]
	if !ok {
		return fmt.Errorf("unknown data map format %q (want one of %s)", format, strings.Join(MapFormats(), ", "))
	}
	return r(w, m)
}

func renderMapJSON(w io.Writer, m *datamap.Map) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// MapSummaryLine closes every data map output.
func MapSummaryLine(s datamap.Summary) string {
	return fmt.Sprintf("%s, %s: %d with personal data, %d leaving the account's own services, %d crossing a border, %d over plain http.",
		Count(s.Destinations, "destination"), Count(s.Flows, "flow"), s.Personal, s.External, s.CrossBorder, s.Plaintext)
}

// jurisdictionText is a jurisdiction with what it is read from.
func jurisdictionText(j datamap.Jurisdiction) string {
	return fmt.Sprintf("%s (%s)", j.Code, j.Basis)
}

// ownership says whose service a destination is.
func ownership(d *datamap.Destination) string {
	if d.External {
		return d.Operator + ", outside the account's own services"
	}
	return d.Operator + ", the account's own"
}

func fieldsText(f *datamap.Flow, mark func(string) string) string {
	if f.AllFields {
		return "every field of the source"
	}
	if len(f.Fields) == 0 {
		return "none"
	}
	names := make([]string, len(f.Fields))
	for i, x := range f.Fields {
		names[i] = x.String()
		if x.Personal != "" {
			names[i] = mark(names[i])
		}
	}
	return strings.Join(names, ", ")
}

func conditionsText(f *datamap.Flow) string {
	if len(f.Conditions) == 0 {
		return "every log"
	}
	return "when " + strings.Join(f.Conditions, "; or ")
}

func transportText(t datamap.Transport) string {
	if t.Compression == "none" {
		return t.Scheme
	}
	return t.Scheme + ", " + t.Compression
}
