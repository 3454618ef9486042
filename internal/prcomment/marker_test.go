package prcomment

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarker(t *testing.T) {
	tests := []struct{ dir, want string }{
		{".", "<!-- logctl:plan dir=. -->"},
		{"", "<!-- logctl:plan dir=. -->"},
		{"./logs/prod/", "<!-- logctl:plan dir=logs/prod -->"},
		{"logs prod", "<!-- logctl:plan dir=logs%20prod -->"},
		{"a-->b", "<!-- logctl:plan dir=a--%3Eb -->"},
		{"<x>!", "<!-- logctl:plan dir=%3Cx%3E%21 -->"},
		{"100%", "<!-- logctl:plan dir=100%25 -->"},
		{"日志", "<!-- logctl:plan dir=%E6%97%A5%E5%BF%97 -->"},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			if got := Marker(tc.dir); got != tc.want {
				t.Errorf("Marker(%q) = %q, want %q", tc.dir, got, tc.want)
			}
		})
	}
}

func TestBodyBudget(t *testing.T) {
	if got, want := BodyBudget("logs"), MaxCommentChars-len("<!-- logctl:plan dir=logs -->\n"); got != want {
		t.Errorf("BodyBudget = %d, want %d", got, want)
	}
}

// FuzzMarker checks that the directory cannot end the HTML comment, that
// the marker decodes back to the cleaned directory (so two directories
// never share one) and that no marker is a prefix of another's.
func FuzzMarker(f *testing.F) {
	for _, s := range []string{".", "a-->", "--!>", "<!--", "a b", "%41", "日志", "a/../b", "-"} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, dir, other string) {
		m := Marker(dir)
		inner, ok := strings.CutPrefix(m, "<!-- logctl:plan dir=")
		inner, ok2 := strings.CutSuffix(inner, " -->")
		if !ok || !ok2 {
			t.Fatalf("Marker(%q) = %q: malformed", dir, m)
		}
		if strings.ContainsAny(inner, "<>! \t\r\n") || !utf8.ValidString(inner) {
			t.Fatalf("Marker(%q) = %q: unsafe characters in the directory", dir, m)
		}
		decoded, err := url.PathUnescape(inner)
		if err != nil || decoded != filepath.ToSlash(filepath.Clean(dir)) {
			t.Fatalf("Marker(%q) = %q decodes to %q (%v)", dir, m, decoded, err)
		}
		om := Marker(other)
		if om != m && (strings.HasPrefix(om, m) || strings.HasPrefix(m, om)) {
			t.Fatalf("Marker(%q) = %q and Marker(%q) = %q: one is a prefix of the other", dir, m, other, om)
		}
	})
}
