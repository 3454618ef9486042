package diff

import (
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

// add appends a field whose value is already encoded (encode.go).
func (fl *fieldList) add(path, value string, flags ...fieldFlag) {
	f := field{path: path, value: value}
	for _, flag := range flags {
		f.secret = f.secret || flag == secret
		f.replace = f.replace || flag == forceReplace
	}
	*fl = append(*fl, f)
}

// fieldFlag marks a field. (Flags were funcs taking *field: that made every
// field escape to the heap, a fifth of a large diff's allocations.)
type fieldFlag uint8

const (
	secret       fieldFlag = iota + 1 // compared by keyed fingerprint, never shown
	forceReplace                      // the vendor API cannot modify it in place
)

// headerPrefix starts the path of a custom endpoint header's field.
const headerPrefix = "customEndpoint.headers."

// taskFields flattens a normalized delivery task. The mutability follows
// edgeone-logs.md §3: Modify does not accept Area, LogType, TaskType or CLS.
func taskFields(t spec.DeliveryTask) fieldList {
	return appendTaskFields(make(fieldList, 0, 24), t)
}

// appendTaskFields is taskFields appending to fl, so that a diff of many
// tasks can reuse one buffer.
func appendTaskFields(fl fieldList, t spec.DeliveryTask) fieldList {
	fl.add("type", encodeString(t.Type), forceReplace)
	fl.add("logType", encodeString(t.LogType), forceReplace)
	fl.add("area", encodeString(t.Area), forceReplace)
	fl.add("entities", encodeStrings(t.Entities))
	fl.add("fields", encodeStrings(t.Fields))
	fl.add("customFields", encodeCustomFields(t.CustomFields))
	fl.add("deliveryConditions", encodeConditions(t.DeliveryConditions))
	fl.add("sample", encodeInt(t.Sample))
	fl.add("logFormat", encodeLogFormat(t.LogFormat))
	fl.add("enabled", encodeBool(t.Enabled))
	if c := t.CLS; c != nil {
		fl.add("cls.logSetId", encodeString(c.LogSetID), forceReplace)
		fl.add("cls.topicId", encodeString(c.TopicID), forceReplace)
		fl.add("cls.logSetRegion", encodeString(c.LogSetRegion), forceReplace)
	}
	if c := t.CustomEndpoint; c != nil {
		fl.add("customEndpoint.url", encodeString(c.URL))
		fl.add("customEndpoint.accessId", encodeString(c.AccessID), secret)
		fl.add("customEndpoint.accessKey", encodeString(c.AccessKey), secret)
		fl.add("customEndpoint.compressType", encodeString(c.CompressType))
		fl.add("customEndpoint.protocol", encodeString(c.Protocol))
		for _, h := range c.Headers {
			if h.Secret {
				fl.add(headerPrefix+h.Name, encodeString(h.Value), secret)
			} else {
				fl.add(headerPrefix+h.Name, encodeString(h.Value))
			}
		}
	}
	if s := t.S3; s != nil {
		fl.add("s3.endpoint", encodeString(s.Endpoint))
		fl.add("s3.region", encodeString(s.Region))
		fl.add("s3.bucket", encodeString(s.Bucket))
		fl.add("s3.compressType", encodeString(s.CompressType))
		fl.add("s3.accessId", encodeString(s.AccessID), secret)
		fl.add("s3.accessKey", encodeString(s.AccessKey), secret)
	}
	return fl
}

// exportFields flattens a normalized export. Exports have no modify API
// (cls-export.md §5): every field forces a replace.
func exportFields(e spec.Export) fieldList {
	fl := make(fieldList, 0, 10)
	fl.add("region", encodeString(e.Region), forceReplace)
	fl.add("topicId", encodeString(e.TopicID), forceReplace)
	fl.add("query", encodeString(e.Query), forceReplace)
	fl.add("count", encodeInt(e.Count), forceReplace)
	fl.add("from", encodeString(e.From.RFC3339()), forceReplace)
	fl.add("to", encodeString(e.To.RFC3339()), forceReplace)
	fl.add("order", encodeString(e.Order), forceReplace)
	fl.add("format", encodeString(e.Format), forceReplace)
	fl.add("syntaxRule", encodeInt(e.SyntaxRule), forceReplace)
	fl.add("derivedFields", encodeStrings(e.DerivedFields), forceReplace)
	return fl
}

// dumpFields flattens a normalized dump: UpdateTransfer changes streams,
// format, period, prefixes and status in place (huawei-lts-transfer.md §6);
// the identity fields never differ between matched resources.
func dumpFields(d spec.Dump) fieldList {
	fl := make(fieldList, 0, 10)
	fl.add("region", encodeString(d.Region), forceReplace)
	fl.add("projectId", encodeString(d.ProjectID), forceReplace)
	fl.add("logGroupId", encodeString(d.LogGroupID), forceReplace)
	fl.add("bucket", encodeString(d.Bucket), forceReplace)
	fl.add("logStreamIds", encodeStrings(d.LogStreamIDs))
	fl.add("storageFormat", encodeString(d.StorageFormat))
	fl.add("enabled", encodeBool(d.Enabled))
	fl.add("prefixName", encodeString(d.PrefixName))
	fl.add("dirPrefixName", encodeString(d.DirPrefixName))
	fl.add("period", encodeString(d.Period))
	return fl
}

// markEnvSensitive marks as secret every field whose raw (unresolved) value
// came from the environment: whatever a user keeps out of the files is not
// printed by logctl either.
func markEnvSensitive(fl fieldList, raw fieldList) {
	for _, f := range raw {
		if !strings.Contains(f.value, "${env:") {
			continue
		}
		for i := range fl {
			if fl[i].path == f.path {
				fl[i].secret = true
			}
		}
	}
}
