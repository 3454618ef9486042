// Package mdsafe escapes untrusted strings (task names, queries, header
// values, file names) for GitHub-flavoured Markdown, so that a value taken
// from a user's YAML renders as the literal text it is and can never open a
// link, an image, a heading, a table column, a math block, raw HTML or a
// mention that notifies people.
//
// Pick the helper for the context the string lands in:
//
//   - EscapeMarkdown: running text (paragraphs, list items, headings).
//   - EscapeTableCell: a cell of a GFM table; line breaks become <br>.
//   - CodeSpan: inline code outside a table; TableCodeSpan inside one.
//   - CodeBlock: a fenced block (queries, diffs); nothing inside can close it.
//   - EscapeHTML: text inside raw HTML we write ourselves, e.g. <summary>.
//
// The helpers never return an error and never drop a visible character:
// control characters become U+FFFD and line breaks become spaces (or <br>
// in table cells), so the reader still sees where they were.
package mdsafe
