package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest YAML file Load reads. Bigger files are refused
// with a diagnostic rather than risking the memory of a CI runner.
const MaxFileSize = 64 << 20

// Files expands paths into the YAML files they name: a file is taken as is, a
// directory is walked recursively for *.yaml and *.yml, skipping hidden
// directories (.git, .logctl, .github). The result is sorted and unique.
func Files(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			add(filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && path != p && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			if !e.IsDir() && isYAMLName(e.Name()) {
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// Load reads, parses and merges the YAML files that paths name. Problems in
// the files are returned as diagnostics (all of them, sorted); the error is
// reserved for paths that cannot be read at all.
func Load(paths []string) (*Document, Diagnostics, error) {
	return LoadWith(paths, LoadOptions{})
}

// LoadOptions tunes Load.
type LoadOptions struct {
	// ConvertItem, when set, replaces each resource of the policy input
	// (Document.Input) by what it returns, as soon as the resource is
	// parsed: a large file's resources then never all exist in plain form
	// at once. It must be safe for concurrent use; see also
	// Document.ConvertInput.
	ConvertItem func(v any) any
	// DeferItems leaves the resources of a split file (split.go) out of
	// the policy input: they are parsed again from the file when they are
	// asked for (Document.InputItems), a batch at a time. A plan's files'
	// pass then holds the policy form of one chunk of resources, not of
	// the whole estate. Input and ConvertInput parse them all first.
	DeferItems bool
}

// LoadWith is Load with options.
func LoadWith(paths []string, opts LoadOptions) (*Document, Diagnostics, error) {
	files, err := Files(paths)
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no *.yaml or *.yml files in %s", strings.Join(paths, ", "))
	}
	if err := checkTotalSize(files); err != nil {
		return nil, nil, err
	}
	parsed := make([]*parsedFile, len(files))
	onEveryCore(len(files), func(i int) { parsed[i] = parseFile(files[i], opts) })
	for _, p := range parsed {
		if p.err != nil {
			return nil, nil, p.err
		}
	}
	doc, diags := merge(parsed)
	doc.input.convert = opts.ConvertItem
	diags.Sort()
	return doc, diags, nil
}

// onEveryCore calls fn(0) to fn(n-1), as many at a time as there are cores,
// and returns when all have returned.
func onEveryCore(n int, fn func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i)
		}()
	}
	wg.Wait()
}

// parsedFile is one file after parsing and decoding, before merging.
type parsedFile struct {
	name  string
	docs  []parsedDoc
	diags Diagnostics
	err   error
	split splitConfig // when to parse the file in batches (split.go)
	disk  bool        // name is a file that can be read again (lazyitems.go)
	// convert, when set, replaces each item of the top-level lists in the
	// plain values (LoadOptions.ConvertItem).
	convert   func(any) any
	converted bool // the split path converted the items batch by batch
	// deferItems: a split file's items are left out of the plain values
	// (LoadOptions.DeferItems).
	deferItems bool
}

type parsedDoc struct {
	pos   *posIndex // positions of the document's nodes; the yaml tree is not kept
	root  int32     // the top-level mapping's slot in pos
	file  File
	value map[string]any
}

func parseFile(name string, opts LoadOptions) *parsedFile {
	pf := &parsedFile{name: name, split: defaultSplit(), disk: true, convert: opts.ConvertItem, deferItems: opts.DeferItems}
	// Only regular files: opening a named pipe called logs.yaml would wait
	// for a writer forever, and a device may never end.
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		pf.fileDiag("schema.not-regular", fmt.Sprintf("not a regular file (%s); it was not read", describeMode(st.Mode())),
			"lint regular files only: remove it or rename it so it does not end in .yaml or .yml", 0)
		return pf
	}
	data, err := readFile(name)
	if err != nil {
		pf.err = err
		return pf
	}
	pf.parse(data)
	pf.convertItems()
	return pf
}

// readFile reads the file name up to one byte past MaxFileSize (the
// callers report the size) into a buffer of the file's size: io.ReadAll
// grows its buffer by doubling, which for a 50 MB file leaves as much
// again behind as garbage.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = min(st.Size(), MaxFileSize+1)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// convertItems converts the items of the top-level lists that are still
// plain: those of a file parsed whole (a split file's are converted batch
// by batch as they are parsed).
func (pf *parsedFile) convertItems() {
	if pf.convert == nil || pf.converted {
		return
	}
	for _, pd := range pf.docs {
		for _, key := range listKeys {
			items, _ := pd.value[key].([]any)
			for i := range items {
				items[i] = pf.convert(items[i])
			}
		}
	}
}

// ParseBytes parses one file's content; name is used in positions. It is
// what Load does per file, exposed for tests and fuzzing.
func ParseBytes(name string, data []byte) (*Document, Diagnostics) {
	pf := &parsedFile{name: name, split: defaultSplit()}
	pf.parse(data)
	doc, diags := merge([]*parsedFile{pf})
	diags.Sort()
	return doc, diags
}

func (pf *parsedFile) fileDiag(rule, summary, detail string, line int) {
	pf.diags = append(pf.diags, Diagnostic{Rule: rule, Severity: SeverityError, Summary: summary,
		Detail: detail, Pos: Pos{File: pf.name, Line: line}})
}

func (pf *parsedFile) parse(data []byte) {
	if len(data) > MaxFileSize {
		pf.fileDiag("schema.too-large", fmt.Sprintf("file is larger than %d MiB", MaxFileSize>>20),
			"split the resources over several files", 0)
		return
	}
	if !utf8.Valid(data) {
		pf.fileDiag("schema.encoding", "file is not valid UTF-8", "save it as UTF-8", firstInvalidLine(data))
		return
	}
	if plan := planSplit(data, pf.split); plan != nil {
		if pf.parseSplit(&data, plan) {
			return
		}
		if data == nil { // let go by parseSplit: read it again, to parse it whole
			var err error
			if data, err = readFile(pf.name); err != nil {
				pf.err = err
				return
			}
			pf.split = splitConfig{minBytes: math.MaxInt}
			pf.parse(data)
			return
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			pf.diags = append(pf.diags, syntaxDiag(pf.name, data, err))
			return
		}
		pf.decodeDoc(&n)
	}
	if len(pf.docs) == 0 && len(pf.diags) == 0 {
		pf.fileDiag("schema.empty-file", "file is empty", "add 'version: 1' and resources, or delete the file", 0)
	}
}

func (pf *parsedFile) decodeDoc(n *yaml.Node) {
	if len(n.Content) == 0 || isNull(n.Content[0]) {
		return
	}
	root := n.Content[0]
	d := newDecoder(pf.name)
	size := countNodes(root)
	d.allowWalks(size, 2)
	// The position index only reads the tree, like the two decoding walks:
	// build it meanwhile (a single big file leaves the other core idle).
	type indexed struct {
		pos  *posIndex
		root int32
	}
	index := make(chan indexed, 1)
	go func() {
		pos, slot := indexPositions(root, size)
		index <- indexed{pos, slot}
	}()
	var pd parsedDoc
	d.decode(root, reflectValue(&pd.file), "")
	if !d.bombed {
		pd.value, _ = d.toValue(root).(map[string]any)
	}
	pf.diags = append(pf.diags, d.diags...)
	ix := <-index
	if d.bombed || pd.value == nil {
		return
	}
	pf.versionCheck(pd, root)
	pd.pos, pd.root = ix.pos, ix.root
	pf.docs = append(pf.docs, pd)
}

// versionCheck reports a version other than 1 at its value.
func (pf *parsedFile) versionCheck(pd parsedDoc, root *yaml.Node) {
	if pd.file.Version == 1 {
		return
	}
	if vn := lookupKey(root, "version"); vn != nil {
		pf.diags = append(pf.diags, Diagnostic{Rule: "schema.version", Severity: SeverityError,
			Summary: fmt.Sprintf("unsupported format version %d", pd.file.Version), Detail: "this logctl reads 'version: 1'",
			Pos: Pos{File: pf.name, Line: vn.Line, Column: vn.Column}, Path: "version"})
	}
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return 0
}
