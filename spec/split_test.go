package spec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gopkg.in/yaml.v3"
)

// parseWith parses data as ParseBytes does, with the given split settings.
func parseWith(data []byte, cfg splitConfig) (*Document, Diagnostics) {
	pf := &parsedFile{name: "f.yaml", split: cfg}
	pf.parse(data)
	doc, diags := merge([]*parsedFile{pf})
	diags.Sort()
	return doc, diags
}

var wholeFile = splitConfig{minBytes: math.MaxInt, batchItems: 1}

// inputPaths lists the path of every key and item of v, plus one absent key
// under each mapping, for comparing Locate.
func inputPaths(v any, prefix string, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := join(prefix, k)
			*out = append(*out, p)
			inputPaths(v[k], p, out)
		}
		*out = append(*out, join(prefix, "absent"))
	case []any:
		for i, item := range v {
			p := fmt.Sprintf("%s[%d]", prefix, i)
			*out = append(*out, p)
			inputPaths(item, p, out)
		}
		*out = append(*out, fmt.Sprintf("%s[%d]", prefix, len(v)))
	}
}

// checkSplitEquivalent parses data whole and split in batches of every size
// in sizes and fails on any difference a user could see. It reports
// whether the split path was taken.
func checkSplitEquivalent(t *testing.T, data []byte, sizes ...int) bool {
	t.Helper()
	wantDoc, wantDiags := parseWith(data, wholeFile)
	paths := locatePaths(data, wantDoc)
	split := false
	for _, n := range sizes {
		cfg := splitConfig{minBytes: 0, batchItems: n}
		plan := planSplit(data, cfg)
		taken := plan != nil && (&parsedFile{name: "f.yaml", split: cfg}).parseSplit(&data, plan)
		split = split || taken
		doc, diags := parseWith(data, cfg)
		if taken {
			checkItemsLazy(t, doc, plan)
		}
		if d := cmp.Diff(wantDiags, diags); d != "" {
			t.Fatalf("batches of %d: diagnostics differ (-whole +split):\n%s\n%s", n, d, data)
		}
		if d := cmp.Diff(wantDoc, doc, cmpopts.IgnoreUnexported(Document{}), cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("batches of %d: documents differ (-whole +split):\n%s", n, d)
		}
		if d := cmp.Diff(wantDoc.Input(), doc.Input()); d != "" {
			t.Fatalf("batches of %d: inputs differ (-whole +split):\n%s", n, d)
		}
		for _, p := range paths {
			if w, g := wantDoc.Locate(p), doc.Locate(p); w != g {
				t.Fatalf("batches of %d: Locate(%q) = %v, whole file says %v", n, p, g, w)
			}
		}
	}
	return split
}

// locatePaths lists the paths to compare Locate on: every key and item of
// the input plus an absent key under each mapping and the index past the
// end of each list (inputPaths), and paths into the first document's tree
// that stop part-way: absent keys and out-of-range indexes at every depth,
// a key under a list (treePaths).
func locatePaths(data []byte, doc *Document) []string {
	paths := []string{"", "absent", "deliveryTasks[-1]", "deliveryTasks[0]..name"}
	inputPaths(doc.Input(), "", &paths)
	var n yaml.Node
	if yaml.Unmarshal(data, &n) == nil && len(n.Content) == 1 {
		treePaths(n.Content[0], "", 6, &paths)
	}
	return paths
}

// checkItemsLazy fails unless every item of the lists plan splits has an
// index entry of its own and none for its insides (lazyitems.go).
func checkItemsLazy(t *testing.T, doc *Document, plan *splitPlan) {
	t.Helper()
	for _, r := range plan.regions {
		srcs := doc.sources[r.key]
		if len(srcs) != len(r.offs) {
			t.Fatalf("%s has %d items, the split plan %d", r.key, len(srcs), len(r.offs))
		}
		for i, s := range srcs {
			if s.idx.lazy == nil || s.idx.nodes[s.node].n >= 0 {
				t.Fatalf("%s[%d] of a split file is indexed whole", r.key, i)
			}
		}
	}
}

func TestSplitEquivalentOnFiles(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.yaml")
	files = append(files, "testdata/split/bench-small.yaml")
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			split := checkSplitEquivalent(t, data, 1, 2, 7, 1000)
			if strings.HasPrefix(name, "testdata/split/") && !split {
				t.Fatal("the split path was not taken")
			}
		})
	}
}

func TestSplitEquivalentOnCases(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		split bool // the split path must be taken
	}{
		{name: "valid", yaml: validTask, split: true},
		{name: "items at column 1", yaml: "version: 1\nexports:\n- name: a\n  topicId: t\n- name: b\nscopes:\n- {exports: {topicId: t}}\n", split: true},
		{name: "unknown and missing keys", yaml: strings.Replace(validTask, "    area: mainland", "    aera: x", 1) + "  - name: t2\n    sample: high\n", split: true},
		{name: "unknown top-level key", yaml: validTask + "extra: 1\n", split: true},
		{name: "duplicate list key", yaml: validTask + "deliveryTasks:\n  - name: b\n"},
		{name: "duplicate other key", yaml: validTask + "version: 2\n", split: true},
		{name: "wrong version", yaml: strings.Replace(validTask, "version: 1", "version: 3", 1), split: true},
		{name: "comments between items", yaml: "version: 1\nscopes:\n# one\n  - {exports: {topicId: t}}\n\n# two\n  - {exports: {topicId: u}} # three\n", split: true},
		{name: "quoted scalar over lines", yaml: "version: 1\nscopes:\n  - \"a\n  - b\"\n  - x\n"},
		{name: "quoted key line", yaml: "version: \"1\nscopes:\n  - b\nsafety: c\"\n"},
		{name: "syntax error in an item", yaml: validTask + "  - name: [x\n"},
		{name: "syntax error in the skeleton", yaml: "version: [1\n" + validTask[len("version: 1\n"):]},
		{name: "two documents", yaml: validTask + "---\n" + validTask},
		{name: "anchors", yaml: "version: 1\nscopes:\n  - &a {exports: {topicId: t}}\n  - *a\n"},
		{name: "list of scalars", yaml: "version: 1\ndeliveryTasks:\n  - a\n  - 1\n", split: true},
		{name: "less indented line", yaml: "version: 1\nscopes:\n    - {exports: {topicId: t}}\n  - x\n"},
		{name: "next line in the last item of a batch", yaml: "version: 1\nscopes:\n  - {exports: {topicId: \"a\u0085b\"}}\n  - x\n"},
		{name: "line separator in the header", yaml: "version: 1\nsafety: {maxPercent: 1} #\u2028\nscopes:\n  - x\n"},
		{name: "indicators mid-word", yaml: "version: 1\nexports:\n  - {name: a&b*c, query: \"60.5%\"}\n", split: true},
		{name: "alias in flow", yaml: "version: 1\nscopes:\n  - &a {exports: {topicId: t}}\n  - [*a]\n"},
		{name: "merge key", yaml: "version: 1\nexports:\n  - {name: a}\n  - <<: {name: b}\n"},
		{name: "tag", yaml: "version: 1\nexports:\n  - {name: !!str 1}\n"},
		{name: "block scalar", yaml: "version: 1\nexports:\n  - query: |\n      a\n  - query: >-\n      b\n"},
		{name: "directive", yaml: "%YAML 1.1\n---\n" + validTask},
		{name: "byte order mark", yaml: "\ufeff" + validTask},
		{name: "no final newline", yaml: strings.TrimSuffix(validTask, "\n"), split: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			split := checkSplitEquivalent(t, []byte(tt.yaml), 1, 2, 1000)
			if tt.split && !split {
				t.Fatal("the split path was not taken")
			}
		})
	}
}

// TestSplitEquivalentOnRandomFiles builds files from random pieces, valid
// and broken, and compares the two paths on each.
func TestSplitEquivalentOnRandomFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for i := range 400 {
		data := []byte(randomFile(r))
		if checkSplitEquivalent(t, data, 1, 1+r.IntN(4)) {
			taken++
		}
		if t.Failed() {
			t.Fatalf("file %d", i)
		}
	}
	if taken < 100 {
		t.Fatalf("the split path was taken for %d of 400 files; the generator no longer exercises it", taken)
	}
}

var randomPieces = []string{
	"name: t%d", "zoneId: z", "type: cls", "logType: l7-access-logs", "area: mainland",
	"entities: [a.example.com]", "fields: [RequestID]", "sample: %d", "sample: \"5\"",
	"cls: {logSetId: ls, topicId: tp, logSetRegion: ap-guangzhou}", "aera: x", "name: \"two\n  lines\"",
	"name: 'it''s'", "fields:\n%[2]s  - a\n%[2]s  - b", "topicId: ${env:X}", "topicId: ${env:1}",
	"from: 2020-12-09T07:31:47Z", "count: 1_000", "# comment", "name: a&b*c",
	"deliveryConditions:\n%[2]s  - conditions:\n%[2]s      - {key: k, operator: equal, value: [\"1\"]}",
	// rare: the last brokenPieces are broken or keep the file from being split
	"name: [unclosed", "- stray", "name: \"unclosed", "query: \"x\u0085y\"",
}

const brokenPieces = 4

var topPieces = []string{"version: 1", "version: 2", "safety: {maxPercent: 10}", "extra: x",
	"defaults:\n  tencent: {region: ap-guangzhou}", "# top comment", "", "scopes: []", "version: 1"}

// randomFile writes a file of random top-level pieces and lists of items
// made of random pieces, at a random indentation.
func randomFile(r *rand.Rand) string {
	var b strings.Builder
	lists := []string{"deliveryTasks", "exports", "dumps", "scopes"}
	r.Shuffle(len(lists), func(i, j int) { lists[i], lists[j] = lists[j], lists[i] })
	for k := range 1 + r.IntN(5) {
		if r.IntN(3) == 0 {
			b.WriteString(topPieces[r.IntN(len(topPieces))] + "\n")
			continue
		}
		ind := strings.Repeat(" ", 2*r.IntN(3))
		fmt.Fprintf(&b, "%s:\n", lists[(k+r.IntN(2)*r.IntN(2)*r.IntN(2))%len(lists)]) // now and then a key twice
		for i := range 1 + r.IntN(6) {
			for j := range 1 + r.IntN(4) {
				lead := ind + "  "
				if j == 0 {
					lead = ind + "- "
				}
				piece := randomPieces[r.IntN(len(randomPieces)-brokenPieces)]
				if r.IntN(40) == 0 {
					piece = randomPieces[r.IntN(len(randomPieces))]
				}
				if j == 0 && piece == "# comment" {
					piece = "type: cls" // '- # comment' is parsed whole: its item starts a line below
				}
				piece = strings.NewReplacer("%d", strconv.Itoa(i), "%[2]s", ind).Replace(piece)
				b.WriteString(lead + piece + "\n")
			}
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// FuzzSplitEquivalence checks the two paths agree on arbitrary input.
func FuzzSplitEquivalence(f *testing.F) {
	f.Add([]byte(validTask))
	f.Add([]byte("version: 1\nexports:\n- name: a\n- name: b\n"))
	f.Add([]byte("version: 1\nscopes:\n  - \"a\n  - b\"\n"))
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add([]byte(randomFile(r)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSplitEquivalent(t, data, 1, 3)
	})
}
