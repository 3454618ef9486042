package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/logctl/logctl/internal/datamap"
)

// validateMermaid checks text against the subset of the Mermaid flowchart
// grammar that logctl emits, strictly: a header, comments, node
// declarations id["label"], edges id ARROW|"label"| id between declared
// nodes, and the external class. A label is a quoted string of safe
// characters, entity codes (#quot;, #35;) and <br/>: anything else could
// end the label or be read as markup.
func validateMermaid(text string) error {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) == 0 || lines[0] != "flowchart LR" {
		return fmt.Errorf("line 1: want %q", "flowchart LR")
	}
	declared := map[string]bool{}
	for i, line := range lines[1:] {
		n := i + 2
		if err := validateMermaidLine(line, declared); err != nil {
			return fmt.Errorf("line %d %q: %w", n, line, err)
		}
	}
	return nil
}

var (
	mmdID      = `([a-z][0-9]+)`
	mmdLabel   = `"((?:[A-Za-z0-9 .,:/_@+=()-]|#quot;|#[0-9]+;|<br/>)*)"`
	mmdNode    = regexp.MustCompile(`^  ` + mmdID + `\[` + mmdLabel + `\]$`)
	mmdEdge    = regexp.MustCompile(`^  ` + mmdID + ` (-->|==>|-\.->)\|` + mmdLabel + `\| ` + mmdID + `$`)
	mmdComment = regexp.MustCompile(`^  %% [A-Za-z0-9 .,:/_@+=()-]*$`)
	mmdClass   = regexp.MustCompile(`^  class ` + mmdID + `(,` + mmdID + `)* external$`)
)

func validateMermaidLine(line string, declared map[string]bool) error {
	switch {
	case mmdComment.MatchString(line):
	case line == "  classDef external stroke-dasharray: 5 5":
	case mmdNode.MatchString(line):
		id := mmdNode.FindStringSubmatch(line)[1]
		if declared[id] {
			return fmt.Errorf("node %s declared twice", id)
		}
		declared[id] = true
	case mmdEdge.MatchString(line):
		m := mmdEdge.FindStringSubmatch(line)
		for _, id := range []string{m[1], m[4]} {
			if !declared[id] {
				return fmt.Errorf("edge to undeclared node %s", id)
			}
		}
	case mmdClass.MatchString(line):
		for _, id := range strings.Split(strings.Fields(line)[1], ",") {
			if !declared[id] {
				return fmt.Errorf("class of undeclared node %s", id)
			}
		}
	default:
		return fmt.Errorf("not in the grammar")
	}
	return nil
}

// unescapeMermaid reverses mermaidLabel, to check nothing is lost.
func unescapeMermaid(label string) string {
	label = strings.ReplaceAll(label, "#quot;", `"`)
	return regexp.MustCompile(`#([0-9]+);`).ReplaceAllStringFunc(label, func(s string) string {
		var r rune
		fmt.Sscanf(s, "#%d;", &r)
		return string(r)
	})
}

func TestMermaidLabelsSurviveAdversarialNames(t *testing.T) {
	names := []string{
		`a"]; click d1 "https://evil.example" _blank; x["`,
		"multi\nline\rname",
		"pipe|edge|label", "%%{init: {'theme':'dark'}}%%", "#quot;already#59;",
		"<script>alert(1)</script>", "`md` **bold** [x](y)", "中文任务", "emoji 🚀 end",
		"end", "subgraph", "-->", "a;b&c\\d{e}",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m := &datamap.Map{State: datamap.StateDesired, Destinations: []datamap.Destination{{
				ID: name, Label: "HTTP endpoint " + name, Operator: name, External: true,
				Jurisdiction: datamap.Jurisdiction{Code: datamap.Unknown},
				Flows: []datamap.Flow{{Name: name, Enabled: true, Sample: 1000,
					Source: datamap.Source{Service: "EdgeOne", Label: name}}},
			}}}
			out := MapMermaid(m)
			if err := validateMermaid(out); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			label := mermaidLabel(name)
			if got := unescapeMermaid(label[1 : len(label)-1]); got != name || !utf8.ValidString(label) {
				t.Errorf("label %s decodes to %q, want %q", label, got, name)
			}
		})
	}
}

func TestValidateMermaidRejects(t *testing.T) {
	bad := []string{
		"flowchart LR\n  n1[\"a\"b\"]\n",
		"flowchart LR\n  n1[\"a\"]\n  n1 -->|\"x\"| n2\n",
		"flowchart LR\n  n1[\"a<b>\"]\n",
		"flowchart LR\n  %%{init: {}}%%\n",
		"flowchart LR\n  n1[\"a\"]\n  click n1 \"https://x\"\n",
		"graph TD\n",
	}
	for _, text := range bad {
		if validateMermaid(text) == nil {
			t.Errorf("accepted:\n%s", text)
		}
	}
}
