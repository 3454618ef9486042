package spec

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// toValue converts a node into plain Go values shaped as the YAML, the form
// the policies see as `input` (the same shape conftest builds from the file).
// Scalars keep the type YAML resolved for them, so `sample: "605"` stays a
// string and policies can complain about it.
func (d *decoder) toValue(n *yaml.Node) any {
	if !d.charge(n) {
		return nil
	}
	n = d.resolve(n)
	if n == nil {
		return nil
	}
	defer d.enter(n)()
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode {
		defer func() { d.depth-- }()
		if !d.descend(n) {
			return nil
		}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return d.toValue(n.Content[0])
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = d.toValue(c)
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		d.mergeInto(out, n)
		return out
	}
	v := scalarValue(n)
	if s, ok := v.(string); ok {
		return d.intern(s)
	}
	return v
}

// mergeInto sets the explicit keys of n, then the keys of its merge keys
// that are still unset: an explicit key wins over a merged one.
func (d *decoder) mergeInto(out map[string]any, n *yaml.Node) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if _, dup := out[k.Value]; !dup {
			out[k.Value] = d.toValue(v)
		}
	}
	for _, m := range merges {
		m = d.resolve(m)
		sources := []*yaml.Node{m}
		if m != nil && m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, src := range sources {
			if src = d.resolve(src); src != nil && src.Kind == yaml.MappingNode {
				leave := d.enter(src)
				d.mergeInto(out, src)
				leave()
			}
		}
	}
}

func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}
