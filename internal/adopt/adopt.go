package adopt

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// Secret is one value taken out of the YAML: the variable that must hold it
// and where it is used.
type Secret struct {
	Name  string // environment variable
	Where string // e.g. `deliveryTask "siem" customEndpoint.accessKey`
	value string
}

// Result is the imported configuration.
type Result struct {
	// Files maps a file name (relative to the output directory) to its
	// content, one file per zone, topic and log group.
	Files map[string]*spec.File
	// Secrets lists the variables to set, sorted by name.
	Secrets []Secret
}

// Lookup resolves the ${env:} references of the result to the live values,
// in memory, for the zero-diff proof.
func (r *Result) Lookup(name string) (string, bool) {
	for _, s := range r.Secrets {
		if s.Name == name {
			return s.value, true
		}
	}
	return "", false
}

// Build makes the YAML for the live resources.
func Build(live *diff.Live) *Result {
	r := &Result{Files: map[string]*spec.File{}}
	file := func(name string) *spec.File {
		f := r.Files[name]
		if f == nil {
			f = &spec.File{Version: 1}
			r.Files[name] = f
		}
		return f
	}
	secrets := map[string]Secret{}
	for _, lt := range sortedTasks(live.DeliveryTasks) {
		t := extractTaskSecrets(lt.Task, secrets)
		f := file("edgeone-" + safe(t.ZoneID) + ".yaml")
		f.DeliveryTasks = append(f.DeliveryTasks, t)
		addScope(f, spec.Scope{DeliveryTasks: &spec.TaskScope{ZoneID: t.ZoneID}})
	}
	for _, le := range sortedExports(live.Exports) {
		e := escaped(le.Export)
		e.Name = exportName(le)
		f := file("cls-" + safe(e.TopicID) + ".yaml")
		f.Exports = append(f.Exports, e)
		addScope(f, spec.Scope{Exports: &spec.ExportScope{TopicID: e.TopicID, Region: e.Region}})
	}
	for _, ld := range sortedDumps(live.Dumps) {
		d := escaped(ld.Dump)
		d.Name = dumpName(ld)
		f := file("lts-" + safe(d.LogGroupID) + ".yaml")
		f.Dumps = append(f.Dumps, d)
		addScope(f, spec.Scope{Dumps: &spec.DumpScope{LogGroupID: d.LogGroupID, ProjectID: d.ProjectID, Region: d.Region}})
	}
	for _, s := range secrets {
		r.Secrets = append(r.Secrets, s)
	}
	sort.Slice(r.Secrets, func(i, j int) bool { return r.Secrets[i].Name < r.Secrets[j].Name })
	return r
}

func addScope(f *spec.File, s spec.Scope) {
	for _, have := range f.Scopes {
		if fmt.Sprint(have.DeliveryTasks, have.Exports, have.Dumps) == fmt.Sprint(s.DeliveryTasks, s.Exports, s.Dumps) {
			return
		}
	}
	f.Scopes = append(f.Scopes, s)
}

// extractTaskSecrets returns the task as written to the file: secret values
// replaced by references (recorded in secrets), every other string escaped.
// A custom header is secret unless spec.HarmlessHeader knows its name: the
// API does not say which headers carry credentials, and guessing from the
// name missed X-Sig, X-Auth and Ocp-Apim-Subscription-Key. Empty values stay
// empty (nothing to keep secret).
func extractTaskSecrets(raw spec.DeliveryTask, secrets map[string]Secret) spec.DeliveryTask {
	t := escaped(raw)
	ref := func(field, value string) string {
		if value == "" {
			return ""
		}
		// One variable per field, never shared: two tasks of one name in
		// different zones, or headers X-Auth and x_auth, get _2, _3, ... in
		// the order of the sorted tasks.
		name := envName(raw.Name, field)
		for i := 2; ; i++ {
			if _, taken := secrets[name]; !taken {
				break
			}
			name = fmt.Sprintf("%s_%d", envName(raw.Name, field), i)
		}
		secrets[name] = Secret{Name: name, Where: fmt.Sprintf("deliveryTask %q (zone %s) %s", raw.Name, raw.ZoneID, field), value: value}
		return "${env:" + name + "}"
	}
	if ce := raw.CustomEndpoint; ce != nil {
		c := t.CustomEndpoint
		c.AccessID = ref("customEndpoint.accessId", ce.AccessID)
		c.AccessKey = ref("customEndpoint.accessKey", ce.AccessKey)
		for i, h := range ce.Headers {
			if !spec.HarmlessHeader(h.Name) {
				c.Headers[i].Value = ref("header."+h.Name, h.Value)
				c.Headers[i].Secret = true
			}
		}
	}
	if s3 := raw.S3; s3 != nil {
		t.S3.AccessID = ref("s3.accessId", s3.AccessID)
		t.S3.AccessKey = ref("s3.accessKey", s3.AccessKey)
	}
	return t
}

var notName = regexp.MustCompile(`[^A-Z0-9]+`)

// envName is the deterministic variable name of a task's secret field:
// TASK NAME + FIELD, upper case, runs of other characters as "_", e.g.
// "security-to-siem" + "customEndpoint.accessKey" →
// SECURITY_TO_SIEM_CUSTOMENDPOINT_ACCESSKEY.
func envName(task, field string) string {
	n := strings.Trim(notName.ReplaceAllString(strings.ToUpper(task+"_"+field), "_"), "_")
	if n == "" || n[0] >= '0' && n[0] <= '9' {
		n = "LOGCTL_" + n
	}
	return n
}

func exportName(le diff.LiveExport) string {
	e := le.Export
	return fmt.Sprintf("export-%s-%s", e.From.Time().Format("20060102-1504"), short(le.ID))
}

func dumpName(ld diff.LiveDump) string {
	return fmt.Sprintf("dump-%s-%s", safe(ld.Dump.Bucket), short(ld.ID))
}

func short(id string) string {
	id = strings.TrimPrefix(id, "export-")
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func safe(s string) string { return unsafeChars.ReplaceAllString(s, "_") }

func sortedTasks(in []diff.LiveTask) []diff.LiveTask {
	out := append([]diff.LiveTask(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Task.Key() < out[j].Task.Key() })
	return out
}

func sortedExports(in []diff.LiveExport) []diff.LiveExport {
	out := append([]diff.LiveExport(nil), in...)
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := out[i].Export.From.Millis, out[j].Export.From.Millis; a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func sortedDumps(in []diff.LiveDump) []diff.LiveDump {
	out := append([]diff.LiveDump(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Dump.Key()+out[i].ID < out[j].Dump.Key()+out[j].ID })
	return out
}
