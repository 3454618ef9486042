package spec

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Document is the merged desired state of all loaded files, with defaults
// applied to the typed resources. Indices of the resource lists are the
// indices used in paths such as "deliveryTasks[3].sample".
type Document struct {
	Files         []string
	Defaults      Defaults
	DeliveryTasks []DeliveryTask
	Exports       []Export
	Dumps         []Dump
	Scopes        []Scope
	Safety        Safety

	sources map[string][]source // list key ("deliveryTasks") → where each item came from
	single  map[string][]source // "defaults", "version": every document that set it
	input   *input              // shared with the copy Resolve makes
}

// input is the policy input and the lock ConvertInput takes to change it.
type input struct {
	mu       sync.Mutex
	m        map[string]any
	released bool
	convert  func(any) any // LoadOptions.ConvertItem, for deferred items
}

// source is where a resource or a top-level value came from: a node of a
// document's position index (positions.go).
type source struct {
	file string
	idx  *posIndex
	node int32
}

// listKeys are the top-level lists that merge by concatenation.
var listKeys = []string{"deliveryTasks", "exports", "dumps", "scopes"}

func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

func merge(files []*parsedFile) (*Document, Diagnostics) {
	doc := &Document{sources: map[string][]source{}, single: map[string][]source{}}
	var diags Diagnostics
	in := map[string]any{"version": int64(1)}
	defaults := map[string]any{}
	for _, pf := range files {
		diags = append(diags, pf.diags...)
		doc.Files = append(doc.Files, pf.name)
		for _, pd := range pf.docs {
			// The first list is taken as it is: copying 100,000 tasks
			// would hold them twice until the parsed file goes.
			doc.DeliveryTasks = appendOrTake(doc.DeliveryTasks, pd.file.DeliveryTasks)
			doc.Exports = appendOrTake(doc.Exports, pd.file.Exports)
			doc.Dumps = appendOrTake(doc.Dumps, pd.file.Dumps)
			doc.Scopes = append(doc.Scopes, pd.file.Scopes...)
			for _, key := range listKeys {
				doc.recordList(key, pf.name, pd, in)
			}
			for _, key := range []string{"version", "defaults", "safety"} {
				if _, v := pd.pos.lookupPair(pd.root, key); v >= 0 {
					doc.single[key] = append(doc.single[key], source{pf.name, pd.pos, v})
				}
			}
			if sf := pd.file.Safety; sf != nil {
				if sf.MinResources != nil {
					doc.Safety.MinResources = sf.MinResources
				}
				if sf.MaxPercent != nil {
					doc.Safety.MaxPercent = sf.MaxPercent
				}
			}
			if pd.file.Defaults != nil {
				diags = append(diags, doc.mergeDefaults(pf.name, pd)...)
				mergeMaps(defaults, pd.value["defaults"])
			}
		}
	}
	if len(defaults) > 0 {
		in["defaults"] = defaults
	}
	doc.input = &input{m: in}
	doc.applyDefaults()
	diags = append(diags, doc.checkDuplicates()...)
	return doc, diags
}

func appendOrTake[T any](dst, src []T) []T {
	if dst == nil {
		return src
	}
	return append(dst, src...)
}

// recordList remembers where each item of a top-level list came from and
// appends its plain value to the merged input.
func (doc *Document) recordList(key, file string, pd parsedDoc, input map[string]any) {
	_, seq := pd.pos.lookupPair(pd.root, key)
	first, n, ok := pd.pos.items(seq)
	if !ok {
		return
	}
	srcs := slices.Grow(doc.sources[key], int(n))
	for i := first; i < first+n; i++ {
		srcs = append(srcs, source{file, pd.pos, i})
	}
	doc.sources[key] = srcs
	items, _ := pd.value[key].([]any)
	prev, _ := input[key].([]any)
	input[key] = appendOrTake(prev, items)
}

func mergeMaps(dst map[string]any, v any) {
	src, _ := v.(map[string]any)
	for k, sv := range src {
		if sm, ok := sv.(map[string]any); ok {
			dm, _ := dst[k].(map[string]any)
			if dm == nil {
				dm = map[string]any{}
				dst[k] = dm
			}
			mergeMaps(dm, sm)
			continue
		}
		if _, set := dst[k]; !set {
			dst[k] = sv
		}
	}
}

// mergeDefaults folds one document's defaults into doc.Defaults; the same
// default set to two different values in two places is an error naming both.
func (doc *Document) mergeDefaults(file string, pd parsedDoc) Diagnostics {
	var diags Diagnostics
	set := func(path string, dst *string, val string) {
		if val == "" {
			return
		}
		if *dst != "" && *dst != val {
			first := doc.Locate(path)
			here := locateIn(source{file, pd.pos, pd.root}, path)
			diags = append(diags, Diagnostic{Rule: "schema.conflicting-default", Severity: SeverityError,
				Summary: fmt.Sprintf("%s is set to %q here and to %q at %s", path, val, *dst, first),
				Detail:  "set each default once", Pos: here, Path: path})
			return
		}
		*dst = val
	}
	d := pd.file.Defaults
	if d.Tencent != nil {
		if doc.Defaults.Tencent == nil {
			doc.Defaults.Tencent = &TencentDefaults{}
		}
		set("defaults.tencent.region", &doc.Defaults.Tencent.Region, d.Tencent.Region)
		set("defaults.tencent.site", &doc.Defaults.Tencent.Site, d.Tencent.Site)
	}
	if d.Huawei != nil {
		if doc.Defaults.Huawei == nil {
			doc.Defaults.Huawei = &HuaweiDefaults{}
		}
		h := doc.Defaults.Huawei
		set("defaults.huawei.region", &h.Region, d.Huawei.Region)
		set("defaults.huawei.projectId", &h.ProjectID, d.Huawei.ProjectID)
		set("defaults.huawei.createApi", &h.CreateAPI, d.Huawei.CreateAPI)
	}
	return diags
}

func (doc *Document) applyDefaults() {
	var tRegion, hRegion, hProject string
	if t := doc.Defaults.Tencent; t != nil {
		tRegion = t.Region
	}
	if h := doc.Defaults.Huawei; h != nil {
		hRegion, hProject = h.Region, h.ProjectID
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	for i := range doc.Exports {
		fill(&doc.Exports[i].Region, tRegion)
	}
	for i := range doc.Dumps {
		fill(&doc.Dumps[i].Region, hRegion)
		fill(&doc.Dumps[i].ProjectID, hProject)
	}
	for i := range doc.Scopes {
		if s := doc.Scopes[i].Exports; s != nil {
			fill(&s.Region, tRegion)
		}
		if s := doc.Scopes[i].Dumps; s != nil {
			fill(&s.Region, hRegion)
			fill(&s.ProjectID, hProject)
		}
	}
}

// Input returns the merged documents shaped exactly as the YAML (design §3),
// without defaults applied: the `input` document of the policies, the same
// shape conftest builds from a single file. Callers must not modify it; after
// ConvertInput it holds what the conversion left. Items a load deferred
// (LoadOptions.DeferItems) are placeholders here until ConvertInput or
// InputItems parses them.
func (doc *Document) Input() map[string]any {
	if doc.input == nil {
		return nil
	}
	doc.input.mu.Lock()
	defer doc.input.mu.Unlock()
	return doc.input.m
}

// ConvertInput hands the input to convert, which may replace its values in
// place, e.g. each resource by the policy engine's own form of it. The plain
// values of 100,000 resources take some 200 MB, about as much as the
// engine's form: replacing them one at a time lets each be collected as soon
// as it is converted, where converting a copy would hold both in full.
// convert must leave values it is given a second time unchanged: a document
// may be prepared for evaluation more than once. Deferred items
// (LoadOptions.DeferItems) are parsed again first, a run at a time.
func (doc *Document) ConvertInput(convert func(input map[string]any) error) error {
	if doc.input == nil {
		return nil
	}
	doc.input.mu.Lock()
	defer doc.input.mu.Unlock()
	if doc.input.released {
		return errors.New("the policy input was released")
	}
	if err := doc.materialize(); err != nil {
		return err
	}
	return convert(doc.input.m)
}

// ReleaseInput lets the policy input go once no policy will be evaluated
// on the document again: converted for the policy engine, 100,000
// resources hold some 100 MB. Input returns nil afterwards, and
// ConvertInput an error. The copy Resolve made shares the input, and
// releases it too.
func (doc *Document) ReleaseInput() {
	if doc.input == nil {
		return
	}
	doc.input.mu.Lock()
	defer doc.input.mu.Unlock()
	doc.input.m, doc.input.released = nil, true
}

// TencentSite is defaults.tencent.site ("" when no file sets it).
func (doc *Document) TencentSite() string {
	if t := doc.Defaults.Tencent; t != nil {
		return t.Site
	}
	return ""
}

// CreateAPI is the Huawei API used to create dumps: "transfers" or "log-dump".
func (doc *Document) CreateAPI() string {
	if h := doc.Defaults.Huawei; h != nil && h.CreateAPI != "" {
		return h.CreateAPI
	}
	return "transfers"
}

// Locate returns the position of the key a path names, such as
// "deliveryTasks[3].sample". When the key is absent it returns the position
// of the nearest ancestor that exists; for an unknown path, the first file.
func (doc *Document) Locate(path string) Pos {
	head, rest := splitHead(path)
	name, idx := splitIndex(head)
	if srcs, ok := doc.sources[name]; ok && idx >= 0 && idx < len(srcs) {
		return locateIn(srcs[idx], rest)
	}
	if srcs := doc.single[name]; len(srcs) > 0 {
		return locateIn(srcs[0], rest)
	}
	if len(doc.Files) > 0 {
		return Pos{File: doc.Files[0]}
	}
	return Pos{}
}

// ResourceAt names the resource a path points into.
func (doc *Document) ResourceAt(path string) (Kind, string, bool) {
	head, _ := splitHead(path)
	name, idx := splitIndex(head)
	switch {
	case name == "deliveryTasks" && idx >= 0 && idx < len(doc.DeliveryTasks):
		return KindDeliveryTask, doc.DeliveryTasks[idx].Name, true
	case name == "exports" && idx >= 0 && idx < len(doc.Exports):
		return KindExport, doc.Exports[idx].Name, true
	case name == "dumps" && idx >= 0 && idx < len(doc.Dumps):
		return KindDump, doc.Dumps[idx].Name, true
	}
	return "", "", false
}

// splitHead splits "a[1].b.c" into "a[1]" and "b.c".
func splitHead(path string) (string, string) {
	if i := strings.IndexByte(path, '.'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return path, ""
}

// splitIndex splits "a[1]" into "a" and 1; without an index it returns -1.
func splitIndex(seg string) (string, int) {
	i := strings.IndexByte(seg, '[')
	if i < 0 || !strings.HasSuffix(seg, "]") {
		return seg, -1
	}
	n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
	if err != nil {
		return seg, -1
	}
	return seg[:i], n
}

func lookupKey(m *yaml.Node, key string) *yaml.Node {
	_, v := lookupPair(m, key)
	return v
}

func lookupPair(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}
