package spec

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// locateInTree is locateIn as first written, on the yaml.v3 tree: the
// reference the position index must agree with.
func locateInTree(file string, n *yaml.Node, path string) Pos {
	pos := Pos{File: file, Line: n.Line, Column: n.Column}
	for path != "" {
		var seg string
		seg, path = splitHead(path)
		key, idx := splitIndex(seg)
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if key != "" {
			k, v := lookupPair(n, key)
			if k == nil {
				return pos
			}
			pos = Pos{File: file, Line: k.Line, Column: k.Column}
			n = v
		}
		if idx >= 0 {
			for n.Kind == yaml.AliasNode {
				n = n.Alias
			}
			if n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
				return pos
			}
			n = n.Content[idx]
			pos = Pos{File: file, Line: n.Line, Column: n.Column}
		}
	}
	return pos
}

// treePaths lists paths into n, following aliases, up to depth, plus paths
// that stop existing part-way (a missing key, an index past the end).
func treePaths(n *yaml.Node, prefix string, depth int, out *[]string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if depth == 0 {
		return
	}
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch n.Kind {
	case yaml.MappingNode:
		*out = append(*out, join("absent"), join("absent[0]"))
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := join(n.Content[i].Value)
			*out = append(*out, p, p+".absent", p+"[0]", p+"[99]")
			treePaths(n.Content[i+1], p, depth-1, out)
		}
	case yaml.SequenceNode:
		*out = append(*out, prefix+"[99]", prefix+".key")
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", prefix, i)
			*out = append(*out, p)
			treePaths(c, p, depth-1, out)
		}
	}
}

// checkPositions compares the index with the tree on every path of every
// document of data.
func checkPositions(t *testing.T, data []byte) {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil || len(doc.Content) == 0 {
			return // not a tree to compare
		}
		root := doc.Content[0]
		idx, slot := indexPositions(root, countNodes(root))
		if len(idx.nodes) != countNodes(root) {
			t.Errorf("index has %d slots for %d nodes", len(idx.nodes), countNodes(root))
		}
		paths := []string{""}
		treePaths(root, "", 6, &paths)
		for _, p := range paths {
			want := locateInTree("f.yaml", root, p)
			if got := locateIn(source{"f.yaml", idx, slot}, p); got != want {
				t.Fatalf("locate %q = %v, want %v", p, got, want)
			}
		}
	}
}

func TestPositionIndexMatchesTree(t *testing.T) {
	tests := []struct {
		name string
		yaml string
	}{
		{name: "task", yaml: validTask},
		{name: "flow and block", yaml: "version: 1\ndeliveryTasks: [{name: a, entities: [x, y]}, {name: b}]\nexports:\n- name: e\n  derivedFields:\n  - a\n  - b\n"},
		{name: "anchors, aliases and merge keys", yaml: "base: &b {zoneId: z, entities: &e [a, b]}\ndeliveryTasks:\n  - &t {<<: *b, name: t1}\n  - *t\n  - {<<: [*b, *t], name: t2, entities: *e}\n"},
		{name: "alias as key", yaml: "k: &k name\nm: {*k : v, other: 1}\n"},
		{name: "recursive", yaml: "a: &a [*a, {b: *a}]\n"},
		{name: "odd shapes", yaml: "? [complex, key]\n: value\n'': empty\nnull: ~\nlist:\n- - nested\n  - [deeper, {x: 1}]\n"},
		{name: "several documents", yaml: "version: 1\ndeliveryTasks: [{name: a}]\n---\nversion: 1\nexports:\n  - name: e\n    query: |\n      multi\n      line\n"},
		{name: "scalar root", yaml: "just a string\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkPositions(t, []byte(tc.yaml)) })
	}
	if files, _ := filepath.Glob("../examples/*.yaml"); len(files) > 0 {
		for _, name := range files {
			t.Run(filepath.Base(name), func(t *testing.T) {
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				checkPositions(t, b)
			})
		}
	}
}

func FuzzPositionIndex(f *testing.F) {
	f.Add([]byte(validTask))
	f.Add([]byte("a: &a [*a, {b: *a}]\nc: {<<: *a}\n"))
	f.Add([]byte("x: &x {y: [1, 2]}\nz: [*x, *x]\n---\n- *q\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPositions(t, data)
	})
}
