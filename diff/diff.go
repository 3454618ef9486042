package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unique"

	"github.com/logctl/logctl/spec"
)

// Compute diffs the desired document (with ${env:} references resolved)
// against the live state. raw is the same document before resolution: it
// tells which values came from the environment, so they are never shown.
func Compute(desired, raw *spec.Document, live *Live) *Plan {
	// One change per desired resource at least, and 100,000 of them: size
	// the list once rather than leave it up to a quarter unused.
	n := len(desired.DeliveryTasks) + len(desired.Exports) + len(desired.Dumps)
	p := &Plan{FormatVersion: FormatVersion, Changes: make([]Change, 0, n)}
	scopes := newScopeIndex(desired.Scopes)
	diffTasks(p, desired, raw, live.DeliveryTasks, scopes)
	diffExports(p, desired, live.Exports, scopes)
	diffDumps(p, desired, live.Dumps, scopes)
	p.Scopes = scopes.stats(p)
	EvaluateSafety(p, desired.Safety)
	p.finish()
	return p
}

// join pairs each desired resource with the first unmatched live resource
// of the same identity key (design §3). match[i] is the live index of
// desired i, or -1; leftovers are the live indices nothing matched, in
// order. A second live resource with the same key (a duplicate made outside
// logctl) is a leftover, deleted inside a scope like any stray.
func join(desired, live int, desiredKey, liveKey func(int) string) (match, leftovers []int) {
	byKey := make(map[string][]int, live)
	for i := range live {
		k := liveKey(i)
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, live)
	match = make([]int, desired)
	for i := range desired {
		match[i] = -1
		k := desiredKey(i)
		if idx := byKey[k]; len(idx) > 0 {
			match[i], used[idx[0]] = idx[0], true
			byKey[k] = idx[1:]
		}
	}
	for i, u := range used {
		if !u {
			leftovers = append(leftovers, i)
		}
	}
	return match, leftovers
}

// pair fills a change for a desired resource and its live twin: vendor id,
// fingerprint of the live object as read, and the field-level comparison.
func pair(c *Change, liveID string, got, want fieldList) {
	c.LiveID, c.Fingerprint = liveID, fingerprint(slices.Clone(got))
	compare(c, got, want)
}

func diffTasks(p *Plan, desired, raw *spec.Document, live []LiveTask, scopes *scopeIndex) {
	match, leftovers := join(len(desired.DeliveryTasks), len(live),
		func(i int) string { return desired.DeliveryTasks[i].Key() }, func(i int) string { return live[i].Task.Key() })
	// Flattened fields are compared and dropped, task after task: these
	// buffers serve them all (a plan of 100,000 tasks allocated ~3 KB of
	// field lists per task).
	var wantBuf, rawBuf, gotBuf, fpBuf fieldList
	for i, j := range match {
		want := &desired.DeliveryTasks[i]
		c := Change{Kind: spec.KindDeliveryTask, Name: want.Name, Key: want.Key()}
		wantFields := appendTaskFields(wantBuf[:0], NormalizeTask(*want))
		wantBuf = wantFields
		if raw != nil && i < len(raw.DeliveryTasks) {
			rawBuf = appendTaskFields(rawBuf[:0], raw.DeliveryTasks[i])
			markEnvSensitive(wantFields, rawBuf)
		}
		if j < 0 {
			c.Action, c.Fields = ActionCreate, created(wantFields)
			p.Changes = append(p.Changes, c)
			continue
		}
		lt := live[j]
		liveTask, masked := unmaskTask(lt.Task, want)
		if len(masked) > 0 {
			p.Notes = append(p.Notes, maskedNote(want.Name, masked))
		}
		// One flattening of the live task serves the fingerprint and,
		// with the desired secret marks on its headers, the comparison
		// (secrets enter the fingerprint as "(secret)", masked or not).
		gotFields := appendTaskFields(gotBuf[:0], NormalizeTask(liveTask))
		gotBuf = gotFields
		fpBuf = append(fpBuf[:0], gotFields...)
		c.LiveID, c.Fingerprint = lt.ID, fingerprint(fpBuf)
		compare(&c, withSecretHeaders(gotFields, lt.Task, want), wantFields)
		if c.Action == ActionReplace {
			c.ReplaceOrder = CreateThenDelete
			if TasksConflict(lt.Task, *want) {
				c.ReplaceOrder = DeleteThenCreate
			}
		}
		p.Changes = append(p.Changes, c)
	}
	for _, j := range leftovers {
		t := live[j].Task
		res := Resource{Kind: spec.KindDeliveryTask, Name: t.Name, Key: t.Key(), LiveID: live[j].ID}
		leftover(p, res, scopes.taskScope(t.ZoneID), TaskFingerprint(t))
	}
}

// withSecretHeaders copies the desired `secret: true` marks onto the fields
// of the live headers of the same name: the API does not know which headers
// are secret. got is the flattened live task; it is not modified.
func withSecretHeaders(got fieldList, live spec.DeliveryTask, want *spec.DeliveryTask) fieldList {
	if live.CustomEndpoint == nil || want.CustomEndpoint == nil {
		return got
	}
	secretNames := map[string]bool{}
	for _, h := range want.CustomEndpoint.Headers {
		secretNames[h.Name] = h.Secret
	}
	out := slices.Clone(got)
	for i := range out {
		if name, ok := strings.CutPrefix(out[i].path, headerPrefix); ok {
			out[i].secret = secretNames[name]
		}
	}
	return out
}

func diffExports(p *Plan, desired *spec.Document, live []LiveExport, scopes *scopeIndex) {
	match, leftovers := join(len(desired.Exports), len(live),
		func(i int) string { return desired.Exports[i].Key() }, func(i int) string { return live[i].Export.Key() })
	for i, j := range match {
		want := &desired.Exports[i]
		c := Change{Kind: spec.KindExport, Name: want.Name, Key: want.Key()}
		wantFields := exportFields(NormalizeExport(*want))
		if j < 0 {
			c.Action, c.Fields = ActionCreate, created(wantFields)
		} else {
			pair(&c, live[j].ID, exportFields(NormalizeExport(live[j].Export)), wantFields)
		}
		if c.Action == ActionReplace {
			c.ReplaceOrder = CreateThenDelete // exports have no uniqueness rule
		}
		p.Changes = append(p.Changes, c)
	}
	for _, j := range leftovers {
		e := live[j].Export
		res := Resource{Kind: spec.KindExport, Name: live[j].ID, Key: e.Key(), LiveID: live[j].ID}
		leftover(p, res, scopes.exportScope(e.Region, e.TopicID), ExportFingerprint(e))
	}
}

func diffDumps(p *Plan, desired *spec.Document, live []LiveDump, scopes *scopeIndex) {
	match, leftovers := join(len(desired.Dumps), len(live),
		func(i int) string { return desired.Dumps[i].Key() }, func(i int) string { return live[i].Dump.Key() })
	for i, j := range match {
		want := &desired.Dumps[i]
		c := Change{Kind: spec.KindDump, Name: want.Name, Key: want.Key()}
		wantFields := dumpFields(NormalizeDump(*want))
		if j < 0 {
			c.Action, c.Fields = ActionCreate, created(wantFields)
		} else {
			pair(&c, live[j].ID, dumpFields(NormalizeDump(live[j].Dump)), wantFields)
		}
		p.Changes = append(p.Changes, c)
	}
	for _, j := range leftovers {
		d := live[j].Dump
		res := Resource{Kind: spec.KindDump, Name: live[j].ID, Key: d.Key(), LiveID: live[j].ID}
		leftover(p, res, scopes.dumpScope(d.ProjectID, d.Region, d.LogGroupID), DumpFingerprint(d))
	}
}

// leftover handles a live resource that no file declares: deleted inside a
// declared scope, otherwise listed as unmanaged and never touched.
func leftover(p *Plan, res Resource, scope, fingerprint string) {
	if scope == "" {
		p.Unmanaged = append(p.Unmanaged, res)
		return
	}
	p.Changes = append(p.Changes, Change{Kind: res.Kind, Name: res.Name, Key: res.Key, Action: ActionDelete,
		LiveID: res.LiveID, Fingerprint: fingerprint, Scope: scope,
		Reason: "not declared in any file, inside scope " + scope})
}

// compare fills the action and changed fields of c from the two flattened
// sides. Any changed field the API cannot modify makes it a replace.
func compare(c *Change, got, want fieldList) {
	var replaceBy []string
	visit := func(path string, g, w *field) {
		inGot, inWant := g != nil, w != nil
		if inGot && inWant && g.value == w.value {
			return
		}
		if !inGot && w.value == "null" || !inWant && g.value == "null" {
			return
		}
		var gf, wf field
		if inGot {
			gf = *g
		}
		if inWant {
			wf = *w
		}
		fc := FieldChange{Path: path, ForcesReplace: gf.replace || wf.replace, Sensitive: gf.secret || wf.secret}
		fc.Before, fc.After = display(gf, inGot, fc.Sensitive, false), display(wf, inWant, fc.Sensitive, true)
		if fc.ForcesReplace {
			replaceBy = append(replaceBy, path)
		}
		c.Fields = append(c.Fields, fc)
	}
	// Both sides are usually flattened from the same shape, path for path:
	// then they need no pairing (a large diff is mostly this case).
	if aligned(got, want) {
		for i := range want {
			visit(want[i].path, &got[i], &want[i])
		}
	} else {
		for _, p := range pairFields(got, want) {
			visit(p.path, p.got, p.want)
		}
	}
	switch {
	case len(replaceBy) > 0:
		c.Action = ActionReplace
		c.Reason = strings.Join(replaceBy, ", ") + " cannot be modified in place"
	case len(c.Fields) > 0:
		c.Action = ActionUpdate
	default:
		c.Action = ActionNoop
	}
}

// fieldPair is one path of a comparison with its field on either side (nil
// when that side lacks it).
type fieldPair struct {
	path      string
	got, want *field
}

// pairFields lines up the fields of both sides by path: want's order first,
// then paths only the live side has, so output follows the YAML layout. A
// path listed twice (two headers of one name) counts once, with its last
// field. Both sides are usually flattened from the same shape, path for
// path: that case needs no index.
func pairFields(got, want fieldList) []fieldPair {
	out := make([]fieldPair, 0, len(want))
	if aligned(got, want) {
		for i := range want {
			out = append(out, fieldPair{want[i].path, &got[i], &want[i]})
		}
		return out
	}
	gotBy := make(map[string]*field, len(got))
	for i := range got {
		gotBy[got[i].path] = &got[i]
	}
	wantBy := make(map[string]*field, len(want))
	for i := range want {
		wantBy[want[i].path] = &want[i]
	}
	seen := make(map[string]bool, len(want)+len(got))
	for _, fl := range []fieldList{want, got} {
		for _, f := range fl {
			if !seen[f.path] {
				seen[f.path] = true
				out = append(out, fieldPair{f.path, gotBy[f.path], wantBy[f.path]})
			}
		}
	}
	return out
}

// aligned reports whether got and want list the same paths in the same
// order, each once. Only header paths can repeat (taskFields).
func aligned(got, want fieldList) bool {
	if len(got) != len(want) {
		return false
	}
	headers := 0
	for i := range want {
		if got[i].path != want[i].path {
			return false
		}
		if strings.HasPrefix(want[i].path, headerPrefix) {
			headers++
		}
	}
	if headers < 2 {
		return true
	}
	seen := make(map[string]bool, headers)
	for _, f := range want {
		if strings.HasPrefix(f.path, headerPrefix) {
			if seen[f.path] {
				return false
			}
			seen[f.path] = true
		}
	}
	return true
}

// created lists the fields of a resource to be created, as additions.
//
// A plan of 100,000 creates holds every one of their fields until it is
// shown: the list is sized exactly, and the values, most of them the same
// from one resource to the next (a log type, a list of fields), are
// canonicalized by unique.Make so that equal ones share their bytes.
func created(fl fieldList) []FieldChange {
	n := 0
	for _, f := range fl {
		if f.value != "null" && f.value != `""` {
			n++
		}
	}
	out := make([]FieldChange, 0, n)
	for _, f := range fl {
		if f.value == "null" || f.value == `""` {
			continue
		}
		after := unique.Make(display(f, true, f.secret, false)).Value()
		out = append(out, FieldChange{Path: f.path, After: after, Sensitive: f.secret})
	}
	return out
}

func display(f field, present, sensitive, after bool) string {
	switch {
	case !present:
		return ""
	case sensitive && after:
		return "(sensitive, changed)"
	case sensitive:
		return "(sensitive)"
	}
	return f.value
}

// TaskFingerprint identifies a live task's normalized content without its
// secrets, for the stale-plan check of `apply --plan`.
func TaskFingerprint(t spec.DeliveryTask) string { return fingerprint(taskFields(NormalizeTask(t))) }

// ExportFingerprint is TaskFingerprint for exports.
func ExportFingerprint(e spec.Export) string { return fingerprint(exportFields(NormalizeExport(e))) }

// DumpFingerprint is TaskFingerprint for dumps.
func DumpFingerprint(d spec.Dump) string { return fingerprint(dumpFields(NormalizeDump(d))) }

func fingerprint(fl fieldList) string {
	slices.SortStableFunc(fl, func(a, b field) int { return strings.Compare(a.path, b.path) })
	text := make([]byte, 0, 2048)
	for _, f := range fl {
		text = append(text, f.path...)
		if f.secret {
			text = append(text, "=(secret)\n"...)
		} else {
			text = append(text, '=')
			text = append(text, f.value...)
			text = append(text, '\n')
		}
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:8])
}
