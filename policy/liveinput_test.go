package policy

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/spec"
)

// liveState is a live state for the tests, as slices.
type liveState struct {
	tasks   []spec.DeliveryTask
	exports []spec.Export
	dumps   []spec.Dump
}

func (l *liveState) live() Live {
	return Live{DeliveryTasks: seqOf(l.tasks), Exports: seqOf(l.exports), Dumps: seqOf(l.dumps)}
}

func seqOf[T any](items []T) func(func(*T) bool) {
	return func(yield func(*T) bool) {
		for i := range items {
			if !yield(&items[i]) {
				return
			}
		}
	}
}

// roundTrip is how data.logctl.live was built before LiveInput: the spec
// types through encoding/json and back into plain values. LiveInput must
// give the policies exactly the same values.
func roundTrip(t *testing.T, live *liveState) map[string]any {
	t.Helper()
	plain := func(v any) any {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var out any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	tasks, exports, dumps := []any{}, []any{}, []any{}
	for _, x := range live.tasks {
		tasks = append(tasks, plain(x))
	}
	for _, x := range live.exports {
		exports = append(exports, plain(x))
	}
	for _, x := range live.dumps {
		dumps = append(dumps, plain(x))
	}
	return map[string]any{"deliveryTasks": tasks, "exports": exports, "dumps": dumps}
}

func ptr[T any](v T) *T { return &v }

func TestLiveInputMatchesJSONRoundTrip(t *testing.T) {
	full := spec.DeliveryTask{
		Name: "t<1>", ZoneID: "zone-1", Type: "custom_endpoint", LogType: "domain", Area: "overseas",
		Entities: []string{"b.example.com", "a.example.com"}, Fields: []string{"RequestID", "ClientIP"},
		CustomFields: []spec.CustomField{{Name: "ReqHeader", Value: "Accept", Enabled: ptr(true)}, {Name: "Cookie", Value: "s"}},
		DeliveryConditions: []spec.DeliveryCondition{
			{Conditions: []spec.Condition{{Key: "EdgeResponseStatusCode", Operator: "great_equal", Value: []string{"500"}}}},
			{Conditions: []spec.Condition{{Key: "SecurityAction", Operator: "equal"}}},
			{},
		},
		Sample:    ptr(int64(50_000_000)),
		LogFormat: &spec.LogFormat{FormatType: "template", RecordDelimiter: "\n", RecordTemplate: `{"a":"$b"}` + "\u2028é"},
		Enabled:   ptr(false),
		CLS:       &spec.CLSDestination{LogSetID: "ls", TopicID: "tp"},
		CustomEndpoint: &spec.CustomEndpoint{URL: "https://x", AccessID: "id", AccessKey: "key", CompressType: "gzip", Protocol: "https",
			Headers: []spec.Header{{Name: "A", Value: "1", Secret: true}, {Name: "B"}}},
		S3: &spec.S3Destination{Endpoint: "https://s3", Region: "r", Bucket: "b/", CompressType: "gzip", AccessID: "i", AccessKey: "k"},
	}
	tests := []struct {
		name string
		live liveState
	}{
		{name: "empty"},
		{name: "zero values", live: liveState{
			tasks:   []spec.DeliveryTask{{}},
			exports: []spec.Export{{}},
			dumps:   []spec.Dump{{}},
		}},
		{name: "empty members", live: liveState{
			tasks: []spec.DeliveryTask{{
				Entities: []string{}, CustomFields: []spec.CustomField{}, LogFormat: &spec.LogFormat{},
				CLS: &spec.CLSDestination{}, CustomEndpoint: &spec.CustomEndpoint{Headers: []spec.Header{}}, S3: &spec.S3Destination{},
				Sample: ptr(int64(0)), Enabled: ptr(true),
			}},
		}},
		{name: "every field", live: liveState{
			tasks: []spec.DeliveryTask{full},
			exports: []spec.Export{{
				Name: "e", Region: "ap-guangzhou", TopicID: "tp", Query: "status:>=500", Count: ptr(int64(1234567890123)),
				From: spec.TimestampFromMillis(1607499107000), To: spec.TimestampFromMillis(1607499207123),
				Order: "asc", Format: "csv", SyntaxRule: ptr(int64(1)), DerivedFields: []string{"a", "b"},
			}},
			dumps: []spec.Dump{{
				Name: "d", Region: "cn-north-4", ProjectID: "p", LogGroupID: "g", LogStreamIDs: []string{"s2", "s1"},
				Bucket: "bkt", StorageFormat: "JSON", Enabled: ptr(false), PrefixName: "pre", DirPrefixName: "dir", Period: "5min",
			}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LiveInput(tc.live.live(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(roundTrip(t, &tc.live), got); d != "" {
				t.Errorf("LiveInput differs from the JSON round trip (-want +got):\n%s", d)
			}
		})
	}
}
