package mdsafe

import (
	"fmt"
	"strings"
	"testing"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "access logs zone 1", "access logs zone 1"},
		{"empty", "", ""},
		{"html tag", "<img src=x onerror=alert(1)>", `&lt;img src\=x onerror\=alert\(1\)&gt;`},
		{"html comment", "<!-- logctl:plan dir=. -->", `&lt;\!\-\- logctl:plan dir\=\. \-\-&gt;`},
		{"entity", "&lt;b&gt;", "&amp;lt;b&amp;gt;"},
		{"link", "[click](https://evil.example)", `\[click\]\(https://evil\.example\)`},
		{"image", "![x](y)", `\!\[x\]\(y\)`},
		{"emphasis", "*a* _b_ ~~c~~", `\*a\* \_b\_ \~\~c\~\~`},
		{"heading at start", "# title", `\# title`},
		{"newline cannot start a block", "a\n# b\r\n---\rc", `a \# b \-\-\- c`},
		{"table pipe", "a|b", `a\|b`},
		{"math", "$x$", `\$x\$`},
		{"backslash", `a\b`, `a\\b`},
		{"mention", "@org/team", "@\u200borg/team"},
		{"control chars", "a\x00b\x1bc\x7f", "a\uFFFDb\uFFFDc\uFFFD"},
		{"tab kept", "a\tb", "a\tb"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"unicode kept", "日志 — ok", "日志 — ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := EscapeMarkdown(tc.in); got != tc.want {
				t.Errorf("EscapeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEscapeTableCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"pipe", "status|200", `status\|200`},
		{"escaped pipe stays escaped", `a\|b`, `a\\\|b`},
		{"line breaks", "a\nb\r\nc", "a<br>b<br>c"},
		{"html", "<br>", "&lt;br&gt;"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := EscapeTableCell(tc.in); got != tc.want {
				t.Errorf("EscapeTableCell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEscapeHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"tags", `<script>"x"&'y'</script>`, "&lt;script&gt;&#34;x&#34;&amp;&#39;y&#39;&lt;/script&gt;"},
		{"control", "a\x01b", "a\uFFFDb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := EscapeHTML(tc.in); got != tc.want {
				t.Errorf("EscapeHTML(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzEscapeInline checks that escaped text decodes back to the input
// exactly (so nothing is lost) and that every character with a meaning is
// escaped (the decoder refuses a bare one).
func FuzzEscapeInline(f *testing.F) {
	for _, s := range []string{"", "a|b", "<x>", "@u", "a\r\nb", "\\|", "`x`", "\xff", "&amp;", "@\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, br := range []string{" ", "<br>"} {
			out := escapeInline(s, br)
			if bare := strings.ReplaceAll(out, br, ""); strings.ContainsAny(bare, "\r\n<>") {
				t.Fatalf("escapeInline(%q, %q) = %q: raw line break, '<' or '>'", s, br, out)
			}
			got, err := unescapeInline(out, br)
			if err != nil {
				t.Fatalf("escapeInline(%q, %q) = %q: %v", s, br, out, err)
			}
			want := normalize(s, "\n")
			if br == " " {
				want = normalize(s, " ")
			}
			if got != want {
				t.Fatalf("escapeInline(%q, %q) = %q decodes to %q, want %q", s, br, out, got, want)
			}
		}
	})
}

// unescapeInline decodes escapeInline's output, failing on any character
// that would carry Markdown, HTML or mention meaning unescaped.
func unescapeInline(out, br string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(out); {
		rest := out[i:]
		switch {
		case br != " " && strings.HasPrefix(rest, br):
			b.WriteByte('\n')
			i += len(br)
		case strings.HasPrefix(rest, "&lt;"):
			b.WriteByte('<')
			i += 4
		case strings.HasPrefix(rest, "&gt;"):
			b.WriteByte('>')
			i += 4
		case strings.HasPrefix(rest, "&amp;"):
			b.WriteByte('&')
			i += 5
		case strings.HasPrefix(rest, "@"+zeroWidthSpace):
			b.WriteByte('@')
			i += 1 + len(zeroWidthSpace)
		case rest[0] == '\\':
			if len(rest) < 2 || !strings.ContainsRune(markdownPunct, rune(rest[1])) {
				return "", fmt.Errorf("dangling backslash at %d", i)
			}
			b.WriteByte(rest[1])
			i += 2
		case strings.ContainsRune(markdownPunct+"<>&@", rune(rest[0])):
			return "", fmt.Errorf("unescaped %q at %d", rest[0], i)
		default:
			b.WriteByte(rest[0])
			i++
		}
	}
	return b.String(), nil
}

// normalize is what escaping promises to preserve: line breaks become br,
// control characters and invalid bytes become U+FFFD.
func normalize(s, br string) string {
	s = strings.NewReplacer("\r\n", br, "\r", br, "\n", br).Replace(s)
	var b strings.Builder
	for _, r := range s {
		if isControl(r) && !(br == "\n" && r == '\n') {
			r = replacement
		}
		b.WriteRune(r)
	}
	return b.String()
}
