package spec

import (
	"bytes"
	"reflect"
)

// A file with a hundred thousand resources makes a yaml.v3 tree of several
// million nodes (about 860 MB) when parsed whole. Most of such a file is the
// items of a few top-level lists, and an item's tree does not depend on its
// neighbours, so a file that is simple enough is parsed in two parts: a
// skeleton (the file with those items blanked out, lines kept) and the items
// in batches, each batch parsed as a small document of its own. Only a
// batch's tree is alive at a time, and the position index keeps the items
// but not their insides, which Locate parses again when asked
// (lazyitems.go).
//
// "Simple enough" is decided by a conservative byte scan: anything that could
// make a batch parse differently from the whole file (anchors, aliases, merge
// keys, tags, directives, block scalars, several documents, flow or
// irregular layout at the top level) sends the file down the whole-file path.

// splitConfig says when and how finely a file is split.
type splitConfig struct {
	minBytes   int // files smaller than this are parsed whole
	batchItems int // items per batch
}

// defaultSplit splits only files big enough for the whole tree to matter.
func defaultSplit() splitConfig { return splitConfig{minBytes: 1 << 20, batchItems: 1000} }

// splitRegion is the block of items of one top-level list.
type splitRegion struct {
	key     string
	keyLine int   // line of the 'key:' line
	indent  int   // column of the items' '-' minus one
	offs    []int // byte offset of each item's first line
	lines   []int // line number of each item's first line
	end     int   // byte offset where the region's last item ends
}

// splitPlan is where a file may be cut; nil means parse it whole.
type splitPlan struct {
	regions []splitRegion
}

// indicators are the bytes that are YAML syntax at the start of a token:
// & anchor, * alias, << merge key, ! tag, % directive, | and > block
// scalars, ? complex key. A batch could read any of them otherwise than the
// whole file does, so a file where one may start a token is parsed whole.
const indicators = "&*<!%|>?"

// tokenBefore are the bytes after which a token may start (with the start
// of the file). Mid-word, as in 'a&b' or '60.5%', an indicator is plain
// text; after a quote (it may close a quoted scalar) or ':' (a value may
// follow a quoted key at once in flow style) it counts.
const tokenBefore = " \n[]{},:\"'"

// plainSyntax reports whether data is free of the syntax the line scan
// does not model: indicators that may start a token, tabs, and every line
// break but '\n' (yaml.v3 also counts '\r', U+0085, U+2028 and U+2029 as
// line breaks, which would move the lines of a batch), and byte order marks,
// which yaml.v3 skips at the start of any line.
func plainSyntax(data []byte) bool {
	if bytes.ContainsAny(data, "\t\r\u0085\u2028\u2029\ufeff") || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return false
	}
	for i := 0; ; {
		j := bytes.IndexAny(data[i:], indicators)
		if j < 0 {
			return true
		}
		i += j
		if i == 0 || bytes.IndexByte([]byte(tokenBefore), data[i-1]) >= 0 {
			return false
		}
		i++
	}
}

// splittableLists are the top-level keys whose values are lists of resources.
func splittableLists() map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeOf(File{})
	info := structInfoOf(t)
	for key, i := range info.byKey {
		if t.Field(i).Type.Kind() == reflect.Slice {
			out[key] = true
		}
	}
	return out
}

// planSplit scans data and returns where to cut it, or nil.
func planSplit(data []byte, cfg splitConfig) *splitPlan {
	if len(data) < cfg.minBytes || cfg.batchItems <= 0 || !plainSyntax(data) {
		return nil
	}
	s := splitScan{lists: splittableLists(), seen: map[string]int{}, size: len(data)}
	line := 0
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(data)-off, len(data)
		}
		line++
		if !s.line(data[off:off+end], off, line) {
			return nil
		}
		off = next
	}
	s.closeRegion()
	for _, r := range s.regions {
		if s.seen[r.key] > 1 {
			return nil // a duplicated list key: leave the diagnostics to the whole-file path
		}
	}
	if len(s.regions) == 0 {
		return nil
	}
	return &splitPlan{regions: s.regions}
}

// splitScan is the state of planSplit's line scan.
type splitScan struct {
	lists   map[string]bool
	seen    map[string]int // top-level keys, how often each is set
	pending string         // a list key ending its line, waiting for its first item
	keyLine int            // the pending key's line
	cur     *splitRegion   // the region being scanned
	lastEnd int            // end of the region's last non-blank line
	size    int            // length of the file
	regions []splitRegion
}

// line takes one line (without its newline) at byte offset off; false means
// the file is not splittable.
func (s *splitScan) line(text []byte, off, n int) bool {
	trimmed := bytes.TrimLeft(text, " ")
	indent := len(text) - len(trimmed)
	if len(bytes.TrimRight(trimmed, " ")) == 0 || trimmed[0] == '#' {
		return true // blank or a comment line: no structure
	}
	item := bytes.HasPrefix(trimmed, []byte("- "))
	if s.pending != "" && item {
		s.cur = &splitRegion{key: s.pending, keyLine: s.keyLine, indent: indent}
		s.pending = ""
	}
	s.pending = ""
	if s.cur != nil && indent == 0 && !item {
		s.closeRegion() // the next top-level key after items at column 1
	}
	if s.cur != nil && indent >= s.cur.indent {
		if indent == s.cur.indent {
			if !item {
				return false
			}
			s.cur.offs = append(s.cur.offs, off)
			s.cur.lines = append(s.cur.lines, n)
		}
		s.lastEnd = off + len(text) + 1
		if s.lastEnd > s.size {
			s.lastEnd = s.size // the last line has no newline
		}
		return true
	}
	if s.cur != nil && indent > 0 {
		return false // less indented than the items, yet not a top-level key
	}
	s.closeRegion()
	if indent > 0 {
		return true // part of a top-level value that is not split
	}
	return s.topKey(trimmed, n)
}

// topKey takes a line at column 1, which must be a plain 'key:' line.
func (s *splitScan) topKey(text []byte, n int) bool {
	if bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) {
		return false
	}
	colon := bytes.IndexByte(text, ':')
	if colon <= 0 || !plainKey(text[:colon]) {
		return false
	}
	rest := text[colon+1:]
	if len(rest) > 0 && rest[0] != ' ' {
		return false
	}
	key := string(text[:colon])
	s.seen[key]++
	if s.lists[key] && len(bytes.TrimSpace(rest)) == 0 {
		s.pending, s.keyLine = key, n
	}
	return true
}

func (s *splitScan) closeRegion() {
	if s.cur == nil {
		return
	}
	s.cur.end = s.lastEnd
	s.regions = append(s.regions, *s.cur)
	s.cur = nil
}

// plainKey accepts keys of letters, digits and '_', as the schema's are.
func plainKey(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// skeleton is data with the items of every region blanked out, keeping
// every newline so that the lines of what is left do not move.
func (p *splitPlan) skeleton(data []byte) []byte {
	out := make([]byte, 0, len(data)/8)
	prev := 0
	for _, r := range p.regions {
		out = append(out, data[prev:r.offs[0]]...)
		for _, c := range data[r.offs[0]:r.end] {
			if c == '\n' {
				out = append(out, '\n')
			}
		}
		prev = r.end
	}
	return append(out, data[prev:]...)
}
