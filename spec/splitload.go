package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"
)

// splitList is one region's list as the skeleton decoded it: placeholders
// that the batches replace item by item.
type splitList struct {
	region splitRegion
	slice  reflect.Value // the File field, already len(items) long
	values []any         // the input list, already len(items) long
	nodes  []posNode     // the items' entries in the position index
	sums   []uint32      // the CRC-32C of each item's text
}

// parseSplit parses *data by plan (split.go). It returns false, leaving pf
// untouched, when anything does not go exactly as the whole-file path would
// go, so that the caller parses the file whole and reports what that finds.
//
// A file read from disk is let go once the skeleton is parsed and every
// item summed, and the batches read their items from the file again: at
// 100,000 resources the text is 52 MB that would otherwise be held until
// the last batch, when the typed resources and the policy input are
// already there (the plan's peak). *data is then nil. An item whose text
// is not what was summed fails its batch, and the file is parsed whole.
func (pf *parsedFile) parseSplit(data *[]byte, plan *splitPlan) bool {
	var n yaml.Node
	if !decodeOne(plan.skeleton(*data), &n) || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode {
		return false
	}
	root := n.Content[0]
	placeholder := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	for _, r := range plan.regions {
		if !fillSkeleton(root, r, placeholder) {
			return false
		}
	}
	d := newDecoder(pf.name)
	d.budget = math.MaxInt / 2 // no aliases (split.go): nothing can expand
	var pd parsedDoc
	d.decode(root, reflectValue(&pd.file), "")
	pd.value, _ = d.toValue(root).(map[string]any)
	if d.bombed || pd.value == nil {
		return false
	}
	pd.pos, pd.root = indexPositions(root, countNodes(root))
	text := pf.itemText(*data)
	lazy := &lazyItems{text: text}
	lists := make([]splitList, len(plan.regions))
	for i, r := range plan.regions {
		idx := structInfoOf(reflect.TypeOf(File{})).byKey[r.key]
		_, seq := pd.pos.lookupPair(pd.root, r.key)
		first := pd.pos.nodes[seq].first
		lr := lazyRegion{splitRegion: r, slot: first, sums: make([]uint32, len(r.offs))}
		for j := range lr.sums {
			from, to := r.span(j)
			lr.sums[j] = itemSum((*data)[from:to])
		}
		lazy.regions = append(lazy.regions, lr)
		lists[i] = splitList{region: r, slice: reflectValue(&pd.file).Field(idx), values: pd.value[r.key].([]any),
			nodes: pd.pos.nodes[first : first+int32(len(r.offs))], sums: lr.sums}
	}
	pd.pos.lazy = lazy
	if pf.disk {
		*data = nil
	}
	diags, ok := pf.parseBatches(text, lists)
	if !ok {
		return false
	}
	pf.diags = append(pf.diags, d.diags...)
	pf.diags = append(pf.diags, diags...)
	pf.versionCheck(pd, root)
	pf.docs = append(pf.docs, pd)
	pf.converted = pf.convert != nil
	return true
}

// decodeOne parses data, which must hold exactly one YAML document.
func decodeOne(data []byte, n *yaml.Node) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if dec.Decode(n) != nil {
		return false
	}
	var more yaml.Node
	return errors.Is(dec.Decode(&more), io.EOF)
}

// fillSkeleton replaces the empty value the skeleton has for region r's key
// by a list of placeholders, positioned where the whole file has its list.
// The key must be where the scan saw it: if it is not (the scan misread a
// multi-line scalar), the file is parsed whole.
func fillSkeleton(root *yaml.Node, r splitRegion, placeholder *yaml.Node) bool {
	i, ok := regionKey(root, r)
	if !ok {
		return false
	}
	content := make([]*yaml.Node, len(r.offs))
	for j := range content {
		content[j] = placeholder
	}
	root.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq",
		Line: r.lines[0], Column: r.indent + 1, Content: content}
	return true
}

// regionKey finds region r's key in the skeleton's root mapping, with the
// empty value the blanked items leave: ok is false when the key is not
// where the scan saw it.
func regionKey(root *yaml.Node, r splitRegion) (int, bool) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != r.key {
			continue
		}
		if k.Kind != yaml.ScalarNode || k.Line != r.keyLine || k.Column != 1 || !isNull(v) || v.Value != "" {
			return 0, false
		}
		return i, true
	}
	return 0, false
}

// itemText is where the items of a split file are read again when a
// position inside one is asked for (lazyitems.go): the file, when it was
// read from disk, or else data itself.
func (pf *parsedFile) itemText(data []byte) itemText {
	if pf.disk {
		return fileText{name: pf.name, size: int64(len(data))}
	}
	return bytesText(data)
}

// batch is a run of items of one list.
type batch struct {
	list       int // index in lists
	first, end int // items [first, end)
	diags      Diagnostics
	ok         bool
}

// parseBatches parses and decodes the items of every list, a batch at a
// time on every core, reading each batch's text from text. Each batch
// writes the index entries of its own items only, so the batches share
// nothing they write.
func (pf *parsedFile) parseBatches(text itemText, lists []splitList) (Diagnostics, bool) {
	var batches []*batch
	for li, l := range lists {
		for i := 0; i < len(l.region.offs); i += pf.split.batchItems {
			batches = append(batches, &batch{list: li, first: i, end: min(i+pf.split.batchItems, len(l.region.offs))})
		}
	}
	todo := make(chan *batch)
	done := make(chan *batch)
	var wg sync.WaitGroup
	var failed atomic.Bool
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bt := range todo {
				if !failed.Load() { // after a failure the file is parsed whole anyway
					pf.parseBatch(text, lists[bt.list], bt)
				}
				if !bt.ok {
					failed.Store(true)
				}
				done <- bt
			}
		}()
	}
	go func() {
		defer close(todo)
		for _, bt := range batches {
			todo <- bt
		}
	}()
	go func() { wg.Wait(); close(done) }()
	ok := true
	for bt := range done {
		ok = ok && bt.ok
	}
	var diags Diagnostics
	for _, bt := range batches {
		diags = append(diags, bt.diags...)
	}
	return diags, ok
}

// parseBatch parses the items of bt as a document of their own, moves
// their lines to where they are in the file (columns are the same: the
// text is cut at line starts), then decodes them. Each item's text must be
// the one summed before (parseSplit). The position index gets each item's
// own entry, not its insides (lazyitems.go).
func (pf *parsedFile) parseBatch(text itemText, l splitList, bt *batch) {
	r := l.region
	start := r.offs[bt.first]
	_, end := r.span(bt.end - 1)
	data, err := text.read(start, end)
	if err != nil {
		return
	}
	for i := bt.first; i < bt.end; i++ {
		from, to := r.span(i)
		if itemSum(data[from-start:to-start]) != l.sums[i] {
			return // changed on disk since it was read: parse whole
		}
	}
	var n yaml.Node
	if !decodeOne(data, &n) || len(n.Content) != 1 {
		return
	}
	seq := n.Content[0]
	shift := r.lines[bt.first] - 1
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != bt.end-bt.first ||
		seq.Line+shift != r.lines[bt.first] || seq.Column != r.indent+1 {
		return
	}
	d := newDecoder(pf.name)
	d.budget = math.MaxInt / 2
	for j, item := range seq.Content {
		if shiftLines(item, shift); item.Line != r.lines[bt.first+j] {
			return // an item that does not start on its '- ' line: parse whole
		}
	}
	for j, item := range seq.Content {
		i := bt.first + j
		d.decode(item, l.slice.Index(i), fmt.Sprintf("%s[%d]", r.key, i))
		switch {
		case pf.deferItems && slices.Contains(resourceKeys, r.key):
			l.values[i] = deferred{}
		case pf.convert != nil:
			l.values[i] = pf.convert(d.toValue(item))
		default:
			l.values[i] = d.toValue(item)
		}
		l.nodes[i] = lazyNode(item)
	}
	bt.diags, bt.ok = d.diags, !d.bombed
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}
