package redact

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	const pw = `p@ss/w"rd&<1>`
	s := &Set{}
	s.Add(pw, "tok-123456", "abc", "   ", "")
	tests := []struct {
		name, in, want string
	}{
		{"raw", "password " + pw + " rejected", "password (sensitive) rejected"},
		{"twice", pw + "," + pw, "(sensitive),(sensitive)"},
		{"url user info", "https://user:p%40ss%2Fw%22rd&%3C1%3E@host/x", "https://user:(sensitive)@host/x"},
		{"query", "?key=p%40ss%2Fw%22rd%26%3C1%3E", "?key=(sensitive)"},
		{"path", "/p@ss%2Fw%22rd&%3C1%3E/", "/(sensitive)/"},
		{"json", `{"k":"p@ss/w\"rd\u0026\u003c1\u003e"}`, `{"k":"(sensitive)"}`},
		{"json without html escaping", `{"k":"p@ss/w\"rd&<1>"}`, `{"k":"(sensitive)"}`},
		{"go quoted", fmt.Sprintf("Url %q is invalid", pw), `Url "(sensitive)" is invalid`},
		{"short values are not redacted", "abc tok-123456", "abc (sensitive)"},
		{"cut off at the end", "token: tok-12", "token: (sensitive)"},
		{"too short a fragment to tell", "x tok", "x tok"},
		{"nothing", "plain text", "plain text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	var nilSet *Set
	if got := nilSet.String(pw); got != pw || s.Len() != 2 {
		t.Errorf("nil set changed text (%q) or Len = %d, want 2", got, s.Len())
	}
}

// TestLongestFirst: a value containing another is replaced whole.
func TestLongestFirst(t *testing.T) {
	s := &Set{}
	s.Add("secret", "secret-and-more")
	if got := s.String("a secret-and-more b secret c"); got != "a (sensitive) b (sensitive) c" {
		t.Errorf("got %q", got)
	}
}

// TestWriterSplitWrites: a value written a byte at a time, or split across
// writes anywhere, never comes out; text that cannot start one is not
// held back.
func TestWriterSplitWrites(t *testing.T) {
	const secret = "s3cr3t-VALUE"
	text := "Error: InvalidParameter: Url \"https://u:" + secret + "@h\" is invalid (" + secret + ")\n"
	want := "Error: InvalidParameter: Url \"https://u:(sensitive)@h\" is invalid ((sensitive))\n"
	for split := 1; split <= len(text); split++ {
		s := &Set{}
		s.Add(secret)
		var out bytes.Buffer
		w := NewWriter(s, &out)
		for i := 0; i < len(text); i += split {
			chunk := text[i:min(i+split, len(text))]
			if n, err := w.Write([]byte(chunk)); err != nil || n != len(chunk) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("chunks of %d: got %q, want %q", split, out.String(), want)
		}
	}

	s := &Set{}
	s.Add(secret)
	var out bytes.Buffer
	w := NewWriter(s, &out)
	fmt.Fprint(w, "Enter a value: ")
	if out.String() != "Enter a value: " {
		t.Errorf("a prompt was held back: %q", out.String())
	}
	fmt.Fprint(w, "token s3cr")
	if strings.Contains(out.String(), "s3cr") {
		t.Errorf("the start of a value was written before it was decided: %q", out.String())
	}
	w.Flush()
	if got := out.String(); got != "Enter a value: token (sensitive)" {
		t.Errorf("after Flush: %q", got)
	}
}

func TestDerive(t *testing.T) {
	s := &Set{}
	s.Add("a_b*c-secret")
	md := s.Derive(func(v string) string { return strings.NewReplacer("_", `\_`, "*", `\*`).Replace(v) })
	if got := md.String(`value a\_b\*c-secret and a_b*c-secret`); got != "value (sensitive) and (sensitive)" {
		t.Errorf("got %q", got)
	}
	if got := s.String(`a\_b\*c-secret`); got != `a\_b\*c-secret` {
		t.Errorf("Derive changed the original set: %q", got)
	}
}

func BenchmarkWriter(b *testing.B) {
	s := &Set{}
	for i := range 50 {
		s.Add(fmt.Sprintf("secret-value-%03d", i))
	}
	line := []byte(strings.Repeat("~ deliveryTask \"access-to-cls\" will be updated in place\n", 20))
	w := NewWriter(s, io.Discard)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		w.Write(line)
	}
}
