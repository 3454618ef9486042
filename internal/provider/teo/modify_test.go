package teo

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
)

// TestModifyRequestResendsEverything: Modify's omission rules differ per
// member (edgeone-logs.md §3), so every mutable member is sent, cleared
// lists as [], and the immutable ones never.
func TestModifyRequestResendsEverything(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{name: "unset members are sent as their defaults",
			yaml: convSeedHead + "    type: cls\n    cls: {logSetId: a, topicId: b, logSetRegion: c}\n",
			want: `{"ZoneId":"zone-2z55fgysdtmc","TaskId":"task-1","TaskName":"test_log_task","DeliveryStatus":"enabled",
				"EntityList":["domain.example.com"],"Fields":["RequestID","ClientIP","RequestTime"],
				"CustomFields":[],"DeliveryConditions":[],"Sample":1000}`},
		{name: "disabled custom endpoint with format",
			yaml: convSeedHead + "    type: custom_endpoint\n    enabled: false\n    sample: 10\n" +
				"    logFormat: {formatType: csv, fieldDelimiter: ';'}\n" +
				"    deliveryConditions: [{conditions: [{key: EdgeResponseStatusCode, operator: great, value: ['499']}]}]\n" +
				"    customEndpoint: {url: 'https://h.example', headers: [{name: V, value: E}]}\n",
			want: `{"ZoneId":"zone-2z55fgysdtmc","TaskId":"task-1","TaskName":"test_log_task","DeliveryStatus":"disabled",
				"EntityList":["domain.example.com"],"Fields":["RequestID","ClientIP","RequestTime"],"CustomFields":[],
				"DeliveryConditions":[{"Conditions":[{"Key":"EdgeResponseStatusCode","Operator":"great","Value":["499"]}]}],
				"Sample":10,"LogFormat":{"FormatType":"csv","FieldDelimiter":";"},
				"CustomEndpoint":{"Url":"https://h.example","AccessId":"","AccessKey":"","CompressType":"","Protocol":"https",
					"Headers":[{"Name":"V","Value":"E"}]}}`},
		{name: "unset format and cleared members are written out",
			yaml: convSeedHead + "    type: s3\n" +
				"    s3: {endpoint: 'https://s3.example', region: r, bucket: b/, accessId: i, accessKey: k}\n",
			want: `{"ZoneId":"zone-2z55fgysdtmc","TaskId":"task-1","TaskName":"test_log_task","DeliveryStatus":"enabled",
				"EntityList":["domain.example.com"],"Fields":["RequestID","ClientIP","RequestTime"],
				"CustomFields":[],"DeliveryConditions":[],"Sample":1000,
				"LogFormat":{"FormatType":"json","RecordDelimiter":"\n"},
				"S3":{"Endpoint":"https://s3.example","Region":"r","Bucket":"b/","AccessId":"i","AccessKey":"k","CompressType":""}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := modifyRequest("task-1", convTask(t, tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(req)
			var gotAny, want any
			if err := json.Unmarshal(got, &gotAny); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, gotAny); diff != "" {
				t.Errorf("modify request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSampleOutOfRange(t *testing.T) {
	for _, s := range []int64{-1, 1001} {
		task := convTask(t, convSeedHead+"    type: log_analysis\n")
		task.Sample = &s
		if _, err := createRequest(task); !errors.Is(err, apierr.ErrInvalid) {
			t.Errorf("createRequest with sample %d = %v, want ErrInvalid", s, err)
		}
		if _, err := modifyRequest("x", task); !errors.Is(err, apierr.ErrInvalid) {
			t.Errorf("modifyRequest with sample %d = %v, want ErrInvalid", s, err)
		}
	}
}

// TestWireRoundTripNormalizes: a task sent as a create request and read
// back as the emulator stores it (every LogFormat member present, Sample
// as sent) normalizes to the desired task.
func TestWireRoundTripNormalizes(t *testing.T) {
	task := convTask(t, convSeedHead+"    type: custom_endpoint\n    logFormat: {formatType: json, recordDelimiter: \"\\n\"}\n"+
		"    customFields: [{name: RspHeader, value: Server}]\n    customEndpoint: {url: 'https://h.example'}\n")
	req, err := createRequest(task)
	if err != nil {
		t.Fatal(err)
	}
	empty := ""
	lf := *req.LogFormat
	for _, p := range []**string{&lf.BatchPrefix, &lf.BatchSuffix, &lf.RecordPrefix, &lf.RecordSuffix, &lf.FieldDelimiter, &lf.RecordTemplate} {
		if *p == nil {
			*p = &empty
		}
	}
	off := false
	w := RealtimeLogDeliveryTask{TaskId: "t", TaskName: req.TaskName, DeliveryStatus: "enabled", TaskType: req.TaskType,
		EntityList: req.EntityList, LogType: req.LogType, Area: req.Area, Fields: req.Fields,
		CustomFields: []CustomField{{Name: "RspHeader", Value: "Server", Enabled: &off}}, LogFormat: &lf,
		CustomEndpoint: &CustomEndpoint{Url: req.CustomEndpoint.Url, AccessId: &empty, AccessKey: &empty,
			CompressType: &empty, Protocol: &empty, Headers: []Header{}}}
	got := diff.NormalizeTask(taskFromWire(task.ZoneID, &w))
	if d := cmp.Diff(diff.NormalizeTask(*task), got); d != "" {
		t.Errorf("normalized read-back (-desired +got):\n%s", d)
	}
}
