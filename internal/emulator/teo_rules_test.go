package emulator_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/emulator"
)

const zone = "zone-2z55fgysdtmc"

var clsDest = map[string]any{"LogSetId": "1a6efff1-0e40-4d37-a4ed-02c92513406b", "TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "LogSetRegion": "ap-guangzhou"}

// task is a valid cls create request for the seed domain; edit applies
// changes (a nil value deletes the key).
func task(edit map[string]any) map[string]any {
	t := map[string]any{
		"ZoneId": zone, "TaskName": "t1", "TaskType": "cls", "LogType": "l7-access-logs", "Area": "mainland",
		"EntityList": []any{"domain.example.com"}, "Fields": []any{"RequestID", "ClientIP"}, "CLS": clsDest,
	}
	for k, v := range edit {
		if v == nil {
			delete(t, k)
		} else {
			t[k] = v
		}
	}
	return t
}

func TestTeoCreateErrors(t *testing.T) {
	e := newEnv(t, emulator.Options{NoRateLimits: true})
	big := strings.Repeat("a", 4097)
	reqBody := func(n int) []any {
		var out []any
		for i := 0; i < n; i++ {
			out = append(out, map[string]any{"Name": "ReqBody", "Value": fmt.Sprintf("k%d=(\\w+)", i)})
		}
		return out
	}
	tests := []struct {
		name string
		edit map[string]any
		want string
	}{
		{"missing ZoneId", map[string]any{"ZoneId": nil}, "MissingParameter"},
		{"missing Area", map[string]any{"Area": nil}, "MissingParameter"},
		{"missing LogType", map[string]any{"LogType": nil}, "MissingParameter"},
		{"missing TaskName", map[string]any{"TaskName": nil}, "MissingParameter"},
		{"missing TaskType", map[string]any{"TaskType": nil}, "MissingParameter"},
		{"missing EntityList", map[string]any{"EntityList": nil}, "MissingParameter"},
		{"missing Fields", map[string]any{"Fields": nil}, "MissingParameter"},
		{"empty Fields", map[string]any{"Fields": []any{}}, "InvalidParameterValue"},
		{"unknown zone", map[string]any{"ZoneId": "zone-nope"}, "ResourceNotFound"},
		{"bad area", map[string]any{"Area": "global"}, "InvalidParameter.RealtimeLogInvalidDeliveryArea"},
		{"bad log type", map[string]any{"LogType": "access"}, "InvalidParameter.RealtimeLogInvalidLogType"},
		{"bad task type", map[string]any{"TaskType": "kafka"}, "InvalidParameter.RealtimeLogInvalidTaskType"},
		{"log_analysis for application", map[string]any{"TaskType": "log_analysis", "LogType": "application", "CLS": nil, "EntityList": []any{"sid-2s69eb5wcms7"}}, "InvalidParameter.RealtimeLogInvalidTaskType"},
		{"bad name", map[string]any{"TaskName": "has space"}, "InvalidParameterValue"},
		{"name too long", map[string]any{"TaskName": strings.Repeat("n", 201)}, "InvalidParameterValue"},
		{"sample over 1000", map[string]any{"Sample": 1001}, "InvalidParameterValue"},
		{"sample negative", map[string]any{"Sample": -1}, "InvalidParameterValue"},
		{"cls without CLS", map[string]any{"CLS": nil}, "MissingParameter"},
		{"cls with S3 too", map[string]any{"S3": map[string]any{"Endpoint": "https://s3", "Region": "r", "Bucket": "b", "AccessId": "i", "AccessKey": "k"}}, "InvalidParameter"},
		{"custom_endpoint without block", map[string]any{"TaskType": "custom_endpoint", "CLS": nil}, "MissingParameter"},
		{"custom_endpoint bad url", map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": map[string]any{"Url": "ftp://x"}}, "InvalidParameterValue"},
		{"custom_endpoint bad compress", map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": map[string]any{"Url": "https://x", "CompressType": "zstd"}}, "InvalidParameterValue"},
		{"s3 missing key", map[string]any{"TaskType": "s3", "CLS": nil, "S3": map[string]any{"Endpoint": "https://s3", "Region": "r", "Bucket": "b", "AccessId": "i"}}, "MissingParameter"},
		{"log_analysis with CLS", map[string]any{"TaskType": "log_analysis"}, "InvalidParameter"},
		{"unknown log set", map[string]any{"CLS": map[string]any{"LogSetId": "x", "TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "LogSetRegion": "ap-guangzhou"}}, "ResourceNotFound"},
		{"topic in another region", map[string]any{"CLS": map[string]any{"LogSetId": "1a6efff1-0e40-4d37-a4ed-02c92513406b", "TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "LogSetRegion": "ap-beijing"}}, "ResourceNotFound"},
		{"unknown domain", map[string]any{"EntityList": []any{"other.example.com"}}, "ResourceNotFound"},
		{"domain for application logs", map[string]any{"LogType": "application"}, "ResourceNotFound"},
		{"proxy of another zone", map[string]any{"LogType": "application", "EntityList": []any{"proxy-1491-11ed-9792-525400655ede"}}, "ResourceNotFound"},
		{"duplicate entity", map[string]any{"EntityList": []any{"domain.example.com", "domain.example.com"}}, "InvalidParameterValue"},
		{"custom fields on L4", map[string]any{"LogType": "application", "EntityList": []any{"sid-2s69eb5wcms7"}, "CustomFields": []any{map[string]any{"Name": "ReqHeader", "Value": "Accept"}}}, "InvalidParameter"},
		{"custom field bad name", map[string]any{"CustomFields": []any{map[string]any{"Name": "Query", "Value": "a"}}}, "InvalidParameterValue"},
		{"custom field bad header", map[string]any{"CustomFields": []any{map[string]any{"Name": "ReqHeader", "Value": "1bad"}}}, "InvalidParameterValue"},
		{"custom field twice", map[string]any{"CustomFields": []any{map[string]any{"Name": "Cookie", "Value": "sid"}, map[string]any{"Name": "Cookie", "Value": "sid"}}}, "InvalidParameterValue"},
		{"ReqBody regex too long", map[string]any{"CustomFields": []any{map[string]any{"Name": "ReqBody", "Value": big}}}, "InvalidParameterValue"},
		{"ReqBody not RE2", map[string]any{"CustomFields": []any{map[string]any{"Name": "ReqBody", "Value": "(?<=x)"}}}, "InvalidParameterValue"},
		{"six ReqBody fields", map[string]any{"CustomFields": reqBody(6)}, "LimitExceeded.CustomLogFieldRegexLimitExceeded"},
		{"expression field bad name", map[string]any{"CustomExpressionFields": []any{map[string]any{"Name": "9x", "Expression": "${a}"}}}, "InvalidParameterValue"},
		{"condition bad key", map[string]any{"DeliveryConditions": []any{map[string]any{"Conditions": []any{map[string]any{"Key": "Host", "Operator": "equal", "Value": []any{"a"}}}}}}, "InvalidParameterValue"},
		{"condition bad operator", map[string]any{"DeliveryConditions": []any{map[string]any{"Conditions": []any{map[string]any{"Key": "SecurityAction", "Operator": "equals", "Value": []any{"Deny"}}}}}}, "InvalidParameterValue"},
		{"condition bad status", map[string]any{"DeliveryConditions": []any{map[string]any{"Conditions": []any{map[string]any{"Key": "EdgeResponseStatusCode", "Operator": "great", "Value": []any{"-1"}}}}}}, "InvalidParameterValue"},
		{"condition bad action", map[string]any{"DeliveryConditions": []any{map[string]any{"Conditions": []any{map[string]any{"Key": "SecurityAction", "Operator": "equal", "Value": []any{"Block"}}}}}}, "InvalidParameterValue"},
		{"log format csv for cls", map[string]any{"LogFormat": map[string]any{"FormatType": "csv"}}, "InvalidParameter.InvalidLogFormatFormatType"},
		{"log format unknown", map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": map[string]any{"Url": "https://x"}, "LogFormat": map[string]any{"FormatType": "xml"}}, "InvalidParameter.InvalidLogFormatFormatType"},
		{"record delimiter", map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": map[string]any{"Url": "https://x"}, "LogFormat": map[string]any{"FormatType": "csv", "RecordDelimiter": ";"}}, "InvalidParameter.InvalidLogFormatRecordDelimiter"},
		{"field delimiter", map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": map[string]any{"Url": "https://x"}, "LogFormat": map[string]any{"FormatType": "csv", "FieldDelimiter": "|"}}, "InvalidParameter.InvalidLogFormatFieldDelimiter"},
		{"template without template", map[string]any{"TaskType": "s3", "CLS": nil, "S3": map[string]any{"Endpoint": "https://s3", "Region": "r", "Bucket": "b", "AccessId": "i", "AccessKey": "k"}, "LogFormat": map[string]any{"FormatType": "template"}}, "MissingParameter"},
		{"unknown parameter", map[string]any{"Colour": "red"}, "UnknownParameter"},
		{"nested unknown parameter", map[string]any{"CLS": map[string]any{"LogSetId": "1a6efff1-0e40-4d37-a4ed-02c92513406b", "TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "LogSetRegion": "ap-guangzhou", "Topic": "x"}}, "UnknownParameter"},
		{"wrong type", map[string]any{"EntityList": "domain.example.com"}, "InvalidParameter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", task(tc.edit))
			wantCode(t, err, tc.want)
		})
	}
	if n := num(e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": zone})["TotalCount"]); n != 0 {
		t.Errorf("failed creates left %d tasks", n)
	}
}

func TestTeoAcceptsEveryValidShape(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	for i, edit := range []map[string]any{
		{"LogType": "domain"},
		{"LogType": "application", "EntityList": []any{"sid-2s69eb5wcms7"}, "Fields": []any{"ServiceID", "ConnectTimeStamp", "DisconnetTimeStamp"}},
		{"LogType": "function", "EntityList": []any{"test-zone-2mxigizoh9l9-1257626257"}},
		{"LogType": "web-attack"},
		{"LogType": "web-rateLiming"},
		{"LogType": "web-rule"},
		{"LogType": "web-bot", "Area": "overseas"},
		{"Area": "overseas", "TaskType": "custom_endpoint", "CLS": nil, "Sample": 1,
			"CustomEndpoint":         map[string]any{"Url": "https://logs.example.com/in", "AccessId": "id", "AccessKey": "secret", "CompressType": "gzip", "Protocol": "https", "Headers": []any{map[string]any{"Name": "X-Batch", "Value": "${batchSize}"}}},
			"LogFormat":              map[string]any{"FormatType": "csv", "FieldDelimiter": ";", "RecordDelimiter": "\n", "BatchPrefix": "[", "BatchSuffix": "]"},
			"CustomFields":           []any{map[string]any{"Name": "ReqBody", "Value": "user=(\\w+)", "Enabled": true}, map[string]any{"Name": "RspHeader", "Value": "Content-Type"}},
			"CustomExpressionFields": []any{map[string]any{"Name": "ct", "Expression": `${http.request.headers["Content-Type"]}`, "Enabled": true}},
			"DeliveryConditions": []any{
				map[string]any{"Conditions": []any{map[string]any{"Key": "EdgeResponseStatusCode", "Operator": "great_equal", "Value": []any{"500"}}, map[string]any{"Key": "SecurityModule", "Operator": "equal", "Value": []any{"ManagedRule"}}}},
				map[string]any{"Conditions": []any{map[string]any{"Key": "OriginResponseStatusCode", "Operator": "equal", "Value": []any{"-1"}}}},
			}},
		{"TaskType": "s3", "CLS": nil, "S3": map[string]any{"Endpoint": "https://s3.ap-northeast-2.amazonaws.com", "Region": "ap-northeast-2", "Bucket": "b/dir/", "AccessId": "i", "AccessKey": "k", "CompressType": "gzip"},
			"LogFormat": map[string]any{"FormatType": "template", "RecordTemplate": "${RequestID}"}},
		{"Area": "overseas", "TaskType": "log_analysis", "CLS": nil, "LogFormat": map[string]any{"FormatType": "json"}},
	} {
		edit["TaskName"] = fmt.Sprintf("shape-%d", i)
		if _, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", task(edit)); err != nil {
			t.Errorf("shape %d (%v): %v", i, edit, err)
		}
	}
	out := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": zone, "Filters": []any{map[string]any{"Name": "task-name", "Values": []any{"shape-7"}}}})
	got := obj(list(out["RealtimeLogDeliveryTasks"])[0])
	if ep := obj(got["CustomEndpoint"]); ep["AccessKey"] != "secret" || ep["Protocol"] != "https" {
		t.Errorf("CustomEndpoint read back as %v", ep)
	}
	if f := list(got["CustomFields"]); len(f) != 2 || obj(f[1])["Enabled"] != false {
		t.Errorf("CustomFields read back as %v (Enabled omitted must read false)", f)
	}
	if lf := obj(got["LogFormat"]); lf["FieldDelimiter"] != ";" || lf["BatchPrefix"] != "[" {
		t.Errorf("LogFormat read back as %v", lf)
	}
}

func TestTeoEntityUniqueness(t *testing.T) {
	ce := map[string]any{"Url": "https://x.example.com"}
	s3 := map[string]any{"Endpoint": "https://s3", "Region": "r", "Bucket": "b", "AccessId": "i", "AccessKey": "k"}
	create := func(e *env, name, typ string, extra map[string]any) error {
		edit := map[string]any{"TaskName": name, "TaskType": typ, "CLS": nil}
		switch typ {
		case "cls":
			edit["CLS"] = clsDest
		case "custom_endpoint":
			edit["CustomEndpoint"] = ce
		case "s3":
			edit["S3"] = s3
		}
		for k, v := range extra {
			edit[k] = v
		}
		_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", task(edit))
		return err
	}
	t.Run("cls + custom_endpoint, then s3 refused", func(t *testing.T) {
		e := newEnv(t, emulator.Options{})
		wantCode(t, create(e, "a", "cls", nil), "")
		wantCode(t, create(e, "b", "custom_endpoint", nil), "")
		wantCode(t, create(e, "c", "s3", nil), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
		wantCode(t, create(e, "d", "cls", nil), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
		wantCode(t, create(e, "e", "custom_endpoint", nil), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
		// legacy domain is the same log type as l7-access-logs
		wantCode(t, create(e, "f", "cls", map[string]any{"LogType": "domain"}), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
		// another area or log type is free
		wantCode(t, create(e, "g", "cls", map[string]any{"Area": "overseas"}), "")
		wantCode(t, create(e, "h", "cls", map[string]any{"LogType": "web-attack"}), "")
	})
	t.Run("cls + s3", func(t *testing.T) {
		e := newEnv(t, emulator.Options{})
		wantCode(t, create(e, "a", "s3", nil), "")
		wantCode(t, create(e, "b", "cls", nil), "")
		wantCode(t, create(e, "c", "custom_endpoint", nil), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
	})
	t.Run("security logs: one task per entity", func(t *testing.T) {
		e := newEnv(t, emulator.Options{})
		wantCode(t, create(e, "a", "cls", map[string]any{"LogType": "web-attack"}), "")
		wantCode(t, create(e, "b", "custom_endpoint", map[string]any{"LogType": "web-attack"}), "InvalidParameter.RealtimeLogEntityAlreadyCreated")
	})
	t.Run("log_analysis: one per zone, area and log type", func(t *testing.T) {
		e := newEnv(t, emulator.Options{})
		wantCode(t, create(e, "a", "log_analysis", nil), "")
		wantCode(t, create(e, "b", "cls", nil), "") // not an entity conflict
		wantCode(t, create(e, "c", "log_analysis", map[string]any{"LogType": "domain"}), "InvalidParameter.RealtimeLogNumsExceedLimit")
		wantCode(t, create(e, "d", "log_analysis", map[string]any{"LogType": "web-attack"}), "")
	})
	t.Run("modify cannot claim a taken entity; delete frees it", func(t *testing.T) {
		e := newEnv(t, emulator.Options{})
		ids := map[string]string{}
		for _, n := range []string{"a", "b"} {
			edit := task(map[string]any{"TaskName": n, "LogType": "application", "EntityList": []any{"sid-2s69eb5wcms7"}})
			if n == "b" {
				edit["EntityList"] = []any{"sid-extra"}
			}
			out, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", edit)
			if n == "b" {
				wantCode(t, err, "ResourceNotFound")
				continue
			}
			ids[n] = out["TaskId"].(string)
		}
		w := newEnv(t, emulator.Options{World: []byte("tencent:\n  zones:\n    - {id: zone-2z55fgysdtmc, l4Proxies: [sid-extra]}\n")})
		a := w.teo("CreateRealtimeLogDeliveryTask", task(map[string]any{"TaskName": "a", "LogType": "application", "EntityList": []any{"sid-2s69eb5wcms7"}}))["TaskId"].(string)
		b := w.teo("CreateRealtimeLogDeliveryTask", task(map[string]any{"TaskName": "b", "LogType": "application", "EntityList": []any{"sid-extra"}}))["TaskId"].(string)
		_, err := w.call("teo", "2022-09-01", "ModifyRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": zone, "TaskId": b, "EntityList": []any{"sid-extra", "sid-2s69eb5wcms7"}})
		wantCode(t, err, "InvalidParameter.RealtimeLogEntityAlreadyCreated")
		w.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": a})
		w.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": b, "EntityList": []any{"sid-extra", "sid-2s69eb5wcms7"}})
	})
	t.Run("modify moving an entity away frees it and claims the new one", func(t *testing.T) {
		w := newEnv(t, emulator.Options{World: []byte("tencent:\n  zones:\n    - {id: zone-2z55fgysdtmc, l4Proxies: [sid-extra]}\n")})
		app := func(name string, entity string) map[string]any {
			return task(map[string]any{"TaskName": name, "LogType": "application", "EntityList": []any{entity}})
		}
		a := w.teo("CreateRealtimeLogDeliveryTask", app("a", "sid-2s69eb5wcms7"))["TaskId"].(string)
		w.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": a, "EntityList": []any{"sid-extra"}})
		_, err := w.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", app("c", "sid-2s69eb5wcms7"))
		wantCode(t, err, "")
		_, err = w.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", app("d", "sid-extra"))
		wantCode(t, err, "InvalidParameter.RealtimeLogEntityAlreadyCreated")
	})
}

func TestTeoModify(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	ep := map[string]any{"Url": "https://x.example.com", "AccessId": "id", "AccessKey": "k1"}
	id := e.teo("CreateRealtimeLogDeliveryTask", task(map[string]any{"TaskType": "custom_endpoint", "CLS": nil, "CustomEndpoint": ep, "Sample": 500,
		"LogFormat":          map[string]any{"FormatType": "csv"},
		"DeliveryConditions": []any{map[string]any{"Conditions": []any{map[string]any{"Key": "SecurityAction", "Operator": "equal", "Value": []any{"Deny"}}}}}}))["TaskId"].(string)
	before := describeOne(e, zone, id)
	e.clock.Advance(2e9)

	for _, k := range []string{"Area", "LogType", "TaskType", "CLS"} {
		_, err := e.call("teo", "2022-09-01", "ModifyRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": zone, "TaskId": id, k: "x"})
		wantCode(t, err, "InvalidParameter")
	}
	for name, tc := range map[string]struct {
		params map[string]any
		want   string
	}{
		"missing TaskId":       {map[string]any{"ZoneId": zone}, "MissingParameter"},
		"missing ZoneId":       {map[string]any{"TaskId": id}, "MissingParameter"},
		"unknown task":         {map[string]any{"ZoneId": zone, "TaskId": "nope"}, "FailedOperation.RealtimeLogNotFound"},
		"task of another zone": {map[string]any{"ZoneId": "zone-2mzegj4vln5f", "TaskId": id}, "FailedOperation.RealtimeLogNotFound"},
		"bad status":           {map[string]any{"ZoneId": zone, "TaskId": id, "DeliveryStatus": "deleted"}, "InvalidParameterValue"},
		"S3 on endpoint":       {map[string]any{"ZoneId": zone, "TaskId": id, "S3": map[string]any{"Endpoint": "https://s3", "Region": "r", "Bucket": "b", "AccessId": "i", "AccessKey": "k"}}, "InvalidParameter"},
		"bad name":             {map[string]any{"ZoneId": zone, "TaskId": id, "TaskName": "a b"}, "InvalidParameterValue"},
		"bad field delim":      {map[string]any{"ZoneId": zone, "TaskId": id, "LogFormat": map[string]any{"FormatType": "csv", "FieldDelimiter": "|"}}, "InvalidParameter.InvalidLogFormatFieldDelimiter"},
	} {
		_, err := e.call("teo", "2022-09-01", "ModifyRealtimeLogDeliveryTask", "", tc.params)
		if code(err) != tc.want {
			t.Errorf("%s: code %q, want %q", name, code(err), tc.want)
		}
	}
	if after := describeOne(e, zone, id); jsonOf(after) != jsonOf(before) {
		t.Errorf("refused modifies changed the task:\n%s\n%s", jsonOf(before), jsonOf(after))
	}

	// Absent fields keep their value, except DeliveryConditions and LogFormat.
	e.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": id, "DeliveryStatus": "disabled", "TaskName": "renamed"})
	got := describeOne(e, zone, id)
	if got["DeliveryStatus"] != "disabled" || got["TaskName"] != "renamed" || num(got["Sample"]) != 500 || obj(got["CustomEndpoint"])["AccessKey"] != "k1" {
		t.Errorf("after modify: %s", jsonOf(got))
	}
	if jsonOf(got["DeliveryConditions"]) != "[]" || got["LogFormat"] != nil {
		t.Errorf("omitted DeliveryConditions/LogFormat not reset: %s %s", jsonOf(got["DeliveryConditions"]), jsonOf(got["LogFormat"]))
	}
	if got["UpdateTime"] == before["UpdateTime"] || got["CreateTime"] != before["CreateTime"] {
		t.Errorf("times: create %v -> %v, update %v -> %v", before["CreateTime"], got["CreateTime"], before["UpdateTime"], got["UpdateTime"])
	}
	e.teo("ModifyRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": id, "CustomEndpoint": map[string]any{"Url": "https://y.example.com", "AccessKey": "k2"}, "Fields": []any{"RequestID"}})
	got = describeOne(e, zone, id)
	if obj(got["CustomEndpoint"])["AccessKey"] != "k2" || obj(got["CustomEndpoint"])["Url"] != "https://y.example.com" || jsonOf(got["Fields"]) != `["RequestID"]` {
		t.Errorf("after second modify: %s", jsonOf(got))
	}
}

func TestTeoDeleteAndDescribe(t *testing.T) {
	world := "tencent:\n  zones:\n    - id: zone-2z55fgysdtmc\n      domains: ["
	domains := []string{"domain.example.com"}
	for i := 1; i < 13; i++ {
		domains = append(domains, fmt.Sprintf("d%d.example.com", i))
		world += fmt.Sprintf("d%d.example.com, ", i)
	}
	e := newEnv(t, emulator.Options{NoRateLimits: true, World: []byte(world + "]\n")})
	var ids []string
	for i := 0; i < 25; i++ {
		edit := map[string]any{"TaskName": fmt.Sprintf("task-%02d", i), "EntityList": []any{domains[i/2]}}
		if i%2 == 1 {
			edit["TaskType"], edit["CLS"], edit["CustomEndpoint"] = "custom_endpoint", nil, map[string]any{"Url": "https://x.example.com"}
		}
		ids = append(ids, e.teo("CreateRealtimeLogDeliveryTask", task(edit))["TaskId"].(string))
	}
	total := len(ids)
	describe := func(params map[string]any) (int, []string) {
		if params["ZoneId"] == nil {
			params["ZoneId"] = zone
		}
		out := e.teo("DescribeRealtimeLogDeliveryTasks", params)
		var names []string
		for _, x := range list(out["RealtimeLogDeliveryTasks"]) {
			names = append(names, obj(x)["TaskName"].(string))
		}
		return num(out["TotalCount"]), names
	}
	filter := func(name string, fuzzy bool, values ...string) map[string]any {
		return map[string]any{"Filters": []any{map[string]any{"Name": name, "Values": values, "Fuzzy": fuzzy}}}
	}

	// Pagination: default 20, Offset/Limit, TotalCount of all matches.
	n, page1 := describe(map[string]any{})
	if n != total || len(page1) != 20 {
		t.Errorf("default page: TotalCount %d (want %d), %d items (want 20)", n, total, len(page1))
	}
	var all []string
	for off := 0; off < total; off += 7 {
		_, names := describe(map[string]any{"Offset": off, "Limit": 7})
		all = append(all, names...)
	}
	if len(all) != total || all[0] != "task-00" {
		t.Errorf("paging by 7 gave %d tasks: %v", len(all), all)
	}
	if n, names := describe(map[string]any{"Offset": 1000}); n != total || len(names) != 0 {
		t.Errorf("offset past the end: %d, %v", n, names)
	}
	if _, err := e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", map[string]any{"ZoneId": zone, "Limit": 1001}); code(err) != "InvalidParameterValue" {
		t.Errorf("Limit 1001: %v", err)
	}
	if n, _ := describe(map[string]any{"Limit": 1000}); n != total {
		t.Errorf("Limit 1000: %d", n)
	}

	// Filters.
	for name, tc := range map[string]struct {
		params map[string]any
		want   int
	}{
		"task-id":           {filter("task-id", false, ids[3], ids[4]), 2},
		"task-name exact":   {filter("task-name", false, "task-01"), 1},
		"task-name fuzzy":   {filter("task-name", true, "task-1"), 10},
		"entity-list":       {filter("entity-list", false, "d1.example.com"), 2},
		"task-type":         {filter("task-type", false, "custom_endpoint"), 12},
		"two filters (AND)": {map[string]any{"Filters": []any{map[string]any{"Name": "task-type", "Values": []string{"cls"}}, map[string]any{"Name": "entity-list", "Values": []string{"d1.example.com"}}}}, 1},
		"values (OR)":       {filter("task-type", false, "cls", "s3"), 13},
		"no match":          {filter("task-id", false, "nope"), 0},
	} {
		if n, names := describe(tc.params); n != tc.want || len(names) != tc.want {
			t.Errorf("%s: TotalCount %d, %d items; want %d", name, n, len(names), tc.want)
		}
	}
	for name, params := range map[string]map[string]any{
		"unknown filter":        filter("zone-id", false, "x"),
		"fuzzy task-id":         filter("task-id", true, "x"),
		"fuzzy with two values": filter("task-name", true, "a", "b"),
		"21 values":             filter("task-id", false, strings.Split(strings.Repeat("x,", 21)[:41], ",")...),
	} {
		params["ZoneId"] = zone
		_, err := e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", params)
		wantCode(t, err, "InvalidParameterValue")
		_ = name
	}
	_, err := e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", map[string]any{"ZoneId": "zone-nope"})
	wantCode(t, err, "ResourceNotFound")
	if n, _ := describe(map[string]any{"ZoneId": "zone-2mzegj4vln5f"}); n != 0 {
		t.Errorf("other zone: %d", n)
	}
	out := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": "zone-2mzegj4vln5f"})
	if b, _ := json.Marshal(out["RealtimeLogDeliveryTasks"]); string(b) != "[]" {
		t.Errorf("empty zone lists %s, want []", b)
	}

	// Delete.
	_, err = e.call("teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": zone, "TaskId": "nope"})
	wantCode(t, err, "FailedOperation.RealtimeLogNotFound")
	_, err = e.call("teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": zone})
	wantCode(t, err, "MissingParameter")
	e.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": zone, "TaskId": ids[0]})
	if n, _ := describe(filter("task-id", false, ids[0])); n != 0 {
		t.Errorf("deleted task still listed")
	}
	_, err = e.call("teo", "2022-09-01", "DeleteRealtimeLogDeliveryTask", "", map[string]any{"ZoneId": zone, "TaskId": ids[0]})
	wantCode(t, err, "FailedOperation.RealtimeLogNotFound")
}
