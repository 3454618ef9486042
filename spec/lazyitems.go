package spec

import (
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"sync"

	"gopkg.in/yaml.v3"
)

// The position index of a split file (split.go) holds the list items
// themselves but not what is inside them: for 100,000 resources the insides
// are about 4.8 million nodes, 116 MB kept for the whole run, while a plan
// with no findings never asks for one position. Each item keeps what finds
// it again (its line, column and kind in the index; its byte range and
// first line in the split plan; a checksum of its text), and Locate parses
// an item's text again, alone, when it needs a position inside it.
//
// Parsing an item alone gives the tree the whole file gives: the split plan
// cuts the file between items at line starts, and a batch of one item is
// one of the layouts the split path is tested to agree with. The re-parse
// is checked all the same (one item, on its line and column, of its kind);
// any surprise answers with the item's own position.

// lazyCacheSize is how many re-parsed items are kept: findings come a few
// per resource, so the last few items take most of the look-ups.
const lazyCacheSize = 8

// lazyItems is where the unindexed items of one split document are found
// again. Locate runs on many goroutines at once (findings are placed
// concurrently); the regions are read-only after loading and the cache is
// guarded by mu.
type lazyItems struct {
	text    itemText
	regions []lazyRegion

	mu     sync.Mutex
	recent []expandedItem // least recently used first
}

// lazyRegion is one split list: its plan, the slot of its first item in
// the position index, and the CRC-32C of each item's text as loaded.
type lazyRegion struct {
	splitRegion
	slot int32
	sums []uint32
}

// expandedItem is an item parsed again and indexed on its own.
type expandedItem struct {
	slot int32 // the item's slot in the document's index
	idx  *posIndex
	root int32
}

// span is the byte range of item i, with the comments and blank lines that
// follow it up to the next item, as its batch parsed it.
func (r *splitRegion) span(i int) (int, int) {
	if i+1 < len(r.offs) {
		return r.offs[i], r.offs[i+1]
	}
	return r.offs[i], r.end
}

// itemText gives back the text of a split file as it was loaded.
type itemText interface {
	read(off, end int) ([]byte, error)
}

// fileText re-reads a file loaded from disk: keeping 55 MB of text to save
// 116 MB of index would only halve the cost. The file may have changed
// since; a different size is refused here and different bytes by the
// item's checksum, so a changed file gives the item's position, never a
// wrong line.
type fileText struct {
	name string
	size int64
}

var errChanged = errors.New("file changed since it was loaded")

func (f fileText) read(off, end int) ([]byte, error) {
	fh, err := os.Open(f.name)
	if err != nil {
		return nil, fmt.Errorf("reopen %s: %w", f.name, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("reopen %s: %w", f.name, err)
	}
	if st.Size() != f.size {
		return nil, fmt.Errorf("reopen %s: %w", f.name, errChanged)
	}
	buf := make([]byte, end-off)
	if _, err := fh.ReadAt(buf, int64(off)); err != nil {
		return nil, fmt.Errorf("reread %s: %w", f.name, err)
	}
	return buf, nil
}

// bytesText is data handed to ParseBytes, kept by reference: the caller
// holds it anyway. Should the caller change it, the checksums notice.
type bytesText []byte

func (b bytesText) read(off, end int) ([]byte, error) {
	if off < 0 || end > len(b) || off > end {
		return nil, errChanged
	}
	return b[off:end], nil
}

// itemSum is the CRC-32C of an item's text: hardware-assisted on amd64 and
// arm64, so summing every item while loading costs next to nothing (the
// table is made once by the crc32 package).
func itemSum(text []byte) uint32 { return crc32.Checksum(text, crc32.MakeTable(crc32.Castagnoli)) }

// region returns the region whose items include slot.
func (z *lazyItems) region(slot int32) (*lazyRegion, int, bool) {
	for i := range z.regions {
		r := &z.regions[i]
		if slot >= r.slot && int(slot-r.slot) < len(r.offs) {
			return r, int(slot - r.slot), true
		}
	}
	return nil, 0, false
}

// expand returns the index of the item at slot, whose own entry is want,
// parsing the item again unless it is cached; false when its text cannot be
// had as it was loaded or does not parse as it did.
func (z *lazyItems) expand(slot int32, want posNode) (*posIndex, int32, bool) {
	if e, ok := z.cached(slot); ok {
		return e.idx, e.root, true
	}
	r, i, ok := z.region(slot)
	if !ok {
		return nil, 0, false
	}
	off, end := r.span(i)
	text, err := z.text.read(off, end)
	if err != nil || itemSum(text) != r.sums[i] {
		return nil, 0, false
	}
	item, ok := parseItem(text, r.lines[i], r.indent)
	if !ok || item.Line != int(want.line) || item.Column != int(want.col) || item.Kind != want.kind {
		return nil, 0, false
	}
	e := expandedItem{slot: slot}
	e.idx, e.root = indexPositions(item, countNodes(item))
	z.remember(e)
	return e.idx, e.root, true
}

// parseItem parses the text of one item as parseBatch parses a batch, and
// moves its lines to where they are in the file (line is the item's first).
func parseItem(text []byte, line, indent int) (*yaml.Node, bool) {
	items, ok := parseItems(text, 1, indent)
	if !ok {
		return nil, false
	}
	shiftLines(items[0], line-1)
	return items[0], true
}

// parseItems parses the text of n consecutive items of a list whose '-'
// is at column indent+1, as parseBatch parses a batch; lines count from
// the text's first.
func parseItems(text []byte, n, indent int) ([]*yaml.Node, bool) {
	var doc yaml.Node
	if !decodeOne(text, &doc) || len(doc.Content) != 1 {
		return nil, false
	}
	seq := doc.Content[0]
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != n || seq.Column != indent+1 {
		return nil, false
	}
	return seq.Content, true
}

func (z *lazyItems) cached(slot int32) (expandedItem, bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	for i, e := range z.recent {
		if e.slot == slot {
			copy(z.recent[i:], z.recent[i+1:])
			z.recent[len(z.recent)-1] = e
			return e, true
		}
	}
	return expandedItem{}, false
}

// remember caches e, dropping the least recently used item when full. Two
// goroutines may have parsed the same item: the second is not added again.
func (z *lazyItems) remember(e expandedItem) {
	z.mu.Lock()
	defer z.mu.Unlock()
	for _, c := range z.recent {
		if c.slot == e.slot {
			return
		}
	}
	if len(z.recent) == lazyCacheSize {
		z.recent = append(z.recent[:0], z.recent[1:]...)
	}
	z.recent = append(z.recent, e)
}
