package policy

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The converter shares equal lists and objects by a key that cannot
// collide: the identity of their parts. Parts are converted first and are
// themselves shared (short strings, numbers, lists, objects), so two lists
// are equal exactly when they hold the same part terms in the same order,
// and two objects when they pair the same key and value terms. A long
// string, which is not shared, takes part by its text instead.
//
// OPA's own hash would not do as the key: it sums the elements' hashes, so
// 5,000 lists of the same eight field names in different orders, or the
// 2,000 levels of [[[...]]], all hash alike, and sharing by hash compared
// each new list with every earlier one (quadratic, cubic for the nesting).

// compositeKey is the table key of a list ('a') or an object ('o') of the
// given parts; object pairs must be sorted by key first.
func compositeKey(kind byte, parts []*ast.Term) string {
	var b strings.Builder
	b.Grow(1 + 9*len(parts))
	b.WriteByte(kind)
	for _, p := range parts {
		writeIdentity(&b, p)
	}
	return b.String()
}

// writeIdentity writes what identifies p among the converter's terms: its
// text for a long string, else its address. An address is stable and never
// reused while the table holds a composite with p in it: the composite
// keeps p alive, and Go's collector does not move objects.
func writeIdentity(b *strings.Builder, p *ast.Term) {
	if s, ok := p.Value.(ast.String); ok && len(s) > internMax {
		b.WriteByte('s')
		b.Write(binary.AppendUvarint(nil, uint64(len(s))))
		b.WriteString(string(s))
		return
	}
	b.WriteByte('p')
	var addr [8]byte
	binary.LittleEndian.PutUint64(addr[:], uint64(uintptr(unsafe.Pointer(p))))
	b.Write(addr[:])
}

// shareArray returns the shared list of terms.
func (c *converter) shareArray(terms []*ast.Term) *ast.Term {
	return c.shareKey(compositeKey('a', terms), func() *ast.Term { return ast.ArrayTerm(terms...) })
}

// shareObject returns the shared object of pairs.
func (c *converter) shareObject(pairs [][2]*ast.Term) *ast.Term {
	return c.shareKey(objectKey(pairs), func() *ast.Term { return ast.ObjectTerm(pairs...) })
}

// objectKey is the compositeKey of an object; it sorts pairs by key.
func objectKey(pairs [][2]*ast.Term) string {
	slices.SortFunc(pairs, func(a, b [2]*ast.Term) int { return a[0].Value.Compare(b[0].Value) })
	parts := make([]*ast.Term, 0, 2*len(pairs))
	for _, p := range pairs {
		parts = append(parts, p[0], p[1])
	}
	return compositeKey('o', parts)
}

func (c *converter) shareKey(key string, build func() *ast.Term) *ast.Term {
	if c.mu != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	if t, ok := c.composite[key]; ok {
		return t
	}
	t := build()
	c.composite[key] = t
	return t
}

// absorb adds the shared terms of o that c lacks. o's lists and objects are
// keyed by o's parts, so each is keyed again by the parts c shares
// (canon); equal parts of both then become one.
func (c *converter) absorb(o *converter) {
	for s, t := range o.strs {
		if _, ok := c.strs[s]; !ok {
			c.strs[s] = t
		}
	}
	for s, t := range o.nums {
		if _, ok := c.nums[s]; !ok {
			c.nums[s] = t
		}
	}
	memo := map[*ast.Term]*ast.Term{}
	for _, t := range o.composite {
		c.canon(t, memo)
	}
}

// canon returns c's shared term equal to t, adding t's lists and objects
// to c's table, keyed by c's parts, when they are new to it. t itself goes
// in the table: it is the term the input holds, which a value converted
// later (the live state) should share.
func (c *converter) canon(t *ast.Term, memo map[*ast.Term]*ast.Term) *ast.Term {
	if s, ok := memo[t]; ok {
		return s
	}
	out := t
	switch v := t.Value.(type) {
	case ast.String:
		out = c.str(string(v))
	case ast.Number:
		out = c.num([]byte(v))
	case *ast.Array:
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			terms[i] = c.canon(v.Elem(i), memo)
		}
		out = c.shareKey(compositeKey('a', terms), func() *ast.Term { return t })
	case ast.Object:
		pairs := make([][2]*ast.Term, 0, v.Len())
		v.Foreach(func(k, x *ast.Term) {
			pairs = append(pairs, [2]*ast.Term{c.canon(k, memo), c.canon(x, memo)})
		})
		out = c.shareKey(objectKey(pairs), func() *ast.Term { return t })
	}
	memo[t] = out
	return out
}
