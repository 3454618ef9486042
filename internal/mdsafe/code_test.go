package mdsafe

import (
	"fmt"
	"strings"
	"testing"
)

func TestCodeSpan(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "status:404", "`status:404`"},
		{"empty", "", "` `"},
		{"inner backtick", "a`b", "``a`b``"},
		{"leading backtick", "`x", "`` `x ``"},
		{"trailing double backtick", "x``", "``` x`` ```"},
		{"surrounding spaces kept", " x ", "`  x  `"},
		{"only spaces", "  ", "`  `"},
		{"html is literal", "<b>", "`<b>`"},
		{"newline", "a\n# b", "`a # b`"},
		{"pipe untouched outside tables", "a|b", "`a|b`"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CodeSpan(tc.in); got != tc.want {
				t.Errorf("CodeSpan(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTableCodeSpan(t *testing.T) {
	if got, want := TableCodeSpan("a|b`c"), "``a\\|b`c``"; got != want {
		t.Errorf("TableCodeSpan = %q, want %q", got, want)
	}
}

func TestCodeBlock(t *testing.T) {
	tests := []struct {
		name, in, lang, want string
	}{
		{"plain", "x = 1", "hcl", "```hcl\nx = 1\n```\n"},
		{"trailing newline kept", "x\n", "", "```\nx\n```\n"},
		{"empty", "", "", "```\n```\n"},
		{"fence inside", "a\n```\nb", "", "````\na\n```\nb\n````\n"},
		{"lang sanitized", "x", "go`>\n<b>", "```gob\nx\n```\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CodeBlock(tc.in, tc.lang); got != tc.want {
				t.Errorf("CodeBlock(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
			}
		})
	}
}

// FuzzCodeSpan parses the span the way CommonMark §6.1 does and checks it
// closes only at its end and yields the input back.
func FuzzCodeSpan(f *testing.F) {
	for _, s := range []string{"", "`", "``", " ` ", "a``b", "  ", " a", "a\nb", "|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CodeSpan(s)
		got, err := parseCodeSpan(out)
		if err != nil {
			t.Fatalf("CodeSpan(%q) = %q: %v", s, out, err)
		}
		if want := normalize(s, " "); got != want && !(s == "" && got == " ") {
			t.Fatalf("CodeSpan(%q) = %q renders %q, want %q", s, out, got, want)
		}
		cell := TableCodeSpan(s)
		if i := unescapedPipe(cell); i >= 0 {
			t.Fatalf("TableCodeSpan(%q) = %q: unescaped '|' at %d", s, cell, i)
		}
	})
}

// FuzzCodeBlock checks that no line of the content can close the fence.
func FuzzCodeBlock(f *testing.F) {
	for _, s := range []string{"", "```", "  ````  ", "a\n~~~\n", "x\r\n```"} {
		f.Add(s, "go")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		out := CodeBlock(s, lang)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		fence := strings.TrimRight(lines[0], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-_.")
		if len(fence) < 3 || strings.Trim(fence, "`") != "" {
			t.Fatalf("CodeBlock(%q) opens with %q", s, lines[0])
		}
		if last := lines[len(lines)-1]; last != fence {
			t.Fatalf("CodeBlock(%q) ends with %q, want %q", s, last, fence)
		}
		for _, l := range lines[1 : len(lines)-1] {
			for _, part := range strings.Split(l, "\r") {
				if closesFence(part, len(fence)) {
					t.Fatalf("CodeBlock(%q): line %q closes the fence %q", s, l, fence)
				}
			}
		}
	})
}

// parseCodeSpan returns the rendered content of a single code span.
func parseCodeSpan(out string) (string, error) {
	n := len(out) - len(strings.TrimLeft(out, "`"))
	if n == 0 || n == len(out) || !strings.HasSuffix(out, strings.Repeat("`", n)) {
		return "", fmt.Errorf("not delimited by equal backtick runs")
	}
	inner := out[n : len(out)-n]
	if strings.HasSuffix(inner, "`") {
		return "", fmt.Errorf("closing run longer than opening")
	}
	for _, run := range strings.FieldsFunc(inner, func(r rune) bool { return r != '`' }) {
		if len(run) == n {
			return "", fmt.Errorf("closes early at a run of %d backticks", n)
		}
	}
	if strings.ContainsAny(inner, "\r\n") {
		return "", fmt.Errorf("line break inside the span")
	}
	if len(inner) >= 2 && inner[0] == ' ' && inner[len(inner)-1] == ' ' && strings.Trim(inner, " ") != "" {
		inner = inner[1 : len(inner)-1]
	}
	return inner, nil
}

// unescapedPipe returns the index of a '|' the GFM table scanner would
// split on (one not directly preceded by a backslash), or -1.
func unescapedPipe(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '|' && (i == 0 || s[i-1] != '\\') {
			return i
		}
	}
	return -1
}

// closesFence reports whether line is a closing code fence for an opening
// run of n backticks (CommonMark §4.5: up to three spaces of indentation,
// at least n backticks, then only spaces or tabs).
func closesFence(line string, n int) bool {
	trimmed := strings.TrimLeft(line, " ")
	if len(line)-len(trimmed) > 3 {
		return false
	}
	run := len(trimmed) - len(strings.TrimLeft(trimmed, "`"))
	return run >= n && strings.Trim(trimmed[run:], " \t") == ""
}
