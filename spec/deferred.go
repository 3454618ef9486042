package spec

import (
	"fmt"
	"math"
	"slices"
)

// A deferred item (LoadOptions.DeferItems) is a resource of a split file
// whose plain value the load did not keep: the policy input holds this
// placeholder in its place, and InputItems parses the item again from the
// file when it is asked for. The split loader already keeps what finds an
// item again (its byte range, its first line, the CRC-32C of its text) for
// Locate; the same re-read gives its value, checked by the same sum.
type deferred struct{}

// deferredRun is how many items are parsed again as one document: a tree
// of 1,000 items is some 10 MB, about what one load batch holds.
const deferredRun = 1000

// ErrFileChanged is returned when a file changed on disk after it was
// loaded and one of its items was needed again.
var ErrFileChanged = errChanged

// InputItems calls fn, in the order of idx, with the policy-input value of
// each item of the top-level list key ("deliveryTasks", "exports",
// "dumps") that idx names: the value the document holds (converted by
// LoadOptions.ConvertItem when the load had one), or for a deferred item
// the item parsed again from its file, in plain values: the caller
// converts it as it needs, and keeps it no longer than it needs it.
// Indices out of range are skipped. An error wraps ErrFileChanged when a file no longer holds what
// was loaded. It is safe for concurrent use.
func (doc *Document) InputItems(key string, idx []int, fn func(i int, v any)) error {
	if doc.input == nil {
		return nil
	}
	vals, err := doc.input.pick(key, idx)
	if err != nil {
		return err
	}
	srcs := doc.sources[key]
	for start := 0; start < len(idx); {
		i := idx[start]
		if _, ok := vals[start].(deferred); !ok || i >= len(srcs) {
			if i >= 0 && i < len(srcs) {
				fn(i, vals[start])
			}
			start++
			continue
		}
		end := runEnd(srcs, vals, idx, start)
		got, err := reparse(srcs, idx[start:end], nil)
		if err != nil {
			return err
		}
		for k, v := range got {
			fn(idx[start+k], v)
		}
		start = end
	}
	return nil
}

// pick returns the values the list holds at idx (nil out of range), under
// the lock that ConvertInput takes to replace them.
func (in *input) pick(key string, idx []int) ([]any, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.released {
		return nil, fmt.Errorf("the policy input was released")
	}
	list, _ := in.m[key].([]any)
	vals := make([]any, len(idx))
	for k, i := range idx {
		if i >= 0 && i < len(list) {
			vals[k] = list[i]
		}
	}
	return vals, nil
}

// runEnd returns the end of the run of deferred items that starts at
// idx[start]: consecutive indices, consecutive items of one region of one
// file, at most deferredRun of them.
func runEnd(srcs []source, vals []any, idx []int, start int) int {
	end := start + 1
	for end < len(idx) && end-start < deferredRun {
		_, isDeferred := vals[end].(deferred)
		prev, cur := idx[end-1], idx[end]
		if !isDeferred || cur != prev+1 || cur >= len(srcs) || srcs[cur].idx != srcs[prev].idx ||
			srcs[cur].node != srcs[prev].node+1 || regionOf(srcs[cur]) != regionOf(srcs[prev]) {
			break
		}
		end++
	}
	return end
}

func regionOf(s source) *lazyRegion {
	if s.idx == nil || s.idx.lazy == nil {
		return nil
	}
	r, _, _ := s.idx.lazy.region(s.node)
	return r
}

// reparse reads the items at idx (consecutive items of one region, as
// runEnd cut them) from their file once, checks each against the sum taken
// when it was loaded, and parses them as one document, as a load batch does.
func reparse(srcs []source, idx []int, convert func(any) any) ([]any, error) {
	first := srcs[idx[0]]
	if first.idx == nil || first.idx.lazy == nil {
		return nil, fmt.Errorf("%s: item %d has no text to read again", first.file, idx[0])
	}
	z := first.idx.lazy
	r, j0, ok := z.region(first.node)
	if !ok || j0+len(idx) > len(r.offs) {
		return nil, fmt.Errorf("%s: item %d has no text to read again", first.file, idx[0])
	}
	from, _ := r.span(j0)
	_, to := r.span(j0 + len(idx) - 1)
	data, err := z.text.read(from, to)
	if err != nil {
		return nil, err
	}
	changed := fmt.Errorf("%s: %w; run the command again", first.file, ErrFileChanged)
	for k := range idx {
		a, b := r.span(j0 + k)
		if itemSum(data[a-from:b-from]) != r.sums[j0+k] {
			return nil, changed
		}
	}
	items, ok := parseItems(data, len(idx), r.indent)
	if !ok {
		return nil, changed
	}
	d := newDecoder(first.file)
	d.budget = math.MaxInt / 2 // no aliases in a split file (split.go)
	out := make([]any, len(items))
	for k, item := range items {
		if out[k] = d.toValue(item); convert != nil {
			out[k] = convert(out[k])
		}
	}
	return out, nil
}

// materialize replaces every deferred item by its value, a run at a time,
// so that the plain values of a whole file are never all held at once.
// The caller holds in.mu.
func (doc *Document) materialize() error {
	in := doc.input
	for _, key := range resourceKeys {
		list, _ := in.m[key].([]any)
		srcs := doc.sources[key]
		for start := 0; start < len(list); {
			if _, ok := list[start].(deferred); !ok {
				start++
				continue
			}
			// runEnd cuts the run where the items stop being deferred.
			idx := make([]int, min(deferredRun, len(list)-start))
			for k := range idx {
				idx[k] = start + k
			}
			n := runEnd(srcs, list[start:], idx, 0)
			got, err := reparse(srcs, idx[:n], in.convert)
			if err != nil {
				return err
			}
			copy(list[start:], got)
			start += n
		}
	}
	return nil
}

// resourceKeys are the lists whose items may be deferred.
var resourceKeys = []string{"deliveryTasks", "exports", "dumps"}

// InputFrame returns the policy input without its resource lists
// (deliveryTasks, exports, dumps): version, defaults, scopes, as Input has
// them. A resource key whose value is not a list is kept. It never parses
// a deferred item. Callers must not modify it.
func (doc *Document) InputFrame() map[string]any {
	if doc.input == nil {
		return nil
	}
	doc.input.mu.Lock()
	defer doc.input.mu.Unlock()
	out := make(map[string]any, len(doc.input.m))
	for k, v := range doc.input.m {
		if _, isList := v.([]any); !isList || !slices.Contains(resourceKeys, k) {
			out[k] = v
		}
	}
	return out
}

// InputLen returns how many items the policy input's list key has.
func (doc *Document) InputLen(key string) int {
	if doc.input == nil {
		return 0
	}
	doc.input.mu.Lock()
	defer doc.input.mu.Unlock()
	list, _ := doc.input.m[key].([]any)
	return len(list)
}
