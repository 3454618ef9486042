package mdsafe

import (
	"html"
	"strings"
	"unicode/utf8"
)

// replacement stands in for control characters, which have no business in
// a rendered comment and can confuse Markdown parsers (CommonMark §2.3
// already maps NUL to it).
const replacement = '\uFFFD'

// zeroWidthSpace is put after every '@': GitHub links and notifies
// "@user" and "@org/team" in comment text even when the '@' is
// backslash-escaped, but not when an invisible character separates them.
const zeroWidthSpace = "\u200b"

// EscapeMarkdown returns s as inline Markdown that renders as the literal
// text of s. Every ASCII punctuation character with a Markdown or GFM
// meaning is backslash-escaped (CommonMark §2.4 allows escaping any ASCII
// punctuation), '<', '>' and '&' become HTML entities so no tag, comment or
// entity can be formed, '$' is escaped so GitHub's math syntax does not
// trigger, line breaks become spaces so s cannot start a new block, and
// mentions are defused.
func EscapeMarkdown(s string) string {
	return escapeInline(s, " ")
}

// EscapeTableCell returns s escaped like EscapeMarkdown for one cell of a
// GFM table: '|' cannot end the cell (GFM tables §4.10 honour "\|" even
// inside code spans) and line breaks become <br> so the row stays on one
// line.
func EscapeTableCell(s string) string {
	return escapeInline(s, "<br>")
}

// EscapeHTML returns s escaped for text content or a quoted attribute value
// inside raw HTML that logctl writes itself, such as <summary>: Markdown is
// not interpreted there, so only the HTML special characters matter.
func EscapeHTML(s string) string {
	return html.EscapeString(controlsToReplacement(s))
}

// escapeInline escapes s for inline Markdown, writing br for each line
// break (CRLF, CR or LF).
func escapeInline(s, br string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); {
		r, size := nextRune(s, i)
		i += size
		switch {
		case r == '\r' || r == '\n':
			if r == '\r' && i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteString(br)
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '@':
			b.WriteString("@" + zeroWidthSpace)
		case isControl(r):
			b.WriteRune(replacement)
		case r < 0x80 && strings.ContainsRune(markdownPunct, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownPunct lists the ASCII punctuation that can start or end Markdown
// or GFM syntax: emphasis, code, links, images, headings, lists, thematic
// breaks, setext underlines, tables, strikethrough, math and escapes.
const markdownPunct = "\\`*_{}[]()#+-.!|~$="

// isControl reports whether r is a C0 or C1 control character other than
// TAB, or DEL. Line breaks are handled before this is consulted.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0)
}

// nextRune decodes the rune at s[i]; invalid UTF-8 decodes as U+FFFD, which
// is what a browser would show anyway.
func nextRune(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// controlsToReplacement replaces control characters (line breaks excepted)
// and each invalid UTF-8 byte with U+FFFD, as escapeInline does.
func controlsToReplacement(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r != '\n' && r != '\r' && isControl(r) {
			r = replacement
		}
		b.WriteRune(r)
	}
	return b.String()
}
