package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/logctl/logctl/spec"
)

// Compute diffs the desired document (with ${env:} references resolved)
// against the live state. raw is the same document before resolution: it
// tells which values came from the environment, so they are never shown.
func Compute(desired, raw *spec.Document, live *Live) *Plan {
	p := &Plan{FormatVersion: FormatVersion}
	scopes := newScopeIndex(desired.Scopes)
	diffTasks(p, desired, raw, live.DeliveryTasks, scopes)
	diffExports(p, desired, live.Exports, scopes)
	diffDumps(p, desired, live.Dumps, scopes)
	p.Scopes = scopes.stats(p)
	p.finish()
	return p
}

func diffTasks(p *Plan, desired, raw *spec.Document, live []LiveTask, scopes *scopeIndex) {
	byKey := map[string][]int{}
	for i := range live {
		k := live[i].Task.Key()
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(live))
	for i := range desired.DeliveryTasks {
		want := &desired.DeliveryTasks[i]
		c := Change{Kind: spec.KindDeliveryTask, Name: want.Name, Key: want.Key()}
		wantFields := taskFields(NormalizeTask(*want))
		if raw != nil && i < len(raw.DeliveryTasks) {
			markEnvSensitive(wantFields, taskFields(raw.DeliveryTasks[i]))
		}
		idx := byKey[c.Key]
		if len(idx) == 0 {
			c.Action, c.Fields = ActionCreate, created(wantFields)
			p.Changes = append(p.Changes, c)
			continue
		}
		lt := live[idx[0]]
		used[idx[0]] = true
		byKey[c.Key] = idx[1:]
		c.LiveID, c.Fingerprint = lt.ID, TaskFingerprint(lt.Task)
		got := withSecretHeaders(lt.Task, want)
		compare(&c, taskFields(NormalizeTask(got)), wantFields)
		if c.Action == ActionReplace {
			c.ReplaceOrder = CreateThenDelete
			if TasksConflict(lt.Task, *want) {
				c.ReplaceOrder = DeleteThenCreate
			}
		}
		p.Changes = append(p.Changes, c)
	}
	for i, lt := range live {
		if used[i] {
			continue
		}
		t := lt.Task
		res := Resource{Kind: spec.KindDeliveryTask, Name: t.Name, Key: t.Key(), LiveID: lt.ID}
		leftover(p, res, scopes.taskScope(t.ZoneID), TaskFingerprint(t))
	}
}

// withSecretHeaders copies the desired `secret: true` marks onto the live
// headers of the same name: the API does not know which headers are secret.
func withSecretHeaders(got spec.DeliveryTask, want *spec.DeliveryTask) spec.DeliveryTask {
	if got.CustomEndpoint == nil || want.CustomEndpoint == nil {
		return got
	}
	secretNames := map[string]bool{}
	for _, h := range want.CustomEndpoint.Headers {
		secretNames[h.Name] = h.Secret
	}
	ce := *got.CustomEndpoint
	ce.Headers = append([]spec.Header(nil), ce.Headers...)
	for i := range ce.Headers {
		ce.Headers[i].Secret = secretNames[ce.Headers[i].Name]
	}
	got.CustomEndpoint = &ce
	return got
}

func diffExports(p *Plan, desired *spec.Document, live []LiveExport, scopes *scopeIndex) {
	byKey := map[string][]int{}
	for i := range live {
		k := live[i].Export.Key()
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(live))
	for i := range desired.Exports {
		want := &desired.Exports[i]
		c := Change{Kind: spec.KindExport, Name: want.Name, Key: want.Key()}
		idx := byKey[c.Key]
		if len(idx) == 0 {
			c.Action, c.Fields = ActionCreate, created(exportFields(NormalizeExport(*want)))
			p.Changes = append(p.Changes, c)
			continue
		}
		le := live[idx[0]]
		used[idx[0]] = true
		byKey[c.Key] = idx[1:]
		c.LiveID, c.Fingerprint = le.ID, ExportFingerprint(le.Export)
		compare(&c, exportFields(NormalizeExport(le.Export)), exportFields(NormalizeExport(*want)))
		if c.Action == ActionReplace {
			c.ReplaceOrder = CreateThenDelete // exports have no uniqueness rule
		}
		p.Changes = append(p.Changes, c)
	}
	for i, le := range live {
		if used[i] {
			continue
		}
		e := le.Export
		res := Resource{Kind: spec.KindExport, Name: le.ID, Key: e.Key(), LiveID: le.ID}
		leftover(p, res, scopes.exportScope(e.Region, e.TopicID), ExportFingerprint(e))
	}
}

func diffDumps(p *Plan, desired *spec.Document, live []LiveDump, scopes *scopeIndex) {
	byKey := map[string][]int{}
	for i := range live {
		k := live[i].Dump.Key()
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(live))
	for i := range desired.Dumps {
		want := &desired.Dumps[i]
		c := Change{Kind: spec.KindDump, Name: want.Name, Key: want.Key()}
		idx := byKey[c.Key]
		if len(idx) == 0 {
			c.Action, c.Fields = ActionCreate, created(dumpFields(NormalizeDump(*want)))
			p.Changes = append(p.Changes, c)
			continue
		}
		ld := live[idx[0]]
		used[idx[0]] = true
		byKey[c.Key] = idx[1:]
		c.LiveID, c.Fingerprint = ld.ID, DumpFingerprint(ld.Dump)
		compare(&c, dumpFields(NormalizeDump(ld.Dump)), dumpFields(NormalizeDump(*want)))
		p.Changes = append(p.Changes, c)
	}
	for i, ld := range live {
		if used[i] {
			continue
		}
		d := ld.Dump
		res := Resource{Kind: spec.KindDump, Name: ld.ID, Key: d.Key(), LiveID: ld.ID}
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
	gotBy := make(map[string]field, len(got))
	for _, f := range got {
		gotBy[f.path] = f
	}
	wantBy := make(map[string]field, len(want))
	for _, f := range want {
		wantBy[f.path] = f
	}
	paths := unionPaths(got, want)
	var replaceBy []string
	for _, path := range paths {
		g, inGot := gotBy[path]
		w, inWant := wantBy[path]
		if inGot && inWant && g.value == w.value {
			continue
		}
		if !inGot && w.value == "null" || !inWant && g.value == "null" {
			continue
		}
		fc := FieldChange{Path: path, ForcesReplace: g.replace || w.replace, Sensitive: g.secret || w.secret}
		fc.Before, fc.After = display(g, inGot, fc.Sensitive, false), display(w, inWant, fc.Sensitive, true)
		if fc.ForcesReplace {
			replaceBy = append(replaceBy, path)
		}
		c.Fields = append(c.Fields, fc)
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

// created lists the fields of a resource to be created, as additions.
func created(fl fieldList) []FieldChange {
	var out []FieldChange
	for _, f := range fl {
		if f.value == "null" || f.value == `""` {
			continue
		}
		out = append(out, FieldChange{Path: f.path, After: display(f, true, f.secret, false), Sensitive: f.secret})
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

// unionPaths lists the paths of both sides: want's order first, then paths
// only the live side has, so output follows the YAML layout.
func unionPaths(got, want fieldList) []string {
	seen := map[string]bool{}
	var out []string
	for _, fl := range []fieldList{want, got} {
		for _, f := range fl {
			if !seen[f.path] {
				seen[f.path] = true
				out = append(out, f.path)
			}
		}
	}
	return out
}

// TaskFingerprint identifies a live task's normalized content without its
// secrets, for the stale-plan check of `apply --plan`.
func TaskFingerprint(t spec.DeliveryTask) string { return fingerprint(taskFields(NormalizeTask(t))) }

// ExportFingerprint is TaskFingerprint for exports.
func ExportFingerprint(e spec.Export) string { return fingerprint(exportFields(NormalizeExport(e))) }

// DumpFingerprint is TaskFingerprint for dumps.
func DumpFingerprint(d spec.Dump) string { return fingerprint(dumpFields(NormalizeDump(d))) }

func fingerprint(fl fieldList) string {
	sort.SliceStable(fl, func(i, j int) bool { return fl[i].path < fl[j].path })
	h := sha256.New()
	for _, f := range fl {
		if f.secret {
			fmt.Fprintf(h, "%s=(secret)\n", f.path)
			continue
		}
		fmt.Fprintf(h, "%s=%s\n", f.path, f.value)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
