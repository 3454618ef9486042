package emulator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/emulator"
)

// The four CreateRealtimeLogDeliveryTask examples of seed 000, verbatim
// except for example 3, whose S3 block lacks two commas in the vendor page
// (not valid JSON as printed); they are added here.
var seedCreates = map[string]string{
	"cls": `{
    "ZoneId": "zone-2z55fgysdtmc",
    "TaskName": "test_log_task",
    "TaskType": "cls",
    "EntityList": ["domain.example.com"],
    "LogType": "domain",
    "Area": "mainland",
    "Fields": ["RequestID", "ClientIP", "RequestTime"],
    "CustomFields": [{"Name": "ReqHeader", "Value": "Accept-Language", "Enabled": true}],
    "Sample": 605,
    "CLS": {
        "LogSetId": "1a6efff1-0e40-4d37-a4ed-02c92513406b",
        "TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588",
        "LogSetRegion": "ap-guangzhou"
    }
}`,
	"custom_endpoint": `{
    "ZoneId": "zone-2z55fgysdtmc",
    "TaskName": "test_log_task",
    "TaskType": "custom_endpoint",
    "EntityList": ["domain.example.com"],
    "LogType": "domain",
    "Area": "mainland",
    "Fields": ["RequestID", "ClientIP", "RequestTime"],
    "Sample": 1000,
    "DeliveryConditions": [{"Conditions": [{"Key": "SecurityAction", "Operator": "equal", "Value": ["Deny", "JSChallenge", "ManagedChallenge"]}]}],
    "CustomEndpoint": {
        "Url": "http://custom_endpoint/access_log/post",
        "CompressType": "gzip",
        "Headers": [{"Name": "Vendor", "Value": "EdgeOne"}]
    }
}`,
	"s3": `{
    "ZoneId": "zone-2z55fgysdtmc",
    "TaskName": "test_log_task",
    "TaskType": "s3",
    "EntityList": ["domain.example.com"],
    "LogType": "domain",
    "Area": "mainland",
    "Fields": ["RequestID", "ClientIP", "RequestTime"],
    "CustomFields": [{"Name": "ReqHeader", "Value": "Accept-Language", "Enabled": true}],
    "Sample": 605,
    "S3": {
        "Endpoint": "https://example.cos.ap-guangzhou.myqcloud.com",
        "Region": "ap-guangzhou",
        "Bucket": "example-bucket-4-1310765013/example-4-1310765013/logs/EdgeOne/test",
        "CompressType": "",
"AccessId": "Your bucket access key ID",
"AccessKey": "Your bucket access key KEY"
    }
}`,
	"log_analysis": `{
    "ZoneId": "zone-2z55fgysdtmc",
    "TaskName": "test_log_task",
    "TaskType": "log_analysis",
    "EntityList": ["domain.example.com"],
    "LogType": "domain",
    "Area": "mainland",
    "Fields": ["RequestID", "ClientIP", "RequestTime"],
    "CustomFields": [{"Name": "ReqHeader", "Value": "Accept-Language", "Enabled": true}],
    "Sample": 605
}`,
}

func describeOne(e *env, zone, taskID string) map[string]any {
	e.t.Helper()
	out := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{
		"ZoneId": zone, "Filters": []any{map[string]any{"Name": "task-id", "Values": []string{taskID}}},
	})
	tasks := list(out["RealtimeLogDeliveryTasks"])
	if len(tasks) != 1 || num(out["TotalCount"]) != 1 {
		e.t.Fatalf("describe task %s: got %d tasks, TotalCount %v", taskID, len(tasks), out["TotalCount"])
	}
	return obj(tasks[0])
}

func TestTeoSeedCreateExamples(t *testing.T) {
	for typ, body := range seedCreates {
		t.Run(typ, func(t *testing.T) {
			e := newEnv(t, emulator.Options{})
			out := e.teo("CreateRealtimeLogDeliveryTask", body)
			id, _ := out["TaskId"].(string)
			if len(id) != 36 {
				t.Fatalf("TaskId = %q, want a UUID", id)
			}
			got := describeOne(e, "zone-2z55fgysdtmc", id)
			for k, want := range map[string]any{
				"TaskName": "test_log_task", "TaskType": typ, "LogType": "domain", "Area": "mainland",
				"DeliveryStatus": "enabled", "EntityList": []any{"domain.example.com"},
				"Fields": []any{"RequestID", "ClientIP", "RequestTime"},
			} {
				if jsonOf(got[k]) != jsonOf(want) {
					t.Errorf("%s = %s, want %s", k, jsonOf(got[k]), jsonOf(want))
				}
			}
			for _, dest := range []string{"CLS", "CustomEndpoint", "S3"} {
				wantNull := map[string]string{"cls": "CLS", "custom_endpoint": "CustomEndpoint", "s3": "S3"}[typ] != dest
				if (got[dest] == nil) != wantNull {
					t.Errorf("%s = %s for a %s task", dest, jsonOf(got[dest]), typ)
				}
			}
			if got["CreateTime"] == "" || got["UpdateTime"] == "" {
				t.Errorf("CreateTime/UpdateTime missing: %v", got)
			}
		})
	}
}

func TestTeoReadBack(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	id := e.teo("CreateRealtimeLogDeliveryTask", seedCreates["s3"])["TaskId"].(string)
	got := describeOne(e, "zone-2z55fgysdtmc", id)
	s3 := obj(got["S3"])
	if s3["AccessKey"] != "Your bucket access key KEY" || s3["AccessId"] != "Your bucket access key ID" {
		t.Errorf("S3 secrets read back as %v", s3)
	}
	if _, leaked := got["ZoneId"]; leaked {
		t.Errorf("RealtimeLogDeliveryTask carries ZoneId: %v", got)
	}
	if num(got["Sample"]) != 605 {
		t.Errorf("Sample = %v, want 605", got["Sample"])
	}
	if jsonOf(got["DeliveryConditions"]) != "[]" || jsonOf(got["CustomExpressionFields"]) != "[]" || got["LogFormat"] != nil {
		t.Errorf("unset lists/format read back as %s %s %s", jsonOf(got["DeliveryConditions"]), jsonOf(got["CustomExpressionFields"]), jsonOf(got["LogFormat"]))
	}

	// Sample omitted or 0 reads back as 0 ("not set").
	for _, sample := range []string{"", `"Sample": 0,`} {
		body := fmt.Sprintf(`{"ZoneId":"zone-2z55fgysdtmc","TaskName":"l4_%d","TaskType":"cls","EntityList":["sid-2s69eb5wcms7"],"LogType":"application","Area":"overseas",%s"Fields":["ServiceID"],"CLS":{"LogSetId":"1a6efff1-0e40-4d37-a4ed-02c92513406b","TopicId":"0b3a07c0-5cf6-4017-8a75-cd4459aea588","LogSetRegion":"ap-guangzhou"}}`, len(sample), sample)
		if sample != "" {
			body = strings.Replace(body, `"Area":"overseas"`, `"Area":"mainland"`, 1)
		}
		id := e.teo("CreateRealtimeLogDeliveryTask", body)["TaskId"].(string)
		if s := describeOne(e, "zone-2z55fgysdtmc", id)["Sample"]; num(s) != 0 {
			t.Errorf("Sample = %v for %q, want 0", s, sample)
		}
	}
}
