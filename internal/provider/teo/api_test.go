package teo

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// seedFields etc. are the values of the vendor examples (seed pages of
// CreateRealtimeLogDeliveryTask, DownloadL4Logs, DownloadL7Logs 2022-01-06).
var (
	seedEntities = []string{"domain.example.com"}
	seedFields   = []string{"RequestID", "ClientIP", "RequestTime"}
	seedCustom   = []CustomField{{Name: "ReqHeader", Value: "Accept-Language", Enabled: ptr(true)}}
)

func seedCreate(taskType string) CreateTaskRequest {
	return CreateTaskRequest{
		ZoneId: "zone-2z55fgysdtmc", TaskName: "test_log_task", TaskType: taskType,
		EntityList: seedEntities, LogType: "domain", Area: "mainland", Fields: seedFields,
	}
}

// TestRequestsMatchVendorExamples builds each request the way convert code
// would and compares its JSON with the vendor's example body, then decodes
// the example strictly (every member must be known) and re-encodes it.
func TestRequestsMatchVendorExamples(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		build func() any
	}{
		{"create cls", "create_cls.seed.json", func() any {
			r := seedCreate("cls")
			r.CustomFields, r.Sample = seedCustom, ptr(uint64(605))
			r.CLS = &CLSTopic{LogSetId: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
				TopicId: "0b3a07c0-5cf6-4017-8a75-cd4459aea588", LogSetRegion: "ap-guangzhou"}
			return &r
		}},
		{"create custom endpoint", "create_custom_endpoint.seed.json", func() any {
			r := seedCreate("custom_endpoint")
			r.Sample = ptr(uint64(1000))
			r.DeliveryConditions = []DeliveryCondition{{Conditions: []QueryCondition{{
				Key: "SecurityAction", Operator: "equal", Value: []string{"Deny", "JSChallenge", "ManagedChallenge"}}}}}
			r.CustomEndpoint = &CustomEndpoint{Url: "http://custom_endpoint/access_log/post",
				CompressType: ptr("gzip"), Headers: []Header{{Name: "Vendor", Value: "EdgeOne"}}}
			return &r
		}},
		{"create s3 keeps empty CompressType", "create_s3.seed.json", func() any {
			r := seedCreate("s3")
			r.CustomFields, r.Sample = seedCustom, ptr(uint64(605))
			r.S3 = &S3{Endpoint: "https://example.cos.ap-guangzhou.myqcloud.com", Region: "ap-guangzhou",
				Bucket:       "example-bucket-4-1310765013/example-4-1310765013/logs/EdgeOne/test",
				CompressType: ptr(""), AccessId: "Your bucket access key ID", AccessKey: "Your bucket access key KEY"}
			return &r
		}},
		{"create log analysis has no destination", "create_log_analysis.seed.json", func() any {
			r := seedCreate("log_analysis")
			r.CustomFields, r.Sample = seedCustom, ptr(uint64(605))
			return &r
		}},
		{"download l4", "download_l4.seed.json", func() any {
			return &DownloadL4LogsRequest{Limit: 10, StartTime: "2020-09-22T00:00:00+00:00",
				EndTime: "2020-09-22T00:00:00+00:00", ZoneIds: []string{"zone-2mzegj4vln5f"}}
		}},
		{"download l7 legacy", "download_l7_legacy.seed.json", func() any {
			return &LegacyDownloadL7LogsRequest{Zones: []string{"xx"}, Domains: []string{"xx"},
				StartTime: "2022-05-04T03:27:00+08:00", EndTime: "2022-05-10T23:59:00+08:00"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seed := readFile(t, tt.file)
			got, err := json.Marshal(tt.build())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decodeAny(t, seed), decodeAny(t, got)); diff != "" {
				t.Errorf("request JSON differs from the vendor example (-seed +ours):\n%s", diff)
			}
			v := reflect.New(reflect.TypeOf(tt.build()).Elem()).Interface()
			strictDecode(t, seed, v)
			again, _ := json.Marshal(v)
			if diff := cmp.Diff(decodeAny(t, seed), decodeAny(t, again)); diff != "" {
				t.Errorf("round trip lost members (-seed +ours):\n%s", diff)
			}
		})
	}
}

func TestResponsesDecodeVendorExamples(t *testing.T) {
	var l4 DownloadL4LogsResponse
	strictDecode(t, readFile(t, "download_l4_response.seed.json"), &l4)
	want := L4OfflineLog{ProxyId: "proxy-1491-11ed-9792-525400655ede", Area: "mainland",
		LogPacketName: "20220811-10-proxy-1491-11ed-9792-525400655ede",
		Url:           "https://log-down04-cn.edgeone.qcloud.com/20220811/2022081110-proxy-1491-11ed-9792-52we0655ede.log.gz",
		LogTime:       1660212000, LogStartTime: "2023-07-26T06:00:00+08:00", LogEndTime: "2023-07-26T07:00:00+08:00", Size: 20761}
	if l4.TotalCount != 128 || len(l4.Data) != 1 {
		t.Fatalf("got %+v", l4)
	}
	if diff := cmp.Diff(want, l4.Data[0]); diff != "" {
		t.Errorf("L4OfflineLog (-want +got):\n%s", diff)
	}
	var legacy LegacyDownloadL7LogsResponse
	strictDecode(t, readFile(t, "download_l7_legacy_response.seed.json"), &legacy)
	if legacy.Pages == nil || *legacy.Pages != 0 || len(legacy.Data) != 1 || legacy.Data[0].Url != "xx" {
		t.Errorf("legacy response decoded as %+v", legacy)
	}
}

// TestDescribeNullsAndEmpties: Describe shows unused destinations as null and
// empty lists as [] (edgeone-logs.md §7); the structs must keep them apart.
func TestDescribeNullsAndEmpties(t *testing.T) {
	body := `{"TotalCount":1,"RequestId":"r","RealtimeLogDeliveryTasks":[{"TaskId":"t","TaskName":"n",
	 "DeliveryStatus":"enabled","TaskType":"cls","EntityList":["domain.example.com"],"LogType":"domain",
	 "Area":"mainland","Fields":["RequestID"],"CustomFields":[],"CustomExpressionFields":null,
	 "DeliveryConditions":[],"Sample":0,"LogFormat":null,
	 "CLS":{"LogSetId":"ls","TopicId":"tp","LogSetRegion":"ap-guangzhou"},"CustomEndpoint":null,"S3":null,
	 "CreateTime":"2024-03-26T03:00:39+08:00","UpdateTime":"2024-03-26T03:00:39+08:00"}]}`
	var resp DescribeTasksResponse
	strictDecode(t, []byte(body), &resp)
	task := resp.RealtimeLogDeliveryTasks[0]
	switch {
	case task.CustomFields == nil || len(task.CustomFields) != 0:
		t.Errorf("[] CustomFields decoded as %#v", task.CustomFields)
	case task.CustomExpressionFields != nil:
		t.Errorf("null CustomExpressionFields decoded as %#v", task.CustomExpressionFields)
	case task.LogFormat != nil || task.CustomEndpoint != nil || task.S3 != nil:
		t.Errorf("null destinations decoded as non-nil: %+v", task)
	case task.CLS == nil || task.CLS.TopicId != "tp" || task.Sample != 0:
		t.Errorf("decoded %+v", task)
	}
}

// TestModifyOmission pins the SDK omission rule Modify relies on: nil means
// "keep", a non-nil empty list is sent as [] ("clear"), a set pointer is sent
// even when zero.
func TestModifyOmission(t *testing.T) {
	tests := []struct {
		name string
		req  ModifyTaskRequest
		want string
	}{
		{"only identity", ModifyTaskRequest{ZoneId: "z", TaskId: "t"}, `{"ZoneId":"z","TaskId":"t"}`},
		{"clear lists", ModifyTaskRequest{ZoneId: "z", TaskId: "t", CustomFields: []CustomField{},
			DeliveryConditions: []DeliveryCondition{}},
			`{"ZoneId":"z","TaskId":"t","CustomFields":[],"DeliveryConditions":[]}`},
		{"zero sample and disabled", ModifyTaskRequest{ZoneId: "z", TaskId: "t", Sample: ptr(uint64(0)),
			DeliveryStatus: ptr("disabled")},
			`{"ZoneId":"z","TaskId":"t","DeliveryStatus":"disabled","Sample":0}`},
		{"custom field without Enabled", ModifyTaskRequest{ZoneId: "z", TaskId: "t",
			CustomFields: []CustomField{{Name: "Cookie", Value: "sid"}}},
			`{"ZoneId":"z","TaskId":"t","CustomFields":[{"Name":"Cookie","Value":"sid"}]}`},
		{"json log format", ModifyTaskRequest{ZoneId: "z", TaskId: "t", LogFormat: &LogFormat{FormatType: "json"}},
			`{"ZoneId":"z","TaskId":"t","LogFormat":{"FormatType":"json"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return v
}

func strictDecode(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("strict decode into %T: %v", v, err)
	}
}
