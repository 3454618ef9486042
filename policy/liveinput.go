package policy

import (
	"iter"

	"github.com/logctl/logctl/spec"
)

// Live is the live state as the policies read it (data.logctl.live): the
// live resources in the spec types, as iterators so that the caller decides
// how long each resource is kept (plan clears each one once it is
// converted, so that its strings and lists can be collected while the rest
// is converted). A nil iterator is an empty list.
type Live struct {
	DeliveryTasks iter.Seq[*spec.DeliveryTask]
	Exports       iter.Seq[*spec.Export]
	Dumps         iter.Seq[*spec.Dump]
}

// LiveInput is the live state in the shape of the YAML, for the policies'
// data.logctl.live (Evaluation.Eval).
//
// It builds the values the encoding/json round trip of the spec types
// produced before (their json tags: omitempty drops "", nil and empty
// lists; numbers become float64; an unset Timestamp is null) without
// encoding and decoding 12,000 resources: the round trip was a sizeable
// share of plan's CPU time and garbage. liveinput_test.go keeps the round
// trip as the reference.
//
// Each resource is handed to convert (Evaluation.Convert) as soon as it is
// built, so that 100,000 live resources are never held in plain form next
// to their converted form; a nil convert keeps the plain values.
func LiveInput(live Live, convert func(any) (any, error)) (map[string]any, error) {
	if convert == nil {
		convert = func(v any) (any, error) { return v, nil }
	}
	tasks, err := inputList(live.DeliveryTasks, taskInput, convert)
	if err != nil {
		return nil, err
	}
	exports, err := inputList(live.Exports, exportInput, convert)
	if err != nil {
		return nil, err
	}
	dumps, err := inputList(live.Dumps, dumpInput, convert)
	if err != nil {
		return nil, err
	}
	return map[string]any{"deliveryTasks": tasks, "exports": exports, "dumps": dumps}, nil
}

// inputList builds and converts the input of each live resource in turn.
func inputList[T any](items iter.Seq[*T], build func(*T) map[string]any, convert func(any) (any, error)) ([]any, error) {
	out := []any{}
	if items == nil {
		return out, nil
	}
	for it := range items {
		v, err := convert(build(it))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// object collects the members of one JSON object with omitempty rules.
type object map[string]any

func (o object) str(k, v string) {
	if v != "" {
		o[k] = v
	}
}

func (o object) strs(k string, v []string) {
	if len(v) > 0 {
		o[k] = anyStrings(v)
	}
}

func (o object) int(k string, v *int64) {
	if v != nil {
		o[k] = float64(*v)
	}
}

func (o object) bool(k string, v *bool) {
	if v != nil {
		o[k] = *v
	}
}

func (o object) obj(k string, v object) {
	if v != nil {
		o[k] = map[string]any(v)
	}
}

func (o object) list(k string, v []any) {
	if len(v) > 0 {
		o[k] = v
	}
}

func anyStrings(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

func taskInput(t *spec.DeliveryTask) map[string]any {
	o := make(object, 16)
	o.str("name", t.Name)
	o.str("zoneId", t.ZoneID)
	o.str("type", t.Type)
	o.str("logType", t.LogType)
	o.str("area", t.Area)
	o.strs("entities", t.Entities)
	o.strs("fields", t.Fields)
	o.list("customFields", customFieldsInput(t.CustomFields))
	o.list("deliveryConditions", conditionsInput(t.DeliveryConditions))
	o.int("sample", t.Sample)
	o.obj("logFormat", logFormatInput(t.LogFormat))
	o.bool("enabled", t.Enabled)
	if c := t.CLS; c != nil {
		co := make(object, 3)
		co.str("logSetId", c.LogSetID)
		co.str("topicId", c.TopicID)
		co.str("logSetRegion", c.LogSetRegion)
		o.obj("cls", co)
	}
	o.obj("customEndpoint", endpointInput(t.CustomEndpoint))
	if s := t.S3; s != nil {
		so := make(object, 6)
		so.str("endpoint", s.Endpoint)
		so.str("region", s.Region)
		so.str("bucket", s.Bucket)
		so.str("compressType", s.CompressType)
		so.str("accessId", s.AccessID)
		so.str("accessKey", s.AccessKey)
		o.obj("s3", so)
	}
	return o
}

func customFieldsInput(in []spec.CustomField) []any {
	out := make([]any, len(in))
	for i, f := range in {
		o := make(object, 3)
		o.str("name", f.Name)
		o.str("value", f.Value)
		o.bool("enabled", f.Enabled)
		out[i] = map[string]any(o)
	}
	return out
}

func conditionsInput(in []spec.DeliveryCondition) []any {
	out := make([]any, len(in))
	for i, g := range in {
		conds := make([]any, len(g.Conditions))
		for j, c := range g.Conditions {
			o := make(object, 3)
			o.str("key", c.Key)
			o.str("operator", c.Operator)
			o.strs("value", c.Value)
			conds[j] = map[string]any(o)
		}
		o := make(object, 1)
		o.list("conditions", conds)
		out[i] = map[string]any(o)
	}
	return out
}

func logFormatInput(f *spec.LogFormat) object {
	if f == nil {
		return nil
	}
	o := make(object, 8)
	o.str("formatType", f.FormatType)
	o.str("batchPrefix", f.BatchPrefix)
	o.str("batchSuffix", f.BatchSuffix)
	o.str("recordPrefix", f.RecordPrefix)
	o.str("recordSuffix", f.RecordSuffix)
	o.str("recordDelimiter", f.RecordDelimiter)
	o.str("fieldDelimiter", f.FieldDelimiter)
	o.str("recordTemplate", f.RecordTemplate)
	return o
}

func endpointInput(e *spec.CustomEndpoint) object {
	if e == nil {
		return nil
	}
	o := make(object, 6)
	o.str("url", e.URL)
	o.str("accessId", e.AccessID)
	o.str("accessKey", e.AccessKey)
	o.str("compressType", e.CompressType)
	o.str("protocol", e.Protocol)
	headers := make([]any, len(e.Headers))
	for i, h := range e.Headers {
		ho := make(object, 3)
		ho.str("name", h.Name)
		ho.str("value", h.Value)
		if h.Secret {
			ho["secret"] = true
		}
		headers[i] = map[string]any(ho)
	}
	o.list("headers", headers)
	return o
}

func exportInput(e *spec.Export) map[string]any {
	o := make(object, 11)
	o.str("name", e.Name)
	o.str("region", e.Region)
	o.str("topicId", e.TopicID)
	o.str("query", e.Query)
	o.int("count", e.Count)
	o["from"] = timestampInput(e.From)
	o["to"] = timestampInput(e.To)
	o.str("order", e.Order)
	o.str("format", e.Format)
	o.int("syntaxRule", e.SyntaxRule)
	o.strs("derivedFields", e.DerivedFields)
	return o
}

// timestampInput follows spec.Timestamp.MarshalJSON: epoch milliseconds,
// null when unset (omitempty does not apply to a struct).
func timestampInput(t spec.Timestamp) any {
	if !t.Set {
		return nil
	}
	return float64(t.Millis)
}

func dumpInput(d *spec.Dump) map[string]any {
	o := make(object, 11)
	o.str("name", d.Name)
	o.str("region", d.Region)
	o.str("projectId", d.ProjectID)
	o.str("logGroupId", d.LogGroupID)
	o.strs("logStreamIds", d.LogStreamIDs)
	o.str("bucket", d.Bucket)
	o.str("storageFormat", d.StorageFormat)
	o.bool("enabled", d.Enabled)
	o.str("prefixName", d.PrefixName)
	o.str("dirPrefixName", d.DirPrefixName)
	o.str("period", d.Period)
	return o
}
