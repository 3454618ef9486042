package spec

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// envUsesSplit collects the references of a file that planSplit cuts
// (split.go): the skeleton, then the items batch by batch, so that no more
// than a few batches' trees are alive at a time. A file of 100,000
// resources otherwise takes a tree of some 1.7 GB. It returns false when a
// part does not parse as the whole file would; the caller then parses the
// file whole, which also reports any syntax error where it is.
func envUsesSplit(file string, data []byte, plan *splitPlan, batchItems int) ([]envUse, bool) {
	skel := plan.skeleton(data) // same lines as data: positions need no shift
	var root yaml.Node
	if !decodeOne(skel, &root) || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	for _, r := range plan.regions {
		if _, ok := regionKey(root.Content[0], r); !ok {
			return nil, false
		}
	}
	type part struct {
		region     splitRegion
		first, end int
		uses       []envUse
		ok         bool
	}
	var parts []*part
	for _, r := range plan.regions {
		for i := 0; i < len(r.offs); i += batchItems {
			parts = append(parts, &part{region: r, first: i, end: min(i+batchItems, len(r.offs))})
		}
	}
	onEveryCore(len(parts), func(i int) {
		p := parts[i]
		p.uses, p.ok = batchEnvUses(file, data, p.region, p.first, p.end)
	})
	uses := newSourceText(skel).envUses(file, &root)
	for _, p := range parts {
		if !p.ok {
			return nil, false
		}
		uses = append(uses, p.uses...)
	}
	return uses, true
}

// batchEnvUses parses items [first, end) of region r as a document of their
// own and moves the positions of their references to the file's lines
// (columns are the same: the text is cut at line starts).
func batchEnvUses(file string, data []byte, r splitRegion, first, end int) ([]envUse, bool) {
	to := r.end
	if end < len(r.offs) {
		to = r.offs[end]
	}
	text := data[r.offs[first]:to]
	var n yaml.Node
	if !decodeOne(text, &n) || len(n.Content) != 1 {
		return nil, false
	}
	if seq := n.Content[0]; seq.Kind != yaml.SequenceNode || len(seq.Content) != end-first || seq.Column != r.indent+1 {
		return nil, false
	}
	if !bytes.Contains(text, []byte("${env:")) {
		return nil, true
	}
	uses := newSourceText(text).envUses(file, &n)
	for i := range uses {
		uses[i].pos.Line += r.lines[first] - 1
	}
	return uses, true
}
