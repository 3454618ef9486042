package redact

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Placeholder replaces every secret form, as in the plan's "(sensitive)".
const Placeholder = "(sensitive)"

// MinLen is the shortest value, in bytes, that is redacted.
const MinLen = 4

// Set is a growing collection of secret values. The zero value is empty
// and ready; a nil *Set redacts nothing. It is safe for concurrent use.
type Set struct {
	mu     sync.RWMutex
	values map[string]bool
	// byFirst indexes every form by its first byte, longest first, so
	// scanning text costs one map-free array lookup per byte.
	byFirst [256][]string
	// pairs has a bit for the first two bytes of every form: most bytes
	// that start a form ("s" in English text) are rejected by it without
	// comparing forms.
	pairs [1 << 16 / 64]uint64
}

// Add records secret values. Empty values, values of only white space and
// values shorter than MinLen are skipped. Adding to a nil Set does
// nothing.
func (s *Set) Add(values ...string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(strings.TrimSpace(v)) < MinLen || s.values[v] {
			continue
		}
		if s.values == nil {
			s.values = map[string]bool{}
		}
		s.values[v] = true
		for _, f := range forms(v) {
			s.addFormLocked(f)
		}
	}
}

// Derive returns a new Set with s's values and, for each transform, the
// transformed form of every value: for text that escapes values its own
// way, such as Markdown.
func (s *Set) Derive(transforms ...func(string) string) *Set {
	out := &Set{}
	if s == nil {
		return out
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for v := range s.values {
		out.Add(v)
		for _, t := range transforms {
			if f := t(v); len(f) >= MinLen {
				out.mu.Lock()
				out.addFormLocked(f)
				out.mu.Unlock()
			}
		}
	}
	return out
}

// Len reports how many values s holds.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.values)
}

// String returns text with every form of every value replaced by
// Placeholder. A trailing fragment of MinLen or more bytes that begins a
// form (a value cut off at the end of text) is replaced too.
func (s *Set) String(text string) string {
	if s == nil {
		return text
	}
	out, _ := s.cut([]byte(text), true)
	return string(out)
}

func (s *Set) addFormLocked(f string) {
	list := s.byFirst[f[0]]
	if slices.Contains(list, f) {
		return
	}
	list = append(list, f)
	slices.SortStableFunc(list, func(a, b string) int { return len(b) - len(a) })
	s.byFirst[f[0]] = list
	pair := uint16(f[0])<<8 | uint16(f[1]) // forms are at least MinLen bytes
	s.pairs[pair/64] |= 1 << (pair % 64)
}

// forms returns v as APIs and logctl print it: as is, URL-encoded as a
// query value, a path segment and URL user info, JSON-escaped (with and
// without HTML escaping) and Go-quoted (%q). The encodings differ only
// for values with special characters; duplicates are dropped.
func forms(v string) []string {
	out := []string{v, url.QueryEscape(v), url.PathEscape(v)}
	if ui := url.UserPassword("u", v).String(); len(ui) > 2 {
		out = append(out, ui[2:])
	}
	if b, err := json.Marshal(v); err == nil {
		out = append(out, string(b[1:len(b)-1]))
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) == nil {
		j := strings.TrimSpace(sb.String())
		out = append(out, j[1:len(j)-1])
	}
	q := strconv.Quote(v)
	out = append(out, q[1:len(q)-1])
	slices.Sort(out)
	return slices.Compact(out)
}
