package prcomment

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxCommentChars is GitHub's limit on an issue comment body, in
// characters (422 "Body is too long (maximum is 65536 characters)").
// Counting Unicode code points against it is safe whether GitHub counts
// code points or, as some measurements suggest, allows 262,144 bytes.
const MaxCommentChars = 65536

// Marker returns the hidden HTML comment that identifies logctl's comment
// for dir, e.g. "<!-- logctl:plan dir=logs/prod -->". dir is cleaned
// ("./logs/" and "logs" are the same directory) and percent-encoded except
// for letters, digits and "/._~-", so no directory name can end the HTML
// comment early, inject markup, or make one directory's marker a prefix of
// another's.
func Marker(dir string) string {
	return "<!-- logctl:plan dir=" + escapeDir(dir) + " -->"
}

// BodyBudget is how many characters of Markdown fit in one comment for dir
// once the marker line is added: the limit to pass to Fit.
func BodyBudget(dir string) int {
	return MaxCommentChars - utf8.RuneCountInString(Marker(dir)+"\n")
}

// TooLongError is returned by Upsert, before any API call, for a comment
// that GitHub would refuse with 422. Build the Markdown with Fit and
// BodyBudget to avoid it.
type TooLongError struct {
	Chars, Limit int
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("comment is %d characters, over GitHub's limit of %d: fit the Markdown to the budget first", e.Chars, e.Limit)
}

// commentBody puts the marker on its own first line. A line starting with
// "<!--" is an HTML block that ends on the line holding "-->" (CommonMark
// §4.6, kind 2), so the Markdown after it renders normally.
func commentBody(dir, markdown string) (string, error) {
	body := Marker(dir) + "\n" + markdown
	if n := utf8.RuneCountInString(body); n > MaxCommentChars {
		return "", &TooLongError{Chars: n, Limit: MaxCommentChars}
	}
	return body, nil
}

// isOurs reports whether a comment body starts with marker. The marker
// ends in " -->", so dir "a" never matches dir "ab".
func isOurs(body, marker string) bool {
	return strings.HasPrefix(body, marker)
}

func escapeDir(dir string) string {
	dir = filepath.ToSlash(filepath.Clean(dir))
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(dir); i++ {
		c := dir[i]
		if isDirSafe(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isDirSafe(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '/' || c == '.' || c == '_' || c == '~' || c == '-'
}
