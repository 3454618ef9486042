package spec

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// sourceText maps between byte offsets in a file and the 1-based line and
// column (in characters, as yaml.v3 counts them) of its text.
type sourceText struct {
	data       []byte
	lineStarts []int
}

func newSourceText(data []byte) *sourceText {
	s := &sourceText{data: data, lineStarts: []int{0}}
	for i, b := range data {
		// YAML breaks lines at LF, CRLF and a lone CR.
		if b == '\n' || (b == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// offset is the byte offset of line:col, clamped to the text.
func (s *sourceText) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(s.lineStarts) {
		return len(s.data)
	}
	off := s.lineStarts[line-1]
	for ; col > 1 && off < len(s.data); col-- {
		_, size := utf8.DecodeRune(s.data[off:])
		off += size
	}
	return off
}

// pos is the position of byte offset off in file.
func (s *sourceText) pos(file string, off int) Pos {
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > off })
	start := s.lineStarts[line-1]
	return Pos{File: file, Line: line, Column: utf8.RuneCount(s.data[start:off]) + 1}
}

// envUses returns the references in the scalar values of the document
// under root, each at the place its text stands in the file.
//
// yaml.v3 gives a node's start but not its end, so the text of a scalar is
// taken to run until the next node starts (nodes in document order never
// overlap). A reference whose text is not found there, because an escape
// such as "\x24{env:X}" spells it, is reported at its scalar's start.
func (s *sourceText) envUses(file string, root *yaml.Node) []envUse {
	type walked struct {
		n     *yaml.Node
		value bool // a scalar in value position, not a mapping key
	}
	var nodes []walked
	var walk func(n *yaml.Node, isValue bool)
	walk = func(n *yaml.Node, isValue bool) {
		if n.Kind != yaml.DocumentNode {
			nodes = append(nodes, walked{n, isValue && n.Kind == yaml.ScalarNode})
		}
		for i, c := range n.Content {
			walk(c, n.Kind != yaml.MappingNode || i%2 == 1)
		}
	}
	walk(root, true) // an alias has no Content: its anchor is walked once, where it stands
	var uses []envUse
	for i, w := range nodes {
		n := w.n
		if !w.value {
			continue
		}
		names := EnvRefs(n.Value)
		if len(names) == 0 {
			continue
		}
		from, to := s.offset(n.Line, n.Column), len(s.data)
		if i+1 < len(nodes) {
			to = max(from, s.offset(nodes[i+1].n.Line, nodes[i+1].n.Column))
		}
		for _, name := range names {
			ref := []byte("${env:" + name + "}")
			at := bytes.Index(s.data[from:to], ref)
			if at < 0 {
				uses = append(uses, envUse{name, Pos{File: file, Line: n.Line, Column: n.Column}})
				continue
			}
			uses = append(uses, envUse{name, s.pos(file, from+at)})
			from += at + len(ref)
		}
	}
	return uses
}
