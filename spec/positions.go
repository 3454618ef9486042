package spec

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// posIndex keeps what Locate needs of one YAML document, the position and
// kind of every node and the text of every mapping key, in one flat array
// without pointers, so that the yaml.v3 tree can be dropped once a file is
// decoded. A yaml.Node takes 160 bytes and holds six pointers; a posNode
// takes 24 and none: for 100,000 resources (5 million nodes) that is the
// difference between 860 MB the garbage collector keeps scanning and 120 MB
// it never looks into.
//
// The index of a split file leaves out the insides of list items
// (lazyitems.go): such an item is a lazy node, and lazy says where to find
// its text again.
type posIndex struct {
	nodes []posNode
	keys  []string   // texts of mapping keys, each once
	lazy  *lazyItems // nil unless the index has lazy nodes
}

type posNode struct {
	line, col int32
	key       int32 // a mapping key: its text, keys[key]; -1 otherwise
	first, n  int32 // children: nodes[first : first+n]; an alias: its target, nodes[first]; n < 0: lazy
	kind      yaml.Kind
}

// lazyNode is the entry of an item whose insides are not indexed: its own
// line, column and kind, and n = -1.
func lazyNode(n *yaml.Node) posNode {
	return posNode{line: int32(n.Line), col: int32(n.Column), key: -1, n: -1, kind: n.Kind}
}

// posBuilder lays a tree out in a posIndex: the children of a node take
// consecutive slots (a mapping's alternate key, value, key, value), and an
// alias points to the slot of its anchor.
type posBuilder struct {
	idx     *posIndex
	anchors map[*yaml.Node]int32
	keyIDs  map[string]int32
}

// indexPositions lays out the tree under root, which has size nodes
// (countNodes), and returns the index and root's slot.
func indexPositions(root *yaml.Node, size int) (*posIndex, int32) {
	b := newPosBuilder(size)
	return b.idx, b.add(root)
}

// newPosBuilder starts an index with room for size nodes.
func newPosBuilder(size int) *posBuilder {
	b := &posBuilder{idx: &posIndex{}, anchors: map[*yaml.Node]int32{}, keyIDs: map[string]int32{}}
	b.idx.nodes = make([]posNode, 0, size)
	return b
}

func (b *posBuilder) add(n *yaml.Node) int32 {
	i := int32(len(b.idx.nodes))
	b.idx.nodes = append(b.idx.nodes, posNode{})
	b.fill(i, n)
	return i
}

func (b *posBuilder) fill(i int32, n *yaml.Node) {
	pn := posNode{line: int32(n.Line), col: int32(n.Column), key: -1, kind: n.Kind}
	if n.Kind == yaml.AliasNode {
		pn.first = b.target(n.Alias)
		b.idx.nodes[i] = pn
		return
	}
	if n.Anchor != "" {
		b.anchors[n] = i // before the children: an alias inside may refer to n
	}
	pn.first, pn.n = int32(len(b.idx.nodes)), int32(len(n.Content))
	b.idx.nodes[i] = pn
	b.idx.nodes = slices.Grow(b.idx.nodes, len(n.Content))
	b.idx.nodes = b.idx.nodes[:len(b.idx.nodes)+len(n.Content)] // zero: every slot is filled below
	for j, c := range n.Content {
		b.fill(pn.first+int32(j), c)
		if n.Kind == yaml.MappingNode && j%2 == 0 {
			b.idx.nodes[pn.first+int32(j)].key = b.keyID(c.Value)
		}
	}
}

// target is the slot of an alias's anchor. YAML defines an anchor before
// any alias to it, so it is laid out already; a tree built by hand that
// breaks the rule gets the anchor laid out on its own.
func (b *posBuilder) target(n *yaml.Node) int32 {
	if n == nil {
		return -1
	}
	if i, ok := b.anchors[n]; ok {
		return i
	}
	return b.add(n)
}

func (b *posBuilder) keyID(s string) int32 {
	if id, ok := b.keyIDs[s]; ok {
		return id
	}
	id := int32(len(b.idx.keys))
	b.idx.keys = append(b.idx.keys, s)
	b.keyIDs[s] = id
	return id
}

// resolve follows aliases.
func (x *posIndex) resolve(i int32) int32 {
	for i >= 0 && x.nodes[i].kind == yaml.AliasNode {
		i = x.nodes[i].first
	}
	return i
}

// lookupPair returns the slots of the first key named key in mapping m and
// of its value, or -1, -1.
func (x *posIndex) lookupPair(m int32, key string) (int32, int32) {
	if m < 0 || x.nodes[m].kind != yaml.MappingNode {
		return -1, -1
	}
	mn := x.nodes[m]
	for i := mn.first; i+1 < mn.first+mn.n; i += 2 {
		if x.keys[x.nodes[i].key] == key {
			return i, i + 1
		}
	}
	return -1, -1
}

// items returns the slots of the items of sequence s (following aliases),
// or nil when s is not a sequence.
func (x *posIndex) items(s int32) (first, n int32, ok bool) {
	s = x.resolve(s)
	if s < 0 || x.nodes[s].kind != yaml.SequenceNode {
		return 0, 0, false
	}
	return x.nodes[s].first, x.nodes[s].n, true
}

func (x *posIndex) pos(file string, i int32) Pos {
	return Pos{File: file, Line: int(x.nodes[i].line), Column: int(x.nodes[i].col)}
}

// locateIn walks path (relative to the node of s) and returns the position
// of the deepest key or item it reaches.
func locateIn(s source, path string) Pos {
	x, n := s.idx, s.node
	pos := x.pos(s.file, n)
	for path != "" && n >= 0 {
		if x.nodes[n].n < 0 {
			// A lazy item; pos is its own position, the answer when its
			// text is not what was loaded.
			sub, root, ok := x.lazy.expand(n, x.nodes[n])
			if !ok {
				return pos
			}
			x, n = sub, root
		}
		var seg string
		seg, path = splitHead(path)
		key, idx := splitIndex(seg)
		n = x.resolve(n)
		if key != "" {
			k, v := x.lookupPair(n, key)
			if k < 0 {
				return pos
			}
			pos = x.pos(s.file, k)
			n = v
		}
		if idx >= 0 {
			first, count, ok := x.items(n)
			if !ok || idx >= int(count) {
				return pos
			}
			n = first + int32(idx)
			pos = x.pos(s.file, n)
		}
	}
	return pos
}
