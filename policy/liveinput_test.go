package main

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// roundTrip is how data.logctl.live was built before liveInput: the spec
// types through encoding/json and back into plain values. liveInput must
// give the policies exactly the same values.
func roundTrip(t *testing.T, live *diff.Live) map[string]any {
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
	for _, x := range live.DeliveryTasks {
		tasks = append(tasks, plain(x.Task))
	}
	for _, x := range live.Exports {
		exports = append(exports, plain(x.Export))
	}
	for _, x := range live.Dumps {
		dumps = append(dumps, plain(x.Dump))
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
		live diff.Live
	}{
		{name: "empty"},
		{name: "zero values", live: diff.Live{
			DeliveryTasks: []diff.LiveTask{{ID: "1"}},
			Exports:       []diff.LiveExport{{ID: "2"}},
			Dumps:         []diff.LiveDump{{ID: "3"}},
		}},
		{name: "empty members", live: diff.Live{
			DeliveryTasks: []diff.LiveTask{{Task: spec.DeliveryTask{
				Entities: []string{}, CustomFields: []spec.CustomField{}, LogFormat: &spec.LogFormat{},
				CLS: &spec.CLSDestination{}, CustomEndpoint: &spec.CustomEndpoint{Headers: []spec.Header{}}, S3: &spec.S3Destination{},
				Sample: ptr(int64(0)), Enabled: ptr(true),
			}}},
		}},
		{name: "every field", live: diff.Live{
			DeliveryTasks: []diff.LiveTask{{ID: "task-1", Status: "enabled", Task: full}},
			Exports: []diff.LiveExport{{ID: "exp-1", Status: "Queuing", Export: spec.Export{
				Name: "e", Region: "ap-guangzhou", TopicID: "tp", Query: "status:>=500", Count: ptr(int64(1234567890123)),
				From: spec.TimestampFromMillis(1607499107000), To: spec.TimestampFromMillis(1607499207123),
				Order: "asc", Format: "csv", SyntaxRule: ptr(int64(1)), DerivedFields: []string{"a", "b"},
			}}},
			Dumps: []diff.LiveDump{{ID: "dump-1", Dump: spec.Dump{
				Name: "d", Region: "cn-north-4", ProjectID: "p", LogGroupID: "g", LogStreamIDs: []string{"s2", "s1"},
				Bucket: "bkt", StorageFormat: "JSON", Enabled: ptr(false), PrefixName: "pre", DirPrefixName: "dir", Period: "5min",
			}}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := liveInput(&tc.live, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(roundTrip(t, &tc.live), got); d != "" {
				t.Errorf("liveInput differs from the JSON round trip (-want +got):\n%s", d)
			}
			// Releasing gives the same input and clears each resource.
			released, err := liveInput(&tc.live, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(got, released); d != "" {
				t.Errorf("liveInput with release differs (-kept +released):\n%s", d)
			}
			for _, task := range tc.live.DeliveryTasks {
				if !cmp.Equal(task, diff.LiveTask{}) {
					t.Errorf("task %s not cleared", task.ID)
				}
			}
		})
	}
}
