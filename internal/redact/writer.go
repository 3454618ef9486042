package redact

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// Writer redacts what passes through it to an underlying writer. A value
// split across two Write calls is still caught: a tail of one write that
// could begin a form is held back until the next write decides it, or
// until Flush. Text that cannot begin a secret (a prompt, a progress line)
// is passed on at once.
type Writer struct {
	set *Set
	w   io.Writer

	mu      sync.Mutex
	pending []byte
}

// NewWriter returns a Writer that redacts s's values (as they are at each
// write) from what it passes to w.
func NewWriter(s *Set, w io.Writer) *Writer {
	return &Writer{set: s, w: w}
}

// Unwrap returns the underlying writer, e.g. to ask whether it is a
// terminal.
func (w *Writer) Unwrap() io.Writer { return w.w }

// Write redacts p and writes what is decided; it reports len(p) written
// unless the underlying writer fails.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	buf := append(w.pending, p...)
	out, hold := w.set.cut(buf, false)
	w.pending = append([]byte(nil), hold...)
	if len(out) == 0 {
		return len(p), nil
	}
	if _, err := w.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes any held-back tail, redacting it if it could be the start
// of a value cut short.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.pending) == 0 {
		return nil
	}
	out, _ := w.set.cut(w.pending, true)
	w.pending = nil
	_, err := w.w.Write(out)
	return err
}

// cut returns buf with every form replaced. Unless final, it stops at the
// first position where the rest of buf is a proper prefix of a form and
// returns that rest as hold. When final, such a rest of MinLen or more
// bytes is replaced: it may be a value cut off.
func (s *Set) cut(buf []byte, final bool) (out, hold []byte) {
	if s == nil {
		return buf, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var b bytes.Buffer
	b.Grow(len(buf))
	for i := 0; i < len(buf); {
		// Copy the run of bytes no form starts with in one go.
		j := i
		for j < len(buf) && s.byFirst[buf[j]] == nil {
			j++
		}
		b.Write(buf[i:j])
		if i = j; i == len(buf) {
			break
		}
		n, partial := s.matchLocked(buf[i:])
		switch {
		case n > 0:
			b.WriteString(Placeholder)
			i += n
			continue
		case partial && !final:
			return b.Bytes(), buf[i:]
		case partial && len(buf)-i >= MinLen:
			b.WriteString(Placeholder)
			return b.Bytes(), nil
		}
		b.WriteByte(buf[i])
		i++
	}
	return b.Bytes(), nil
}

// matchLocked returns the length of the longest form rest starts with, or
// partial when rest is itself the beginning of a longer form (so more text
// could still make a match).
func (s *Set) matchLocked(rest []byte) (n int, partial bool) {
	if len(rest) >= 2 {
		pair := uint16(rest[0])<<8 | uint16(rest[1])
		if s.pairs[pair/64]&(1<<(pair%64)) == 0 {
			return 0, false
		}
	}
	for _, f := range s.byFirst[rest[0]] {
		if len(rest) >= len(f) {
			if string(rest[:len(f)]) == f {
				return len(f), false
			}
			continue
		}
		if strings.HasPrefix(f, string(rest)) {
			return 0, true
		}
	}
	return 0, false
}
