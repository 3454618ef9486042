package teo

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/spec"
)

// Conversions between the wire (api.go) and the spec types. The rule that
// makes "apply, then plan" empty: whatever is created from a spec and read
// back must normalize (diff.NormalizeTask) to the same fields. Values are
// therefore kept as the API returns them (a legacy LogType, Sample 0, an
// empty LogFormat member) and left to the one normalization step in diff.

// Delivery statuses (edgeone-logs.md §6).
const (
	statusEnabled  = "enabled"
	statusDisabled = "disabled"
	statusDeleted  = "deleted" // the CLS destination was deleted
	// statusDeleting: a task whose delete has not finished (the
	// asynchronous-delete reading, edgeone-logs.md §4; emulator switch
	// async-delete). Not a documented value.
	statusDeleting = "deleting"
)

// defaultSample is Sample's meaning when omitted: 100 % (§2).
const defaultSample = 1000

// taskFromWire converts a task as Describe returns it. The wire task has no
// ZoneId: it is the zone the list was read from.
func taskFromWire(zoneID string, w *RealtimeLogDeliveryTask) spec.DeliveryTask {
	t := spec.DeliveryTask{
		Name:               w.TaskName,
		ZoneID:             zoneID,
		Type:               w.TaskType,
		LogType:            w.LogType, // legacy names stay: diff maps them
		Area:               w.Area,
		Entities:           w.EntityList,
		Fields:             w.Fields,
		CustomFields:       customFieldsFromWire(w.CustomFields),
		DeliveryConditions: conditionsFromWire(w.DeliveryConditions),
		LogFormat:          logFormatFromWire(w.LogFormat),
		Enabled:            enabledFromStatus(w.DeliveryStatus),
	}
	// §10: Describe returns 0 for a task created without Sample.
	if w.Sample != 0 {
		s := int64(w.Sample)
		t.Sample = &s
	}
	if c := w.CLS; c != nil {
		t.CLS = &spec.CLSDestination{LogSetID: c.LogSetId, TopicID: c.TopicId, LogSetRegion: c.LogSetRegion}
	}
	if e := w.CustomEndpoint; e != nil {
		t.CustomEndpoint = &spec.CustomEndpoint{
			URL: e.Url, AccessID: deref(e.AccessId), AccessKey: deref(e.AccessKey),
			CompressType: deref(e.CompressType), Protocol: deref(e.Protocol), Headers: headersFromWire(e.Headers),
		}
	}
	if s := w.S3; s != nil {
		t.S3 = &spec.S3Destination{Endpoint: s.Endpoint, Region: s.Region, Bucket: s.Bucket,
			CompressType: deref(s.CompressType), AccessID: s.AccessId, AccessKey: s.AccessKey}
	}
	return t
}

// enabledFromStatus maps DeliveryStatus to the spec's enabled. "deleted"
// (the destination is gone) delivers nothing, so it reads as disabled; an
// unknown (intermediate) status says nothing and stays unset.
func enabledFromStatus(s string) *bool {
	var v bool
	switch s {
	case statusEnabled:
		v = true
	case statusDisabled, statusDeleted:
		v = false
	default:
		return nil
	}
	return &v
}

// statusOf is the DeliveryStatus a spec asks for: enabled unless false.
func statusOf(t *spec.DeliveryTask) string {
	if t.Enabled != nil && !*t.Enabled {
		return statusDisabled
	}
	return statusEnabled
}

// createRequest builds CreateRealtimeLogDeliveryTask's input. Create has no
// DeliveryStatus (§2): a disabled task needs a Modify afterwards.
func createRequest(t *spec.DeliveryTask) (*CreateTaskRequest, error) {
	sample, err := sampleToWire(t.Sample)
	if err != nil {
		return nil, err
	}
	req := &CreateTaskRequest{
		ZoneId: t.ZoneID, TaskName: t.Name, TaskType: t.Type, LogType: t.LogType, Area: t.Area,
		EntityList: t.Entities, Fields: t.Fields,
		CustomFields:       customFieldsToWire(t.CustomFields),
		DeliveryConditions: conditionsToWire(t.DeliveryConditions),
		Sample:             sample,
		LogFormat:          logFormatToWire(t.LogFormat),
		CustomEndpoint:     endpointToWire(t.CustomEndpoint),
		S3:                 s3ToWire(t.S3),
	}
	if c := t.CLS; c != nil {
		req.CLS = &CLSTopic{LogSetId: c.LogSetID, TopicId: c.TopicID, LogSetRegion: c.LogSetRegion}
	}
	return req, nil
}

// modifyRequest builds ModifyRealtimeLogDeliveryTask's input resending every
// mutable field, so the task ends up exactly as desired whatever the
// omission rules are. Two readings of an omitted member exist (§3,
// UNCONFIRMED; emulator switch modify-keeps-omitted): the Modify doc's
// "reset to default" for LogFormat and DeliveryConditions, and the SDK
// model texts' "keep the old value". Nothing is left to omission: lists
// are sent as [] to clear them, Sample as 1000 when unset, an unset
// LogFormat of a custom_endpoint or s3 task as the default format written
// out (diff.DefaultLogFormat; cls and log_analysis tasks only know json,
// so omitting it is the same under both readings), and a destination with
// every member, cleared ones as "" or [] (endpointToModify, s3ToModify).
// Area, LogType, TaskType and CLS are not accepted by Modify: changing them
// is a replace, planned by diff.
func modifyRequest(id string, t *spec.DeliveryTask) (*ModifyTaskRequest, error) {
	sample, err := sampleToWire(t.Sample)
	if err != nil {
		return nil, err
	}
	if sample == nil {
		s := uint64(defaultSample)
		sample = &s
	}
	name, status := t.Name, statusOf(t)
	return &ModifyTaskRequest{
		ZoneId: t.ZoneID, TaskId: id, TaskName: &name, DeliveryStatus: &status,
		EntityList:         nonNil(t.Entities),
		Fields:             nonNil(t.Fields),
		CustomFields:       nonNil(customFieldsToWire(t.CustomFields)),
		DeliveryConditions: nonNil(conditionsToWire(t.DeliveryConditions)),
		Sample:             sample,
		LogFormat:          logFormatToModify(t),
		CustomEndpoint:     endpointToModify(t.CustomEndpoint),
		S3:                 s3ToModify(t.S3),
	}, nil
}

// logFormatToModify is the LogFormat a Modify sends: the desired one, or
// the default written out where a task type has one.
func logFormatToModify(t *spec.DeliveryTask) *LogFormat {
	if t.LogFormat != nil {
		return logFormatToWire(t.LogFormat)
	}
	return logFormatToWire(diff.DefaultLogFormat(t.Type))
}

// endpointToModify sends every member of a custom endpoint: cleared
// credentials and compression as "", no headers as [], and an unset
// Protocol as the one the URL's scheme implies (§6: omitted = derived from
// the URL; "" is not a documented value).
func endpointToModify(e *spec.CustomEndpoint) *CustomEndpoint {
	w := endpointToWire(e)
	if w == nil {
		return nil
	}
	w.AccessId, w.AccessKey, w.CompressType = ptr(e.AccessID), ptr(e.AccessKey), ptr(e.CompressType)
	if e.Protocol == "" {
		if scheme, _, ok := strings.Cut(e.URL, "://"); ok {
			w.Protocol = ptr(strings.ToLower(scheme))
		}
	}
	w.Headers = nonNil(w.Headers)
	return w
}

// s3ToModify sends an S3 destination with CompressType "" when unset.
func s3ToModify(s *spec.S3Destination) *S3 {
	w := s3ToWire(s)
	if w != nil {
		w.CompressType = ptr(s.CompressType)
	}
	return w
}

func ptr[T any](v T) *T { return &v }

// sampleToWire checks the permille range (§2: 1..1000; 0 is accepted and
// reads back as "not set", §10).
func sampleToWire(s *int64) (*uint64, error) {
	if s == nil {
		return nil, nil
	}
	if *s < 0 || *s > defaultSample {
		return nil, fmt.Errorf("sample %d is outside 1..1000: %w", *s, apierr.ErrInvalid)
	}
	v := uint64(*s)
	return &v, nil
}

// Member conversions shared by Create, Modify and Describe (edgeone-logs.md
// §7). A nil list stays nil (left out of a request); optional strings are
// sent only when set.

func customFieldsToWire(in []spec.CustomField) []CustomField {
	if in == nil {
		return nil
	}
	out := make([]CustomField, len(in))
	for i, f := range in {
		out[i] = CustomField{Name: f.Name, Value: f.Value, Enabled: f.Enabled}
	}
	return out
}

func customFieldsFromWire(in []CustomField) []spec.CustomField {
	if in == nil {
		return nil
	}
	out := make([]spec.CustomField, len(in))
	for i, f := range in {
		out[i] = spec.CustomField{Name: f.Name, Value: f.Value, Enabled: f.Enabled}
	}
	return out
}

func conditionsToWire(in []spec.DeliveryCondition) []DeliveryCondition {
	if in == nil {
		return nil
	}
	out := make([]DeliveryCondition, len(in))
	for i, g := range in {
		conds := make([]QueryCondition, len(g.Conditions))
		for j, c := range g.Conditions {
			conds[j] = QueryCondition{Key: c.Key, Operator: c.Operator, Value: c.Value}
		}
		out[i] = DeliveryCondition{Conditions: conds}
	}
	return out
}

func conditionsFromWire(in []DeliveryCondition) []spec.DeliveryCondition {
	if in == nil {
		return nil
	}
	out := make([]spec.DeliveryCondition, len(in))
	for i, g := range in {
		conds := make([]spec.Condition, len(g.Conditions))
		for j, c := range g.Conditions {
			conds[j] = spec.Condition{Key: c.Key, Operator: c.Operator, Value: c.Value}
		}
		out[i] = spec.DeliveryCondition{Conditions: conds}
	}
	return out
}

func logFormatToWire(f *spec.LogFormat) *LogFormat {
	if f == nil {
		return nil
	}
	return &LogFormat{
		FormatType: f.FormatType, BatchPrefix: optional(f.BatchPrefix), BatchSuffix: optional(f.BatchSuffix),
		RecordPrefix: optional(f.RecordPrefix), RecordSuffix: optional(f.RecordSuffix),
		RecordDelimiter: optional(f.RecordDelimiter), FieldDelimiter: optional(f.FieldDelimiter),
		RecordTemplate: optional(f.RecordTemplate),
	}
}

// logFormatFromWire keeps a null LogFormat (the default format, §7) as nil.
func logFormatFromWire(f *LogFormat) *spec.LogFormat {
	if f == nil {
		return nil
	}
	return &spec.LogFormat{
		FormatType: f.FormatType, BatchPrefix: deref(f.BatchPrefix), BatchSuffix: deref(f.BatchSuffix),
		RecordPrefix: deref(f.RecordPrefix), RecordSuffix: deref(f.RecordSuffix),
		RecordDelimiter: deref(f.RecordDelimiter), FieldDelimiter: deref(f.FieldDelimiter),
		RecordTemplate: deref(f.RecordTemplate),
	}
}

func endpointToWire(e *spec.CustomEndpoint) *CustomEndpoint {
	if e == nil {
		return nil
	}
	var headers []Header
	if e.Headers != nil {
		headers = make([]Header, len(e.Headers))
		for i, h := range e.Headers {
			headers[i] = Header{Name: h.Name, Value: h.Value}
		}
	}
	return &CustomEndpoint{
		Url: e.URL, AccessId: optional(e.AccessID), AccessKey: optional(e.AccessKey),
		CompressType: optional(e.CompressType), Protocol: optional(e.Protocol), Headers: headers,
	}
}

// headersFromWire: the API does not know which headers are secret; diff
// copies the marks from the desired side.
func headersFromWire(in []Header) []spec.Header {
	if in == nil {
		return nil
	}
	out := make([]spec.Header, len(in))
	for i, h := range in {
		out[i] = spec.Header{Name: h.Name, Value: h.Value}
	}
	return out
}

func s3ToWire(s *spec.S3Destination) *S3 {
	if s == nil {
		return nil
	}
	return &S3{Endpoint: s.Endpoint, Region: s.Region, Bucket: s.Bucket,
		AccessId: s.AccessID, AccessKey: s.AccessKey, CompressType: optional(s.CompressType)}
}

// optional sends a string only when set.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// nonNil turns "unset" into an explicit empty list, which a Modify sends as
// [] (clear) instead of leaving the member out (keep).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
