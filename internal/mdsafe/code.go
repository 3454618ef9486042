package mdsafe

import (
	"strings"
)

// CodeSpan returns s as a Markdown code span (CommonMark §6.1). The
// backtick string around it is one longer than the longest backtick run in
// s, so nothing inside can close it; a space pads each side when s begins
// or ends with a backtick or a space, because CommonMark strips exactly one
// such space from each side. Line breaks become spaces (a line break inside
// a span could otherwise let the next line start a block, e.g. a heading).
// Outside a table only: see TableCodeSpan.
func CodeSpan(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(controlsToReplacement(s))
	if s == "" {
		// "``" is not a code span; a single space renders as empty code.
		return "` `"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if needsPadding(s) {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// TableCodeSpan returns s as a code span for a GFM table cell: like
// CodeSpan, with '|' escaped, because the table parser splits cells before
// inline parsing and honours "\|" inside code spans (GFM spec, example 200).
func TableCodeSpan(s string) string {
	return strings.ReplaceAll(CodeSpan(s), "|", `\|`)
}

// CodeBlock returns s as a fenced code block (CommonMark §4.5) ending in a
// newline. The fence is backticks, one longer than the longest backtick
// run in s and at least three, so no line of s can close the block. lang
// keeps only letters, digits and "+-_." so the info string cannot carry
// anything else.
func CodeBlock(s, lang string) string {
	s = controlsToReplacement(s)
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	var b strings.Builder
	b.Grow(len(s) + 2*len(fence) + len(lang) + 3)
	b.WriteString(fence)
	b.WriteString(infoString(lang))
	b.WriteByte('\n')
	b.WriteString(s)
	if s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString(fence)
	b.WriteByte('\n')
	return b.String()
}

// needsPadding reports whether s, put between backtick fences, would touch
// a fence with a backtick or lose a space to CommonMark's stripping rule.
// A span of only spaces is never stripped, so it needs none.
func needsPadding(s string) bool {
	if strings.Trim(s, " ") == "" {
		return false
	}
	first, last := s[0], s[len(s)-1]
	return first == '`' || last == '`' || first == ' ' || last == ' '
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}

// infoString keeps the characters of a fenced block's language name that
// cannot end the info string or smuggle markup into it.
func infoString(lang string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		case r == '+' || r == '-' || r == '_' || r == '.':
			return r
		}
		return -1
	}, lang)
}
