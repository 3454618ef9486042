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

// secretHeader guesses which custom headers carry credentials: the API does
// not say, so names that usually do are treated as secret.
var secretHeader = regexp.MustCompile(`(?i)(authorization|token|secret|password|api[-_]?key|cookie|signature|credential)`)

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
		e := le.Export
		e.Name = exportName(le)
		f := file("cls-" + safe(e.TopicID) + ".yaml")
		f.Exports = append(f.Exports, e)
		addScope(f, spec.Scope{Exports: &spec.ExportScope{TopicID: e.TopicID, Region: e.Region}})
	}
	for _, ld := range sortedDumps(live.Dumps) {
		d := ld.Dump
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

// extractTaskSecrets replaces the secret values of a task by references,
// recording them. Empty values stay empty (nothing to keep secret).
func extractTaskSecrets(t spec.DeliveryTask, secrets map[string]Secret) spec.DeliveryTask {
	ref := func(field, value string) string {
		if value == "" {
			return ""
		}
		name := envName(t.Name, field)
		for i := 2; ; i++ { // two tasks of one name in different zones
			if s, taken := secrets[name]; !taken || s.value == value {
				break
			}
			name = fmt.Sprintf("%s_%d", envName(t.Name, field), i)
		}
		secrets[name] = Secret{Name: name, Where: fmt.Sprintf("deliveryTask %q (zone %s) %s", t.Name, t.ZoneID, field), value: value}
		return "${env:" + name + "}"
	}
	if ce := t.CustomEndpoint; ce != nil {
		c := *ce
		c.AccessID = ref("customEndpoint.accessId", c.AccessID)
		c.AccessKey = ref("customEndpoint.accessKey", c.AccessKey)
		c.Headers = append([]spec.Header(nil), c.Headers...)
		for i, h := range c.Headers {
			if secretHeader.MatchString(h.Name) {
				c.Headers[i].Value = ref("header."+h.Name, h.Value)
				c.Headers[i].Secret = true
			}
		}
		t.CustomEndpoint = &c
	}
	if s3 := t.S3; s3 != nil {
		c := *s3
		c.AccessID = ref("s3.accessId", c.AccessID)
		c.AccessKey = ref("s3.accessKey", c.AccessKey)
		t.S3 = &c
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
