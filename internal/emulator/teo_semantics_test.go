package emulator_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
)

const semZone = "zone-2z55fgysdtmc"

// tasksListed is what Describe lists for the zone, by TaskId.
func tasksListed(e *env) map[string]map[string]any {
	e.t.Helper()
	out := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": semZone})
	m := map[string]map[string]any{}
	for _, t := range list(out["RealtimeLogDeliveryTasks"]) {
		m[obj(t)["TaskId"].(string)] = obj(t)
	}
	if num(out["TotalCount"]) != len(m) {
		e.t.Errorf("TotalCount %v, listed %d", out["TotalCount"], len(m))
	}
	return m
}

// endpointTask is a custom-endpoint task with every optional field set.
const endpointTask = `{"ZoneId":"zone-2z55fgysdtmc","TaskName":"full","TaskType":"custom_endpoint",
 "EntityList":["domain.example.com"],"LogType":"l7-access-logs","Area":"mainland","Fields":["RequestID"],
 "CustomFields":[{"Name":"ReqHeader","Value":"Accept","Enabled":true}],
 "DeliveryConditions":[{"Conditions":[{"Key":"SecurityAction","Operator":"equal","Value":["Deny"]}]}],
 "LogFormat":{"FormatType":"csv","FieldDelimiter":","},
 "CustomEndpoint":{"Url":"https://logs.example.com/in","AccessId":"id-1","AccessKey":"key-1","CompressType":"gzip","Headers":[{"Name":"X-A","Value":"1"}]}}`

// modifyBare changes only the name, omitting everything else.
var modifyBare = func(id string) map[string]any {
	return map[string]any{"ZoneId": semZone, "TaskId": id, "TaskName": "renamed",
		"CustomEndpoint": map[string]any{"Url": "https://logs.example.com/in"}}
}

func TestTeoSemanticsSwitches(t *testing.T) {
	tests := []struct {
		name string
		sem  string
		run  func(t *testing.T, e *env)
	}{
		{"modify resets omitted fields by default", "", func(t *testing.T, e *env) {
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			e.teo("ModifyRealtimeLogDeliveryTask", modifyBare(id))
			got := describeOne(e, semZone, id)
			ep := obj(got["CustomEndpoint"])
			if got["LogFormat"] != nil || jsonOf(got["DeliveryConditions"]) != "[]" || ep["AccessKey"] != "" || ep["CompressType"] != "" {
				t.Errorf("omitted fields kept: %s", jsonOf(got))
			}
			if jsonOf(got["CustomFields"]) == "[]" {
				t.Errorf("CustomFields reset, but the doc says omitted = keep")
			}
		}},
		{"modify-keeps-omitted keeps them", "modify-keeps-omitted", func(t *testing.T, e *env) {
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			e.teo("ModifyRealtimeLogDeliveryTask", modifyBare(id))
			got := describeOne(e, semZone, id)
			ep := obj(got["CustomEndpoint"])
			if obj(got["LogFormat"])["FormatType"] != "csv" || len(list(got["DeliveryConditions"])) != 1 ||
				ep["AccessKey"] != "key-1" || ep["CompressType"] != "gzip" || len(list(ep["Headers"])) != 1 || got["TaskName"] != "renamed" {
				t.Errorf("omitted fields not kept: %s", jsonOf(got))
			}
			// Explicit values still clear them.
			e.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": id,
				"DeliveryConditions": []any{}, "LogFormat": map[string]any{"FormatType": "json"},
				"CustomEndpoint": map[string]any{"Url": "https://logs.example.com/in", "AccessId": "", "AccessKey": "", "CompressType": "", "Headers": []any{}}})
			got = describeOne(e, semZone, id)
			ep = obj(got["CustomEndpoint"])
			if jsonOf(got["DeliveryConditions"]) != "[]" || ep["AccessKey"] != "" || ep["CompressType"] != "" || jsonOf(ep["Headers"]) != "[]" {
				t.Errorf("explicit empty values did not clear: %s", jsonOf(got))
			}
		}},
		{"not found code by default", "", func(t *testing.T, e *env) {
			_, err := e.call("teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": semZone, "TaskId": "nope"})
			wantCode(t, err, "FailedOperation.RealtimeLogNotFound")
		}},
		{"not-found-plain", "not-found-plain", func(t *testing.T, e *env) {
			for _, action := range []string{"DeleteRealtimeLogDeliveryTask", "ModifyRealtimeLogDeliveryTask"} {
				_, err := e.call("teo", "2022-09-01", action, "", map[string]any{"ZoneId": semZone, "TaskId": "nope"})
				wantCode(t, err, "FailedOperation")
			}
		}},
		{"mask-secrets", "mask-secrets", func(t *testing.T, e *env) {
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			ep := obj(describeOne(e, semZone, id)["CustomEndpoint"])
			if ep["AccessId"] != "******" || ep["AccessKey"] != "******" {
				t.Errorf("custom endpoint secrets read back as %v %v", ep["AccessId"], ep["AccessKey"])
			}
			e.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": id})
			id = e.teo("CreateRealtimeLogDeliveryTask", seedCreates["s3"])["TaskId"].(string)
			s3 := obj(describeOne(e, semZone, id)["S3"])
			if s3["AccessId"] != "******" || s3["AccessKey"] != "******" {
				t.Errorf("S3 secrets read back as %v %v", s3["AccessId"], s3["AccessKey"])
			}
		}},
		{"refuse-legacy-logtypes", "refuse-legacy-logtypes", func(t *testing.T, e *env) {
			_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", seedCreates["cls"]) // LogType domain
			wantCode(t, err, "InvalidParameter.RealtimeLogInvalidLogType")
			e.teo("CreateRealtimeLogDeliveryTask", endpointTask) // l7-access-logs still works
		}},
		{"strict-fields", "strict-fields", func(t *testing.T, e *env) {
			_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "",
				map[string]any{"ZoneId": semZone, "TaskName": "x", "TaskType": "custom_endpoint", "EntityList": []string{"domain.example.com"},
					"LogType": "l7-access-logs", "Area": "mainland", "Fields": []string{"RequestID", "ClientIp"},
					"CustomEndpoint": map[string]any{"Url": "https://logs.example.com/in"}})
			wantCode(t, err, "InvalidParameterValue")
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			_, err = e.call("teo", "2022-09-01", "ModifyRealtimeLogDeliveryTask", "",
				map[string]any{"ZoneId": semZone, "TaskId": id, "Fields": []string{"NoSuchField"}})
			wantCode(t, err, "InvalidParameterValue")
		}},
		{"async-delete", "async-delete=3s", func(t *testing.T, e *env) {
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			e.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": id})
			if got := tasksListed(e)[id]; got == nil || got["DeliveryStatus"] != "deleting" {
				t.Fatalf("right after delete the task is %v, want listed as deleting", got)
			}
			_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", endpointTask)
			wantCode(t, err, "InvalidParameter.RealtimeLogEntityAlreadyCreated")
			_, err = e.call("teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": semZone, "TaskId": id})
			wantCode(t, err, "FailedOperation.RealtimeLogNotFound")
			e.clock.Advance(3 * time.Second)
			if got := tasksListed(e); len(got) != 0 {
				t.Fatalf("after the delay the zone lists %d tasks", len(got))
			}
			e.teo("CreateRealtimeLogDeliveryTask", endpointTask)
		}},
		{"describe-lag", "describe-lag=2s", func(t *testing.T, e *env) {
			id := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
			if len(tasksListed(e)) != 0 {
				t.Fatal("a create is visible before the lag")
			}
			e.clock.Advance(2 * time.Second)
			if tasksListed(e)[id] == nil {
				t.Fatal("a create is invisible after the lag")
			}
			e.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": id, "TaskName": "lagging"})
			if got := tasksListed(e)[id]["TaskName"]; got != "full" {
				t.Errorf("right after modify TaskName = %v, want the old full", got)
			}
			e.clock.Advance(2 * time.Second)
			if got := tasksListed(e)[id]["TaskName"]; got != "lagging" {
				t.Errorf("after the lag TaskName = %v, want lagging", got)
			}
			e.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": id})
			if tasksListed(e)[id] == nil {
				t.Error("a delete is visible before the lag")
			}
			e.clock.Advance(2 * time.Second)
			if len(tasksListed(e)) != 0 {
				t.Error("a delete is invisible after the lag")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sem, err := semantics.Parse(tt.sem)
			if err != nil {
				t.Fatal(err)
			}
			tt.run(t, newEnv(t, emulator.Options{Semantics: sem}))
		})
	}
}

// TestTeoSemanticsSurviveRestart: a pending delete and a lagging create
// are in the state file, so a second process sees the same view.
func TestTeoSemanticsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	sem := semantics.Semantics{AsyncDelete: 3 * time.Second, DescribeLag: time.Second}
	c := &clock{}
	e := newEnv(t, emulator.Options{StatePath: path, Semantics: sem, Now: c.Now})
	gone := e.teo("CreateRealtimeLogDeliveryTask", endpointTask)["TaskId"].(string)
	c.Advance(time.Second)
	e.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": semZone, "TaskId": gone})
	fresh := e.teo("CreateRealtimeLogDeliveryTask", seedCreates["cls"])["TaskId"].(string)
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	e2 := newEnv(t, emulator.Options{StatePath: path, Semantics: sem, Now: c.Now})
	got := tasksListed(e2)
	if got[gone] == nil || got[gone]["DeliveryStatus"] == "deleting" || got[fresh] != nil {
		t.Errorf("after restart within the lag: %d tasks, %v", len(got), got)
	}
	c.Advance(time.Second)
	got = tasksListed(e2)
	if got[gone]["DeliveryStatus"] != "deleting" || got[fresh] == nil {
		t.Errorf("after restart and the lag: %v", got)
	}
	c.Advance(3 * time.Second)
	if got = tasksListed(e2); got[gone] != nil || got[fresh] == nil {
		t.Errorf("after the async delete: %v", got)
	}
}

// TestCLSExportSemantics: describe-lag and not-found-plain apply to CLS
// exports too (create and delete show late; an unknown export may answer
// plain FailedOperation).
func TestCLSExportSemantics(t *testing.T) {
	listed := func(e *env) int {
		return num(e.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"])
	}
	t.Run("describe-lag", func(t *testing.T) {
		e := newEnv(t, emulator.Options{Semantics: semantics.Semantics{DescribeLag: 2 * time.Second}})
		id := e.cls("CreateExport", seedExport)["ExportId"].(string)
		if listed(e) != 0 {
			t.Fatal("a create is visible before the lag")
		}
		e.clock.Advance(2 * time.Second)
		if listed(e) != 1 {
			t.Fatal("a create is invisible after the lag")
		}
		e.cls("DeleteExport", map[string]any{"ExportId": id})
		if listed(e) != 1 {
			t.Error("a delete is visible before the lag")
		}
		_, err := e.call("cls", "2020-10-16", "DeleteExport", "ap-guangzhou", map[string]any{"ExportId": id})
		wantCode(t, err, "ResourceNotFound.ExportNotExist")
		e.clock.Advance(2 * time.Second)
		if listed(e) != 0 {
			t.Error("a delete is invisible after the lag")
		}
	})
	t.Run("not-found-plain", func(t *testing.T) {
		e := newEnv(t, emulator.Options{Semantics: semantics.Semantics{NotFoundPlain: true}})
		_, err := e.call("cls", "2020-10-16", "DeleteExport", "ap-guangzhou", map[string]any{"ExportId": "nope"})
		wantCode(t, err, "FailedOperation")
	})
}
