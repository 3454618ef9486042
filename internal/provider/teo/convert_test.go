package teo

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/logctl/logctl/spec"
)

// convTask parses one delivery task written in the logctl YAML format.
func convTask(t *testing.T, yaml string) *spec.DeliveryTask {
	t.Helper()
	doc, diags := spec.ParseBytes("task.yaml", []byte("version: 1\ndeliveryTasks:\n"+yaml))
	if diags.HasErrors() || len(doc.DeliveryTasks) != 1 {
		t.Fatalf("parse: %v", diags.Err())
	}
	return &doc.DeliveryTasks[0]
}

const convSeedHead = `  - name: test_log_task
    zoneId: zone-2z55fgysdtmc
    logType: domain
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID, ClientIP, RequestTime]
`

// TestCreateRequestMatchesVendorExamples writes each vendor example of
// CreateRealtimeLogDeliveryTask as logctl YAML and expects the request
// built from it to be the example's body.
func TestCreateRequestMatchesVendorExamples(t *testing.T) {
	const custom = "    customFields: [{name: ReqHeader, value: Accept-Language, enabled: true}]\n    sample: 605\n"
	tests := []struct {
		name, file, yaml string
		adjust           func(map[string]any) // differences the test documents
	}{
		{name: "cls", file: "create_cls.seed.json", yaml: convSeedHead + "    type: cls\n" + custom +
			"    cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}\n"},
		{name: "custom endpoint", file: "create_custom_endpoint.seed.json", yaml: convSeedHead + "    type: custom_endpoint\n    sample: 1000\n" +
			"    deliveryConditions: [{conditions: [{key: SecurityAction, operator: equal, value: [Deny, JSChallenge, ManagedChallenge]}]}]\n" +
			"    customEndpoint: {url: 'http://custom_endpoint/access_log/post', compressType: gzip, headers: [{name: Vendor, value: EdgeOne}]}\n"},
		{name: "log analysis", file: "create_log_analysis.seed.json", yaml: convSeedHead + "    type: log_analysis\n" + custom},
		{name: "s3 leaves an empty CompressType out", file: "create_s3.seed.json", yaml: convSeedHead + "    type: s3\n" + custom +
			"    s3: {endpoint: 'https://example.cos.ap-guangzhou.myqcloud.com', region: ap-guangzhou, bucket: example-bucket-4-1310765013/example-4-1310765013/logs/EdgeOne/test, accessId: Your bucket access key ID, accessKey: Your bucket access key KEY}\n",
			// §6: empty or omitted CompressType both mean no compression.
			adjust: func(m map[string]any) { delete(m["S3"].(map[string]any), "CompressType") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := createRequest(convTask(t, tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(req)
			var gotAny, want map[string]any
			if err := json.Unmarshal(got, &gotAny); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(readFile(t, tt.file), &want); err != nil {
				t.Fatal(err)
			}
			if tt.adjust != nil {
				tt.adjust(want)
			}
			if diff := cmp.Diff(want, gotAny); diff != "" {
				t.Errorf("request (-vendor example +got):\n%s", diff)
			}
		})
	}
}

// TestTaskFromWire reads Describe output the way the vendor's example
// shows it: null destinations and format, [] lists, Sample 0, legacy names.
func TestTaskFromWire(t *testing.T) {
	on, off := true, false
	sample := int64(605)
	tests := []struct {
		name string
		wire string
		want spec.DeliveryTask
	}{
		{name: "describe example with nulls and sample 0",
			wire: `{"TaskId":"65cd8e9f-b5cc-4e8a-8c5b-aa4bd2b2d5a1","TaskName":"test","DeliveryStatus":"enabled","TaskType":"cls",
				"EntityList":["domain.example.com"],"LogType":"domain","Area":"mainland","Fields":["RequestID","ClientIP"],
				"CustomFields":[],"DeliveryConditions":[],"Sample":0,"LogFormat":null,
				"CLS":{"LogSetId":"1a6efff1-0e40-4d37-a4ed-02c92513406b","TopicId":"0b3a07c0-5cf6-4017-8a75-cd4459aea588","LogSetRegion":"ap-guangzhou"},
				"CustomEndpoint":null,"S3":null,"CreateTime":"2024-03-26T03:00:39+08:00","UpdateTime":"2024-03-26T03:00:39+08:00"}`,
			want: spec.DeliveryTask{Name: "test", ZoneID: "zone-z", Type: "cls", LogType: "domain", Area: "mainland",
				Entities: []string{"domain.example.com"}, Fields: []string{"RequestID", "ClientIP"}, Enabled: &on,
				CLS: &spec.CLSDestination{LogSetID: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
					TopicID: "0b3a07c0-5cf6-4017-8a75-cd4459aea588", LogSetRegion: "ap-guangzhou"}}},
		{name: "disabled custom endpoint with empty members",
			wire: `{"TaskId":"t","TaskName":"ep","DeliveryStatus":"disabled","TaskType":"custom_endpoint","LogType":"l7-access-logs",
				"Area":"overseas","Sample":605,"CustomFields":[{"Name":"Cookie","Value":"sid","Enabled":false}],
				"LogFormat":{"FormatType":"csv","BatchPrefix":"","FieldDelimiter":","},
				"CustomEndpoint":{"Url":"https://e.example/x","AccessId":"","AccessKey":"k","CompressType":"gzip","Protocol":"","Headers":[{"Name":"A","Value":"b"}]}}`,
			want: spec.DeliveryTask{Name: "ep", ZoneID: "zone-z", Type: "custom_endpoint", LogType: "l7-access-logs", Area: "overseas",
				Sample: &sample, Enabled: &off, CustomFields: []spec.CustomField{{Name: "Cookie", Value: "sid", Enabled: &off}},
				LogFormat: &spec.LogFormat{FormatType: "csv", FieldDelimiter: ","},
				CustomEndpoint: &spec.CustomEndpoint{URL: "https://e.example/x", AccessKey: "k", CompressType: "gzip",
					Headers: []spec.Header{{Name: "A", Value: "b"}}}}},
		{name: "destination deleted reads as disabled",
			wire: `{"TaskId":"t","TaskName":"gone","DeliveryStatus":"deleted","TaskType":"s3","LogType":"web-attack","Area":"mainland",
				"S3":{"Endpoint":"https://s3.example","Region":"r","Bucket":"b/","AccessId":"i","AccessKey":"k","CompressType":""}}`,
			want: spec.DeliveryTask{Name: "gone", ZoneID: "zone-z", Type: "s3", LogType: "web-attack", Area: "mainland", Enabled: &off,
				S3: &spec.S3Destination{Endpoint: "https://s3.example", Region: "r", Bucket: "b/", AccessID: "i", AccessKey: "k"}}},
		{name: "unknown status leaves enabled unset",
			wire: `{"TaskId":"t","TaskName":"new","DeliveryStatus":"creating","TaskType":"log_analysis","LogType":"l7-access-logs","Area":"mainland"}`,
			want: spec.DeliveryTask{Name: "new", ZoneID: "zone-z", Type: "log_analysis", LogType: "l7-access-logs", Area: "mainland"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w RealtimeLogDeliveryTask
			if err := json.Unmarshal([]byte(tt.wire), &w); err != nil {
				t.Fatal(err)
			}
			got := taskFromWire("zone-z", &w)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("task (-want +got):\n%s", diff)
			}
		})
	}
}
