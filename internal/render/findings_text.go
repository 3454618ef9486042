package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/logctl/logctl/policy"
)

// ANSI styles of the text format. Only used when FindingOptions.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

type textStyle struct{ color bool }

func (s textStyle) paint(code, text string) string {
	if !s.color || text == "" {
		return text
	}
	return code + text + ansiReset
}

// renderFindingsText prints one line per finding, grouped by file (a blank
// line between files), with the columns aligned inside a group so the rule
// ids line up:
//
//	examples/a.yaml:12:5  error    teo.sample-range  sample must be 1..1000, got 0
//
// A waived finding shows "waived" in place of its severity and names the
// exception that waived it: waived findings are never hidden.
func renderFindingsText(w io.Writer, fs []policy.Finding, opts FindingOptions) error {
	bw := bufio.NewWriter(w)
	st := textStyle{color: opts.Color}
	for start := 0; start < len(fs); {
		end := start + 1
		for end < len(fs) && fs[end].Pos.File == fs[start].Pos.File {
			end++
		}
		writeTextGroup(bw, fs[start:end], st)
		fmt.Fprintln(bw)
		start = end
	}
	c := CountFindings(fs)
	line := summaryLine(c, opts.Files)
	switch {
	case c.Errors > 0:
		line = st.paint(ansiBold+ansiRed, line)
	case c.Warnings > 0:
		line = st.paint(ansiBold+ansiYellow, line)
	default:
		line = st.paint(ansiBold, line)
	}
	fmt.Fprintln(bw, line)
	return bw.Flush()
}

func writeTextGroup(w io.Writer, fs []policy.Finding, st textStyle) {
	var wPos, wSev, wRule int
	for _, f := range fs {
		wPos = max(wPos, len(f.Pos.String()))
		wSev = max(wSev, len(textSeverity(f)))
		wRule = max(wRule, len(f.Rule))
	}
	for _, f := range fs {
		pos := pad(f.Pos.String(), wPos)
		sev := pad(textSeverity(f), wSev)
		rule := pad(f.Rule, wRule)
		msg := indentContinuation(messageWithHint(f), wPos+wSev+wRule+6)
		switch {
		case f.Waived:
			msg += " " + waivedNote(f)
			sev = st.paint(ansiDim, sev)
			msg = st.paint(ansiDim, msg)
		case isError(f):
			sev = st.paint(ansiBold+ansiRed, sev)
		default:
			sev = st.paint(ansiYellow, sev)
		}
		line := st.paint(ansiBold, pos) + "  " + sev + "  " + st.paint(ansiCyan, rule) + "  " + msg
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

// messageWithHint is the message with its hint on a second line, for the
// formats that have one text per finding (JSON keeps them apart).
func messageWithHint(f policy.Finding) string {
	if f.Hint == "" {
		return f.Message
	}
	return f.Message + "\nhint: " + f.Hint
}

// indentContinuation puts the second and later lines of a message (a fix
// hint, usually) under the start of the message column.
func indentContinuation(msg string, col int) string {
	if !strings.Contains(msg, "\n") {
		return msg
	}
	return strings.ReplaceAll(msg, "\n", "\n"+strings.Repeat(" ", col))
}

func textSeverity(f policy.Finding) string {
	if f.Waived {
		return "waived"
	}
	return string(f.Severity)
}

// waivedNote says which severity was waived and by what, such as
// "(error waived by logctl.teo exception)".
func waivedNote(f policy.Finding) string {
	if f.WaivedBy == "" {
		return fmt.Sprintf("(%s waived)", f.Severity)
	}
	return fmt.Sprintf("(%s waived by %s)", f.Severity, f.WaivedBy)
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
