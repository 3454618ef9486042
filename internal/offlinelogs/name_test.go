package offlinelogs

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
		why  string // part of the error
	}{
		{name: "vendor l7 name", in: "20220811-02-test-add4.wellsjiang.com", ok: true},
		{name: "vendor l4 name", in: "20220811-10-proxy-1491-11ed-9792-525400655ede", ok: true},
		{name: "newer vendor shape", in: "20230725-2300-domain.example.com", ok: true},
		{name: "dots inside", in: "a..b", ok: true},
		{name: "leading dots but not a reference", in: "...", ok: true},
		{name: "unicode domain", in: "20240501-03-bücher.example", ok: true},
		{name: "empty", in: "", why: "empty"},
		{name: "dot", in: ".", why: "directory reference"},
		{name: "dot dot", in: "..", why: "directory reference"},
		{name: "parent traversal", in: "../etc/passwd", why: "separator"},
		{name: "nested traversal", in: "a/../../b", why: "separator"},
		{name: "absolute", in: "/etc/passwd", why: "absolute"},
		{name: "windows absolute", in: `\\server\share`, why: "absolute"},
		{name: "backslash traversal", in: `..\..\win.ini`, why: "separator"},
		{name: "slash inside", in: "2024/05/01", why: "separator"},
		{name: "drive letter", in: "C:evil", why: "':'"},
		{name: "alternate data stream", in: "pkg:stream", why: "':'"},
		{name: "NUL", in: "pkg\x00.gz", why: "control"},
		{name: "newline", in: "pkg\nfake line", why: "control"},
		{name: "escape sequence", in: "pkg\x1b[2J", why: "control"},
		{name: "DEL", in: "pkg\x7f", why: "control"},
		{name: "C1 control", in: "pkg\u0085", why: "control"},
		{name: "bidi override", in: "pkg\u202egz.exe", why: "control"},
		{name: "invalid UTF-8", in: "pkg\xff", why: "UTF-8"},
		{name: "too long", in: strings.Repeat("a", 201), why: "longer than"},
		{name: "longest allowed", in: strings.Repeat("a", 200), ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SafeName(tt.in)
			if tt.ok {
				if err != nil || got != tt.in {
					t.Fatalf("SafeName(%q) = %q, %v; want it unchanged", tt.in, got, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrUnsafeName) || !strings.Contains(err.Error(), tt.why) {
				t.Fatalf("SafeName(%q) = %q, %v; want ErrUnsafeName mentioning %q", tt.in, got, err, tt.why)
			}
			if strings.ContainsFunc(err.Error(), isControl) {
				t.Errorf("error %q carries a raw control character", err)
			}
		})
	}
}

// FuzzSafeName checks the promise of SafeName for any input: a name it
// accepts is returned unchanged and, joined to a directory, names a file
// directly inside that directory.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"20220811-02-test-add4.wellsjiang.com", "..", "../x", "a/b", `a\b`, "/abs",
		"C:x", "x\x00", "\u202e", "", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got, err := SafeName(name)
		if err != nil {
			if !errors.Is(err, ErrUnsafeName) {
				t.Fatalf("SafeName(%q) error %v does not wrap ErrUnsafeName", name, err)
			}
			return
		}
		if got != name {
			t.Fatalf("SafeName(%q) = %q: a name is accepted or refused, never rewritten", name, got)
		}
		dir := filepath.FromSlash("/srv/logs")
		joined := filepath.Join(dir, got+fileSuffix+partSuffix)
		if filepath.Dir(joined) != dir || filepath.Base(joined) != got+fileSuffix+partSuffix {
			t.Fatalf("SafeName(%q) accepted a name that leaves %s: %s", name, dir, joined)
		}
		if !filepath.IsLocal(got) || strings.ContainsAny(got, `/\:`) || !utf8.ValidString(got) ||
			strings.ContainsFunc(got, isControl) || len(got) > maxNameBytes {
			t.Fatalf("SafeName(%q) accepted an unsafe name", name)
		}
	})
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		in, why string
	}{
		{"https://log-down04-cn.edgeone.qcloud.com/20220811/x.log.gz?sign=abc", ""},
		{"http://127.0.0.1:8787/offline-logs/l7/z/20240501/2024050103-d.log.gz", ""},
		{"ftp://example.com/x.gz", "not http or https"},
		{"file:///etc/passwd", "not http or https"},
		{"/relative/path.gz", "not http or https"},
		{"https:///nohost", "no host"},
		{"https://user:pass@example.com/x.gz?sign=SECRET", "user information"},
		{"https://exa mple.com/%zz?sign=SECRET", "not a valid URL"},
	}
	for _, tt := range tests {
		_, err := checkURL(tt.in)
		switch {
		case tt.why == "" && err != nil:
			t.Errorf("checkURL(%q) = %v, want ok", tt.in, err)
		case tt.why != "" && (err == nil || !strings.Contains(err.Error(), tt.why)):
			t.Errorf("checkURL(%q) = %v, want an error containing %q", tt.in, err, tt.why)
		case err != nil && (strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "pass")):
			t.Errorf("checkURL(%q) error %q quotes the URL", tt.in, err)
		}
	}
}
