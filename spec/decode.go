package spec

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// maxExpandedNodes bounds how many nodes alias expansion may add to a
// document, so that a "billion laughs" document is refused quickly with
// bounded memory instead of being expanded. The nodes written out in the
// file do not count against it: a large file without aliases (100,000
// resources are several million nodes) is no bomb.
const maxExpandedNodes = 2_000_000

// decoder fills Go values from yaml.v3 nodes, reporting every problem as a
// diagnostic instead of stopping at the first one.
type decoder struct {
	strs   Interner
	file   string
	diags  Diagnostics
	budget int
	bombed bool
	depth  int                 // of the node toValue is converting
	active map[*yaml.Node]bool // anchors being expanded: an alias to one of them is a cycle
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, budget: maxExpandedNodes, active: map[*yaml.Node]bool{}}
}

// allowWalks raises the budget by the nodes the document spells out
// (countNodes), once for each of the walks the caller makes over it
// (decode, then toValue): only what aliases add on top is limited by
// maxExpandedNodes.
func (d *decoder) allowWalks(nodes, walks int) {
	d.budget += walks * nodes
}

// countNodes counts the nodes of a tree without following aliases.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, child := range n.Content {
		c += countNodes(child)
	}
	return c
}

// internMax is the longest string an Interner shares: names of types,
// areas, fields and regions repeat across thousands of resources, long
// values (URLs, queries) rarely do.
const internMax = 48

// intern returns the decoder's first copy of s. yaml.v3 allocates every
// scalar anew; at 100,000 resources the repeated short strings the typed
// resources and the policy input keep took over 30 MB.
func (d *decoder) intern(s string) string { return d.strs.String(s) }

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Column: n.Column} }

func (d *decoder) errorf(n *yaml.Node, path, rule, detail, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{
		Rule: rule, Severity: SeverityError, Summary: ClipText(fmt.Sprintf(format, args...)),
		Detail: ClipText(detail), Pos: d.pos(n), Path: path,
	})
}

// resolve follows aliases. An alias to an anchor that is being expanded
// (a recursive document) resolves to nil after reporting the cycle.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if d.active[n.Alias] {
			d.errorf(n, "", "schema.alias-cycle", "an alias must not refer to the node that contains it",
				"alias *%s refers to itself", n.Value)
			return nil
		}
		n = n.Alias
	}
	return n
}

// enter marks an anchored node as being expanded; the returned func unmarks it.
func (d *decoder) enter(n *yaml.Node) func() {
	if n == nil || n.Anchor == "" {
		return func() {}
	}
	d.active[n] = true
	return func() { delete(d.active, n) }
}

// charge accounts for visiting one node; it returns false once the budget is
// spent, after reporting the problem once.
func (d *decoder) charge(n *yaml.Node) bool {
	d.budget--
	if d.budget >= 0 {
		return true
	}
	if !d.bombed {
		d.bombed = true
		d.errorf(n, "", "schema.alias-expansion", "use fewer or smaller anchors and aliases",
			"aliases expand to more than %d nodes; refusing to expand them", maxExpandedNodes)
	}
	return false
}

// maxDepth is the deepest nesting of collections a document may have. The
// format's deepest value is four lists and four mappings down (the root,
// deliveryTasks, a task, deliveryConditions, a group, conditions, a
// condition, its value list); twice that leaves room for the format to
// grow. Deeper input can only be a mistake or an attack: policies and
// term sharing compare nested values level by level, and 2,000 levels of
// [[[...]]] in an 8 KB file took 46 s to lint before this bound.
const maxDepth = 16

// descend enters one level of nesting at n (toValue); it returns false,
// after reporting it once, when n is deeper than maxDepth. The caller
// leaves the level with d.depth-- either way.
func (d *decoder) descend(n *yaml.Node) bool {
	d.depth++
	if d.depth <= maxDepth {
		return true
	}
	if !d.bombed {
		d.bombed = true
		d.errorf(n, "", "schema.too-deep", "no value of the logctl format is nested this deep: look for unbalanced brackets or a misplaced indent",
			"values nested more than %d levels deep; refusing the document", maxDepth)
	}
	return false
}

var timestampType = reflect.TypeOf(Timestamp{})

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if !d.charge(n) {
		return
	}
	n = d.resolve(n)
	if n == nil || isNull(n) {
		return // absent: required-ness is checked by the parent mapping
	}
	defer d.enter(n)()
	switch {
	case v.Type() == timestampType:
		d.decodeTimestamp(n, v, path)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
	case v.Kind() == reflect.Struct:
		d.decodeStruct(n, v, path)
	case v.Kind() == reflect.Slice:
		d.decodeSlice(n, v, path)
	default:
		d.decodeScalar(n, v, path)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "schema.type", "write it as a list, e.g. [a, b] or one '- item' per line",
			"%s: expected a list, got %s", keyName(path), describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "schema.type", "write it as 'key: value' pairs",
			"%s: expected a mapping, got %s", keyName(path), describe(n))
		return
	}
	info := structInfoOf(v.Type())
	seen := make(map[string]bool, len(n.Content)/2)
	d.decodePairs(n, v, path, info, seen)
	for _, req := range info.required {
		if !seen[req] {
			// The path names the missing key (so the policy's own
			// required-field finding is recognised as the same problem);
			// the position is the mapping that lacks it.
			d.errorf(n, join(path, req), "schema.required", fmt.Sprintf("add '%s: ...' to %s", req, orRoot(path)),
				"missing required key %q", req)
		}
	}
}

// decodePairs decodes the explicit keys of a mapping first, then fills the
// keys still unset from merge keys ('<<: *anchor'), as YAML merge semantics
// say: an explicit key always wins over a merged one.
func (d *decoder) decodePairs(n *yaml.Node, v reflect.Value, path string, info *structInfo, seen map[string]bool) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			merges = append(merges, val)
			continue
		}
		d.decodePair(k, val, v, path, info, seen, false)
	}
	for _, m := range merges {
		if m = d.resolve(m); m == nil {
			continue
		}
		sources := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, src := range sources {
			if src = d.resolve(src); src == nil {
				continue
			}
			if src.Kind != yaml.MappingNode {
				d.errorf(src, path, "schema.type", "merge a mapping anchor: '<<: *name'", "'<<' needs a mapping")
				continue
			}
			leave := d.enter(src)
			d.mergePairs(src, v, path, info, seen)
			leave()
		}
	}
}

// mergePairs applies the pairs of a merged mapping without overriding.
func (d *decoder) mergePairs(n *yaml.Node, v reflect.Value, path string, info *structInfo, seen map[string]bool) {
	local := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Tag != "!!merge" && !seen[k.Value] {
			d.decodePair(k, n.Content[i+1], v, path, info, local, true)
		}
	}
	for k := range local {
		seen[k] = true
	}
}

func (d *decoder) decodePair(k, val *yaml.Node, v reflect.Value, path string, info *structInfo, seen map[string]bool, merged bool) {
	if k.Kind != yaml.ScalarNode {
		d.errorf(k, path, "schema.type", "keys are plain names", "a key must be a plain string")
		return
	}
	idx, ok := info.byKey[k.Value]
	if !ok {
		d.unknownKey(k, path, info)
		return
	}
	if seen[k.Value] {
		if !merged {
			d.errorf(k, join(path, k.Value), "schema.duplicate-key", "keep one of them",
				"key %q is set twice in the same mapping", k.Value)
		}
		return
	}
	seen[k.Value] = true
	sub := join(path, k.Value)
	before := len(d.diags)
	d.decode(val, v.Field(idx), sub)
	// design §5: a finding points at the line of the offending key, so a
	// wrong value is reported where its key is.
	for i := before; i < len(d.diags); i++ {
		if dg := &d.diags[i]; dg.Path == sub && dg.Rule == "schema.type" {
			dg.Pos = d.pos(k)
		}
	}
}

func (d *decoder) unknownKey(k *yaml.Node, path string, info *structInfo) {
	detail := "allowed keys: " + strings.Join(info.keys, ", ")
	if s := Suggest(k.Value, info.keys); s != "" {
		detail = fmt.Sprintf("did you mean %q?", s)
	}
	d.errorf(k, join(path, k.Value), "schema.unknown-key", detail, "unknown key %q in %s", k.Value, orRoot(path))
}

func (d *decoder) decodeTimestamp(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str" || n.Tag == "!!timestamp") {
		if ts, ok := ParseTimestamp(strings.ReplaceAll(n.Value, "_", "")); ok {
			v.Set(reflect.ValueOf(ts))
			return
		}
	}
	d.errorf(n, path, "schema.type", "use RFC 3339 (2020-12-09T07:31:47Z) or epoch milliseconds (1607499107000)",
		"%s: %s is not a time", keyName(path), describe(n))
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "schema.type", "", "%s: expected a %s, got %s", keyName(path), kindWord(v.Kind()), describe(n))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Tag != "!!str" {
			d.errorf(n, path, "schema.type", fmt.Sprintf("quote it: %q", n.Value),
				"%s: expected a string, got %s", keyName(path), describe(n))
			return
		}
		d.checkEnvRefs(n, path)
		v.SetString(d.intern(n.Value))
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if n.Tag != "!!int" || err != nil {
			d.errorf(n, path, "schema.type", "write a whole number without quotes",
				"%s: expected an integer, got %s", keyName(path), describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Tag != "!!bool" || err != nil {
			d.errorf(n, path, "schema.type", "write true or false without quotes",
				"%s: expected true or false, got %s", keyName(path), describe(n))
			return
		}
		v.SetBool(b)
	default:
		panic("spec: unsupported field kind " + v.Kind().String())
	}
}

func (d *decoder) checkEnvRefs(n *yaml.Node, path string) {
	if bad := malformedEnvRef(n.Value); bad != "" {
		d.errorf(n, path, "schema.env-ref", "write ${env:NAME} with NAME of letters, digits and _ (not starting with a digit)",
			"%s: malformed environment reference %q", keyName(path), bad)
	}
}

// describe names a node's type for messages, quoting short scalars. It never
// prints long values (they may be secrets pasted by mistake).
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	word := map[string]string{"!!str": "string", "!!int": "integer", "!!float": "number", "!!bool": "boolean", "!!timestamp": "timestamp", "!!null": "null"}[n.Tag]
	if word == "" {
		word = "value"
	}
	if len(n.Value) > 40 || strings.Contains(n.Value, "${env:") {
		return "a " + word
	}
	return fmt.Sprintf("%s %q", word, n.Value)
}

func kindWord(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	}
	return "integer"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

// keyName is the last key of a path, for short messages: "deliveryTasks[3].sample" → "sample".
func keyName(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	if path == "" {
		return "document"
	}
	return path
}

type structInfo struct {
	byKey    map[string]int
	keys     []string // in declaration order
	required []string
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byKey: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		si.byKey[key] = i
		si.keys = append(si.keys, key)
		if f.Tag.Get("logctl") == "required" {
			si.required = append(si.required, key)
		}
	}
	structInfos.Store(t, si)
	return si
}
