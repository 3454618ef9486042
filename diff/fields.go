package diff

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/logctl/logctl/spec"
)

// field is one comparable leaf of a normalized resource.
type field struct {
	path    string
	value   string // JSON encoding of the normalized value
	secret  bool   // compared by keyed fingerprint, never shown
	replace bool   // the vendor API cannot modify it in place
}

type fieldList []field

func (fl *fieldList) add(path string, v any, flags ...fieldFlag) {
	f := field{path: path, value: encode(v)}
	for _, fl := range flags {
		fl(&f)
	}
	*fl = append(*fl, f)
}

type fieldFlag func(*field)

func secret(f *field)       { f.secret = true }
func forceReplace(f *field) { f.replace = true }
func secretIf(b bool) fieldFlag {
	return func(f *field) { f.secret = f.secret || b }
}

// encode is the display and comparison form of a value: compact JSON,
// without the HTML escaping that would show ">=" as "\u003e=".
func encode(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// taskFields flattens a normalized delivery task. The mutability follows
// edgeone-logs.md §3: Modify does not accept Area, LogType, TaskType or CLS.
func taskFields(t spec.DeliveryTask) fieldList {
	var fl fieldList
	fl.add("type", t.Type, forceReplace)
	fl.add("logType", t.LogType, forceReplace)
	fl.add("area", t.Area, forceReplace)
	fl.add("entities", t.Entities)
	fl.add("fields", t.Fields)
	fl.add("customFields", t.CustomFields)
	fl.add("deliveryConditions", t.DeliveryConditions)
	fl.add("sample", t.Sample)
	fl.add("logFormat", t.LogFormat)
	fl.add("enabled", t.Enabled)
	if c := t.CLS; c != nil {
		fl.add("cls.logSetId", c.LogSetID, forceReplace)
		fl.add("cls.topicId", c.TopicID, forceReplace)
		fl.add("cls.logSetRegion", c.LogSetRegion, forceReplace)
	}
	if c := t.CustomEndpoint; c != nil {
		fl.add("customEndpoint.url", c.URL)
		fl.add("customEndpoint.accessId", c.AccessID, secret)
		fl.add("customEndpoint.accessKey", c.AccessKey, secret)
		fl.add("customEndpoint.compressType", c.CompressType)
		fl.add("customEndpoint.protocol", c.Protocol)
		for _, h := range c.Headers {
			fl.add("customEndpoint.headers."+h.Name, h.Value, secretIf(h.Secret))
		}
	}
	if s := t.S3; s != nil {
		fl.add("s3.endpoint", s.Endpoint)
		fl.add("s3.region", s.Region)
		fl.add("s3.bucket", s.Bucket)
		fl.add("s3.compressType", s.CompressType)
		fl.add("s3.accessId", s.AccessID, secret)
		fl.add("s3.accessKey", s.AccessKey, secret)
	}
	return fl
}

// exportFields flattens a normalized export. Exports have no modify API
// (cls-export.md §5): every field forces a replace.
func exportFields(e spec.Export) fieldList {
	var fl fieldList
	fl.add("region", e.Region, forceReplace)
	fl.add("topicId", e.TopicID, forceReplace)
	fl.add("query", e.Query, forceReplace)
	fl.add("count", e.Count, forceReplace)
	fl.add("from", e.From.RFC3339(), forceReplace)
	fl.add("to", e.To.RFC3339(), forceReplace)
	fl.add("order", e.Order, forceReplace)
	fl.add("format", e.Format, forceReplace)
	fl.add("syntaxRule", e.SyntaxRule, forceReplace)
	fl.add("derivedFields", e.DerivedFields, forceReplace)
	return fl
}

// dumpFields flattens a normalized dump: UpdateTransfer changes streams,
// format, period, prefixes and status in place (huawei-lts-transfer.md §6);
// the identity fields never differ between matched resources.
func dumpFields(d spec.Dump) fieldList {
	var fl fieldList
	fl.add("region", d.Region, forceReplace)
	fl.add("projectId", d.ProjectID, forceReplace)
	fl.add("logGroupId", d.LogGroupID, forceReplace)
	fl.add("bucket", d.Bucket, forceReplace)
	fl.add("logStreamIds", d.LogStreamIDs)
	fl.add("storageFormat", d.StorageFormat)
	fl.add("enabled", d.Enabled)
	fl.add("prefixName", d.PrefixName)
	fl.add("dirPrefixName", d.DirPrefixName)
	fl.add("period", d.Period)
	return fl
}

// markEnvSensitive marks as secret every field whose raw (unresolved) value
// came from the environment: whatever a user keeps out of the files is not
// printed by logctl either.
func markEnvSensitive(fl fieldList, raw fieldList) {
	envPaths := map[string]bool{}
	for _, f := range raw {
		if strings.Contains(f.value, "${env:") {
			envPaths[f.path] = true
		}
	}
	for i := range fl {
		if envPaths[fl[i].path] {
			fl[i].secret = true
		}
	}
}
