package prcomment

import (
	"strings"
	"unicode/utf8"
)

// truncate cuts text so that it, the closers of whatever the cut leaves
// open, and the truncation pointer fit in limit characters.
func truncate(text string, dropped, limit int) string {
	p := pointer(dropped, true)
	if out, ok := cutClosed(text, limit-utf8.RuneCountInString(p), inChars); ok {
		return out + p
	}
	return inChars.prefix(strings.TrimPrefix(p, "\n"), max(limit, 0))
}

// measure counts length in some unit: characters for comments, bytes for
// the step summary.
type measure struct {
	len    func(string) int
	prefix func(s string, n int) string // longest prefix of s of length <= n
}

var (
	inChars = measure{utf8.RuneCountInString, prefixRunes}
	inBytes = measure{func(s string) int { return len(s) }, prefixBytes}
)

// cutClosed returns the longest prefix of text that ends at a line end,
// plus the closers of what it leaves open, within budget; false if not
// even an empty cut fits. Each round aims the cut at the budget minus the
// closers the previous cut needed, so the target only ever shrinks.
func cutClosed(text string, budget int, m measure) (string, bool) {
	for target := budget; target > 0; {
		cut := cutAtLine(text, target, m)
		closing := closers(cut)
		if m.len(cut)+m.len(closing) <= budget {
			return cut + closing, true
		}
		target = min(budget-m.len(closing), target-1)
	}
	return "", budget >= 0
}

// cutAtLine returns the longest prefix of text of length at most n that
// ends at a line end; without a line end in reach, it cuts inside the line
// and adds one.
func cutAtLine(text string, n int, m measure) string {
	prefix := m.prefix(text, n)
	if i := strings.LastIndexByte(prefix, '\n'); i >= 0 {
		return prefix[:i+1]
	}
	if n <= 1 {
		return ""
	}
	return m.prefix(text, n-1) + "\n"
}

func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// prefixBytes cuts at most n bytes without splitting a UTF-8 sequence.
func prefixBytes(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// closers returns what closes the code fence and <details> blocks left
// open at the end of text, so a cut cannot swallow the lines after it.
func closers(text string) string {
	var fence string // the open fence's backtick or tilde run, if any
	details := 0
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if fence != "" {
			if indent <= 3 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if run := fenceRun(trimmed); indent <= 3 && run != "" {
			fence = run
			continue
		}
		details += strings.Count(line, "<details") - strings.Count(line, "</details>")
	}
	var b strings.Builder
	if fence != "" {
		b.WriteString(fence + "\n")
	}
	for range max(details, 0) {
		b.WriteString("</details>\n")
	}
	return b.String()
}

// fenceRun returns the opening fence at the start of line (CommonMark
// §4.5: three or more backticks or tildes; a backtick fence's info string
// has no backtick).
func fenceRun(line string) string {
	if line == "" || (line[0] != '`' && line[0] != '~') {
		return ""
	}
	n := len(line) - len(strings.TrimLeft(line, line[:1]))
	if n < 3 || (line[0] == '`' && strings.Contains(line[n:], "`")) {
		return ""
	}
	return line[:n]
}
