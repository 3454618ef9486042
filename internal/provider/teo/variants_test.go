package teo

import (
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// confVariants covers every destination, a legacy LogType, L4 logs,
// custom formats, headers, secrets and a disabled task. Entities are
// chosen so that no two tasks break the per-entity rules (§8).
func confVariants() []reconcile.Object {
	on, off := true, false
	sample, zero := int64(605), int64(0)
	return []reconcile.Object{
		{Task: &spec.DeliveryTask{
			Name: "cls-everything", ZoneID: confZone, Type: "cls", LogType: "l7-access-logs", Area: "mainland",
			Entities: []string{confDomain(61), confDomain(60)}, Fields: []string{"RequestID", "ClientIP", "RequestTime"},
			CustomFields: []spec.CustomField{{Name: "ReqHeader", Value: "Accept-Language", Enabled: &on},
				{Name: "Cookie", Value: "session"}},
			DeliveryConditions: []spec.DeliveryCondition{{Conditions: []spec.Condition{
				{Key: "SecurityAction", Operator: "equal", Value: []string{"Deny", "JSChallenge"}}}}},
			Sample: &sample, LogFormat: &spec.LogFormat{FormatType: "json"}, Enabled: &on, CLS: confCLS(),
		}},
		{Task: &spec.DeliveryTask{
			Name: "endpoint-legacy-disabled", ZoneID: confZone, Type: "custom_endpoint", LogType: "domain", Area: "mainland",
			Entities: []string{confDomain(62)}, Fields: []string{"RequestID", "RequestHost"},
			LogFormat: &spec.LogFormat{FormatType: "csv", FieldDelimiter: ",", RecordDelimiter: "\n", BatchPrefix: "["},
			Enabled:   &off,
			CustomEndpoint: &spec.CustomEndpoint{URL: "https://logs.example.com/edgeone", AccessID: "id-1", AccessKey: "key-1",
				CompressType: "gzip", Headers: []spec.Header{{Name: "X-Team", Value: "platform"}, {Name: "Authorization", Value: "Bearer t", Secret: true}}},
		}},
		{Task: &spec.DeliveryTask{
			Name: "s3-sample-zero", ZoneID: confZone, Type: "s3", LogType: "l7-access-logs", Area: "overseas",
			Entities: []string{confDomain(63)}, Fields: []string{"RequestID"}, Sample: &zero,
			S3: &spec.S3Destination{Endpoint: "https://s3.ap-northeast-2.amazonaws.com", Region: "ap-northeast-2",
				Bucket: "bucket/dir/", AccessID: "s3-id", AccessKey: "s3-key"},
		}},
		{Task: &spec.DeliveryTask{
			Name: "analysis-web-attack", ZoneID: confZone, Type: "log_analysis", LogType: "web-attack", Area: "mainland",
			Entities: []string{confDomain(60)}, Fields: []string{"RequestID", "SecurityAction"},
		}},
		{Task: &spec.DeliveryTask{
			Name: "l4-overseas", ZoneID: confZone, Type: "cls", LogType: "application", Area: "overseas",
			Entities: []string{confProxy}, Fields: []string{"ServiceID", "ClientRealIP", "DisconnetReason"}, CLS: confCLS(),
		}},
	}
}
