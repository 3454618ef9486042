package spec

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// lazySplit splits any file with a list, in batches of two items.
var lazySplit = splitConfig{minBytes: 0, batchItems: 2}

// tasksFile is a file of n delivery tasks, each of eleven lines; task i
// starts on line 3+11*i.
func tasksFile(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndeliveryTasks:\n")
	for i := range n {
		fmt.Fprintf(&b, `  - name: t%03d
    zoneId: zone-1
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [a.example.com]
    fields:
      - RequestID
      - ClientIP
    # a comment inside the item
    cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}
`, i)
	}
	return []byte(b.String())
}

// loadFile parses the file at name as parseFile does, with cfg.
func loadFile(t *testing.T, name string, cfg splitConfig) *Document {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	pf := &parsedFile{name: name, split: cfg, disk: true}
	pf.parse(data)
	doc, _ := merge([]*parsedFile{pf})
	checkItemsLazy(t, doc, planSplit(data, cfg))
	return doc
}

// TestLocateAfterFileChanged changes a split file after loading it: a
// position inside an item whose text is no longer what was loaded is the
// item's own position, never a line of the new text.
func TestLocateAfterFileChanged(t *testing.T) {
	data := tasksFile(3)
	comment := []byte("    # a comment inside the item\n")
	lines := []byte("    #\n    #\n    #\n    # insides\n") // same size, three lines more
	tests := []struct {
		name   string
		change func(path string) error
		inside bool // the position inside the item is still found
	}{
		{name: "unchanged", change: func(string) error { return nil }, inside: true},
		{name: "item rewritten, same size", change: func(p string) error {
			return os.WriteFile(p, rewriteItem(data, 1, comment, lines), 0o644)
		}},
		{name: "another item rewritten, same size", inside: true, change: func(p string) error {
			return os.WriteFile(p, rewriteItem(data, 2, comment, lines), 0o644)
		}},
		{name: "line added before the item", change: func(p string) error {
			return os.WriteFile(p, rewriteItem(data, 0, comment, append(comment, "    #\n"...)), 0o644)
		}},
		{name: "text appended", change: func(p string) error {
			return os.WriteFile(p, append(bytes.Clone(data), "extra: 1\n"...), 0o644)
		}},
		{name: "truncated", change: func(p string) error { return os.WriteFile(p, data[:len(data)/2], 0o644) }},
		{name: "removed", change: os.Remove},
	}
	whole, _ := parseWith(data, wholeFile)
	deep, own := whole.Locate("deliveryTasks[1].cls.topicId"), whole.Locate("deliveryTasks[1]")
	if deep.Line == own.Line {
		t.Fatalf("the test needs a key that is not on its item's line: %v, %v", deep, own)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.yaml")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			doc := loadFile(t, path, lazySplit)
			if err := tt.change(path); err != nil {
				t.Fatal(err)
			}
			want := Pos{File: path, Line: own.Line, Column: own.Column}
			if tt.inside {
				want.Line, want.Column = deep.Line, deep.Column
			}
			if got := doc.Locate("deliveryTasks[1].cls.topicId"); got != want {
				t.Errorf("Locate(deliveryTasks[1].cls.topicId) = %v, want %v", got, want)
			}
			if got := doc.Locate("deliveryTasks[1]"); got.Line != own.Line || got.Column != own.Column {
				t.Errorf("Locate(deliveryTasks[1]) = %v, want %v", got, own)
			}
		})
	}
}

// TestLocateAfterBytesChanged changes the data given to the parser: the
// checksums notice, as they do for a file.
func TestLocateAfterBytesChanged(t *testing.T) {
	data := tasksFile(3)
	doc, _ := parseWith(data, lazySplit)
	checkItemsLazy(t, doc, planSplit(data, lazySplit))
	own := doc.Locate("deliveryTasks[1]")
	copy(data, rewriteItem(data, 1, []byte("    # a comment inside the item\n"), []byte("    #\n    #\n    #\n    # insides\n")))
	if got := doc.Locate("deliveryTasks[1].cls.topicId"); got != own {
		t.Errorf("Locate(deliveryTasks[1].cls.topicId) = %v, want the item's %v", got, own)
	}
}

// rewriteItem returns data with old replaced by new in the text of task i
// of a tasksFile.
func rewriteItem(data []byte, i int, old, new []byte) []byte {
	start := bytes.Index(data, fmt.Appendf(nil, "  - name: t%03d\n", i))
	out := bytes.Clone(data[:start])
	return append(out, bytes.Replace(data[start:], old, new, 1)...)
}

// TestLocateConcurrently places positions from many goroutines at once, in
// different orders over more items than the cache holds; run with -race.
func TestLocateConcurrently(t *testing.T) {
	data := tasksFile(3 * lazyCacheSize)
	whole, _ := parseWith(data, wholeFile)
	paths := locatePaths(data, whole)
	want := make([]Pos, len(paths))
	for i, p := range paths {
		want[i] = whole.Locate(p)
	}
	path := filepath.Join(t.TempDir(), "f.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*Document{loadFile(t, path, lazySplit), must(parseWith(data, lazySplit))} {
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for g := range 8 {
			wg.Go(func() {
				order := rand.New(rand.NewPCG(uint64(g), 1)).Perm(len(paths))
				for _, i := range order {
					if got := doc.Locate(paths[i]); got.Line != want[i].Line || got.Column != want[i].Column {
						errs <- fmt.Sprintf("Locate(%q) = %v, want %v", paths[i], got, want[i])
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
}

func must(doc *Document, _ Diagnostics) *Document { return doc }

// TestSplitFileChangedWhileLoading changes a file between the read that
// plans and sums it and the batches, which read their items from disk
// again: the file is then parsed whole, as it is now, never as a mix of
// the two texts.
func TestSplitFileChangedWhileLoading(t *testing.T) {
	data := tasksFile(5)
	rewritten := rewriteItem(data, 3, []byte("zoneId: zone-1"), []byte("zoneId: zone-9"))
	tests := []struct {
		name    string
		disk    []byte // what the batches find; nil: the file is gone
		want    []byte // the text the document must be, nil: an error
		isSplit bool   // the split path is taken
	}{
		{name: "unchanged", disk: data, want: data, isSplit: true},
		{name: "item rewritten, same size", disk: rewritten, want: rewritten},
		{name: "grown", disk: append(bytes.Clone(data), "extra: 1\n"...), want: append(bytes.Clone(data), "extra: 1\n"...)},
		{name: "removed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.yaml")
			if tt.disk != nil {
				if err := os.WriteFile(path, tt.disk, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pf := &parsedFile{name: path, split: lazySplit, disk: true}
			pf.parse(bytes.Clone(data))
			if tt.want == nil {
				if pf.err == nil {
					t.Fatal("no error for a file removed while it was loaded")
				}
				return
			}
			if pf.err != nil {
				t.Fatal(pf.err)
			}
			if got := pf.split.minBytes != math.MaxInt; got != tt.isSplit {
				t.Errorf("split path kept = %v, want %v", got, tt.isSplit)
			}
			got, gotDiags := merge([]*parsedFile{pf})
			wantDoc, wantDiags := parseWith(tt.want, wholeFile)
			if len(gotDiags) != len(wantDiags) {
				t.Errorf("diagnostics = %v, want %v", gotDiags, wantDiags)
			}
			if g, w := got.Input()["deliveryTasks"], wantDoc.Input()["deliveryTasks"]; fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("deliveryTasks = %v\nwant %v", g, w)
			}
			if g, w := got.Locate("deliveryTasks[3].zoneId"), wantDoc.Locate("deliveryTasks[3].zoneId"); g.Line != w.Line || g.Column != w.Column {
				t.Errorf("Locate(deliveryTasks[3].zoneId) = %v, want %v", g, w)
			}
		})
	}
}
