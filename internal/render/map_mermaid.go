package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/internal/datamap"
)

// The Mermaid flowchart of a data map: sources on the left, destinations
// on the right, one edge per flow. Every label is a quoted string whose
// characters outside a small safe set are entity codes (#quot;, #35;), so
// no task name, host or URL can end a label, start a directive or inject a
// link (map_mermaid_test.go checks the output against a strict grammar).

// mermaidSafe are the characters a label keeps as they are.
func mermaidSafe(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune(" .,:/_@+=()-", r)
}

// mermaidLabel escapes text for a quoted label; lines are joined by <br/>.
func mermaidLabel(lines ...string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<br/>")
		}
		for _, r := range line {
			switch {
			case mermaidSafe(r):
				b.WriteRune(r)
			case r == '"':
				b.WriteString("#quot;")
			default:
				fmt.Fprintf(&b, "#%d;", r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// mermaidGraph collects nodes and edges with stable ids.
type mermaidGraph struct {
	b        strings.Builder
	ids      map[string]string
	n        int
	external []string
}

func newMermaidGraph(title string) *mermaidGraph {
	g := &mermaidGraph{ids: map[string]string{}}
	g.b.WriteString("flowchart LR\n")
	fmt.Fprintf(&g.b, "  %%%% %s\n", strings.Map(func(r rune) rune {
		if mermaidSafe(r) {
			return r
		}
		return ' '
	}, title))
	return g
}

// node declares a node once and returns its id; prefix says its side.
func (g *mermaidGraph) node(prefix, key string, lines ...string) string {
	if id, ok := g.ids[prefix+key]; ok {
		return id
	}
	g.n++
	id := fmt.Sprintf("%s%d", prefix, g.n)
	g.ids[prefix+key] = id
	fmt.Fprintf(&g.b, "  %s[%s]\n", id, mermaidLabel(lines...))
	return id
}

// edge draws from → to: "-->" a flow, "==>" a flow to watch (personal data
// leaving the account or crossing a border), "-.->" one that delivers
// nothing (disabled, removed).
func (g *mermaidGraph) edge(from, arrow, to string, label ...string) {
	fmt.Fprintf(&g.b, "  %s %s|%s| %s\n", from, arrow, mermaidLabel(label...), to)
}

func (g *mermaidGraph) finish() string {
	if len(g.external) > 0 {
		g.b.WriteString("  classDef external stroke-dasharray: 5 5\n")
		fmt.Fprintf(&g.b, "  class %s external\n", strings.Join(g.external, ","))
	}
	return g.b.String()
}

func (g *mermaidGraph) destNode(d *datamap.Destination) string {
	_, seen := g.ids["d"+d.ID]
	id := g.node("d", d.ID, d.Label, fmt.Sprintf("%s - %s", d.Operator, jurisdictionShort(d.Jurisdiction)))
	if d.External && !seen {
		g.external = append(g.external, id)
	}
	return id
}

func (g *mermaidGraph) sourceNode(f *datamap.Flow) string {
	return g.node("s", f.Source.Service+"\x00"+f.Source.Label, f.Source.Service+" "+f.Source.Label, jurisdictionShort(f.Source.Jurisdiction))
}

func jurisdictionShort(j datamap.Jurisdiction) string {
	if j.Code == datamap.Unknown {
		return "jurisdiction unknown"
	}
	return "jurisdiction " + j.Code
}

// MapMermaid is the flowchart of a whole map.
func MapMermaid(m *datamap.Map) string {
	g := newMermaidGraph(fmt.Sprintf("logctl data map (%s state)", m.State))
	for i := range m.Destinations {
		d := &m.Destinations[i]
		for j := range d.Flows {
			f := &d.Flows[j]
			src := g.sourceNode(f)
			dst := g.destNode(d)
			arrow := "-->"
			switch {
			case !f.Enabled:
				arrow = "-.->"
			case len(f.Personal()) > 0 && (d.External || f.CrossBorder):
				arrow = "==>"
			}
			g.edge(src, arrow, dst, flowEdgeLabel(f))
		}
	}
	return g.finish()
}

func flowEdgeLabel(f *datamap.Flow) string {
	var parts []string
	parts = append(parts, f.Name)
	if f.AllFields {
		parts = append(parts, "all fields")
	} else {
		parts = append(parts, fmt.Sprintf("%s, %d personal", Count(len(f.Fields), "field"), len(f.Personal())))
	}
	parts = append(parts, datamap.Percent(f.Sample))
	if f.CrossBorder {
		parts = append(parts, "cross-border")
	}
	if !f.Enabled {
		parts = append(parts, "disabled")
	}
	return strings.Join(parts, ", ")
}

func renderMapMermaid(w io.Writer, m *datamap.Map) error {
	_, err := io.WriteString(w, MapMermaid(m))
	return err
}
