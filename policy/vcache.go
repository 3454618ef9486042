package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// funcCache is the evaluation's cache of rule and function results (OPA's
// topdown.VirtualCache). OPA's own keys it by the terms' hash and scans the
// terms of equal hash one by one; an array's hash is the sum of its
// elements', so the 5,000 distinct task shapes of a file whose tasks list
// the same field names in different orders all land on one hash, and the
// screen's call per shape (builtin/teo_screen.rego) compared each with
// every earlier one: 30 s instead of 0.3 s.
//
// funcCache looks up by hash as long as few terms share one; from
// collisionMax on, the terms of that hash are told apart by their printed
// form, which equal terms share (OPA prints objects and sets sorted), so a
// lookup costs one map access whatever the input. A term printed
// differently but equal (3 and 3.0) only misses the cache and is evaluated
// again: a cache may forget, it must never answer for another key.
type funcCache struct {
	frames []*cacheNode
}

var _ topdown.VirtualCache = (*funcCache)(nil)

// collisionMax is how many terms of one hash are compared one by one.
const collisionMax = 8

type cacheNode struct {
	value     *ast.Term
	undefined bool
	children  *cacheChildren
}

type cacheChildren struct {
	byHash  map[int][]cacheEntry
	printed map[int]map[string]cacheEntry // hashes with more than collisionMax terms
}

type cacheEntry struct {
	key  *ast.Term
	node *cacheNode
}

func newFuncCache() *funcCache {
	c := &funcCache{}
	c.Push()
	return c
}

// Push starts a new, empty frame (OPA does for `with`).
func (c *funcCache) Push() { c.frames = append(c.frames, &cacheNode{}) }

// Pop drops the newest frame.
func (c *funcCache) Pop() { c.frames = c.frames[:len(c.frames)-1] }

// Get returns the value cached for ref; nil, true for a cached undefined
// result; nil, false when nothing is cached.
func (c *funcCache) Get(ref ast.Ref) (*ast.Term, bool) {
	node := c.frames[len(c.frames)-1]
	for _, k := range ref {
		if node = node.children.get(k); node == nil {
			return nil, false
		}
	}
	if node.undefined {
		return nil, true
	}
	return node.value, false
}

// Put caches value for ref; a nil value records an undefined result.
func (c *funcCache) Put(ref ast.Ref, value *ast.Term) {
	node := c.frames[len(c.frames)-1]
	for _, k := range ref {
		next := node.children.get(k)
		if next == nil {
			if node.children == nil {
				node.children = &cacheChildren{byHash: map[int][]cacheEntry{}}
			}
			next = &cacheNode{}
			node.children.put(k, next)
		}
		node = next
	}
	if value != nil {
		node.value = value
	} else {
		node.undefined = true
	}
}

// Keys returns the refs cached in the newest frame.
func (c *funcCache) Keys() []ast.Ref {
	return c.frames[len(c.frames)-1].keys(nil)
}

func (n *cacheNode) keys(prefix ast.Ref) []ast.Ref {
	var out []ast.Ref
	n.children.each(func(k *ast.Term, child *cacheNode) {
		ref := prefix.Append(k)
		if child.value != nil {
			out = append(out, ref)
		}
		out = append(out, child.keys(ref)...)
	})
	return out
}

func (cc *cacheChildren) get(k *ast.Term) *cacheNode {
	if cc == nil {
		return nil
	}
	h := k.Hash()
	if byText, ok := cc.printed[h]; ok {
		return byText[k.String()].node
	}
	for _, e := range cc.byHash[h] {
		if e.key.Equal(k) {
			return e.node
		}
	}
	return nil
}

// put adds k, which get did not find.
func (cc *cacheChildren) put(k *ast.Term, node *cacheNode) {
	h := k.Hash()
	if byText, ok := cc.printed[h]; ok {
		byText[k.String()] = cacheEntry{k, node}
		return
	}
	entries := append(cc.byHash[h], cacheEntry{k, node})
	if len(entries) <= collisionMax {
		cc.byHash[h] = entries
		return
	}
	byText := make(map[string]cacheEntry, len(entries))
	for _, e := range entries {
		byText[e.key.String()] = e
	}
	if cc.printed == nil {
		cc.printed = map[int]map[string]cacheEntry{}
	}
	cc.printed[h] = byText
	delete(cc.byHash, h)
}

func (cc *cacheChildren) each(f func(*ast.Term, *cacheNode)) {
	if cc == nil {
		return
	}
	for _, es := range cc.byHash {
		for _, e := range es {
			f(e.key, e.node)
		}
	}
	for _, byText := range cc.printed {
		for _, e := range byText {
			f(e.key, e.node)
		}
	}
}
