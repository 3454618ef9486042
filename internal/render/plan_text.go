package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/logctl/logctl/diff"
)

const (
	ansiGreen   = "\x1b[32m"
	ansiMagenta = "\x1b[35m"
)

func actionColor(a diff.Action) string {
	switch a {
	case diff.ActionCreate:
		return ansiGreen
	case diff.ActionUpdate:
		return ansiYellow
	case diff.ActionReplace:
		return ansiMagenta
	case diff.ActionDelete:
		return ansiRed
	}
	return ansiDim
}

// renderPlanText prints one block per change with field-level before →
// after, long values as a line diff, then the unmanaged resources and the
// closing summary line.
func renderPlanText(w io.Writer, p *diff.Plan, opts PlanOptions) error {
	bw := bufio.NewWriter(w)
	st := textStyle{color: opts.Color}
	if !p.HasChanges() {
		fmt.Fprintln(bw, st.paint(ansiBold, "No changes.")+" The live state matches the files.")
	} else {
		fmt.Fprintln(bw, "logctl will perform these actions:")
	}
	for _, c := range p.Changes {
		if c.Action == diff.ActionNoop && !opts.ShowNoop {
			continue
		}
		writeTextChange(bw, c, st)
	}
	if len(p.Notes) > 0 {
		fmt.Fprintf(bw, "\n%s\n", st.paint(ansiBold, "Notes:"))
		for _, n := range p.Notes {
			fmt.Fprintf(bw, "    %s\n", n)
		}
	}
	if len(p.Unmanaged) > 0 {
		fmt.Fprintf(bw, "\n%s (declared in no file, outside every scope; left alone):\n", st.paint(ansiBold, "Unmanaged"))
		for _, r := range p.Unmanaged {
			fmt.Fprintf(bw, "    %s %s%s  (%s)\n", r.Kind, r.Name, where(r.Place), r.LiveID)
		}
	}
	if warn := SafetyWarning(p); warn != "" {
		fmt.Fprintf(bw, "\n%s %s\n", st.paint(ansiBold+ansiYellow, "Warning:"), warn)
	}
	fmt.Fprintf(bw, "\n%s\n", st.paint(ansiBold, PlanSummaryLine(p.Summary)))
	return bw.Flush()
}

func writeTextChange(w io.Writer, c diff.Change, st textStyle) {
	color := actionColor(c.Action)
	head := fmt.Sprintf("%s %s %q%s", symbol(c.Action), c.Kind, c.Name, where(c.Place))
	fmt.Fprintf(w, "\n  %s %s", st.paint(color+ansiBold, head), verb(c.Action))
	if why := changeWhy(c); why != "" {
		fmt.Fprintf(w, " (%s)", why)
	}
	fmt.Fprintln(w)
	if c.LiveID != "" {
		fmt.Fprintf(w, "      %s\n", st.paint(ansiDim, "id "+c.LiveID))
	}
	for _, fc := range c.Fields {
		writeTextField(w, fc, st)
	}
}

func writeTextField(w io.Writer, fc diff.FieldChange, st textStyle) {
	note := ""
	if fc.ForcesReplace {
		note = st.paint(ansiMagenta, "  # forces replacement")
	}
	switch {
	case fc.Before == "":
		fmt.Fprintf(w, "      %s %s: %s%s\n", st.paint(ansiGreen, "+"), fc.Path, fc.After, note)
	case fc.After == "":
		fmt.Fprintf(w, "      %s %s: %s%s\n", st.paint(ansiRed, "-"), fc.Path, fc.Before, note)
	case isLong(fc):
		fmt.Fprintf(w, "      %s %s:%s\n", st.paint(ansiYellow, "~"), fc.Path, note)
		for _, line := range lineDiff(unquote(fc.Before), unquote(fc.After)) {
			code := ansiDim
			switch line[0] {
			case '+':
				code = ansiGreen
			case '-':
				code = ansiRed
			}
			fmt.Fprintf(w, "          %s\n", st.paint(code, line))
		}
	default:
		fmt.Fprintf(w, "      %s %s: %s → %s%s\n", st.paint(ansiYellow, "~"), fc.Path, fc.Before, fc.After, note)
	}
}

// lineDiff returns a unified-style line diff of two texts: "-" removed, "+"
// added, " " common lines.
func lineDiff(before, after string) []string {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(before, after)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []string
	for _, d := range diffs {
		prefix := " "
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			prefix = "+"
		case diffmatchpatch.DiffDelete:
			prefix = "-"
		}
		for _, line := range strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n") {
			out = append(out, prefix+" "+line)
		}
	}
	return out
}
