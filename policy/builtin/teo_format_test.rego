package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

test_log_format_type_fails if {
	t := object.union(fx.endpoint_task, {"logFormat": {"formatType": "xml"}})
	got := fx.paths(teo.deny_log_format_type, "teo.log-format-type") with input as fx.tasks([t])
	got == {"deliveryTasks[0].logFormat.formatType"}
}

test_log_format_type_passes if {
	ts := [object.union(fx.endpoint_task, {"logFormat": {"formatType": v}}) | some v in ["json", "csv", "template"]]
	count(teo.deny_log_format_type) == 0 with input as fx.tasks(ts)
}

test_log_format_delimiter_fails if {
	t := object.union(fx.endpoint_task, {"logFormat": {"formatType": "csv", "fieldDelimiter": "|", "recordDelimiter": ";"}})
	got := fx.paths(teo.deny_log_format_delimiter, "teo.log-format-delimiter") with input as fx.tasks([t])
	got == {"deliveryTasks[0].logFormat.fieldDelimiter", "deliveryTasks[0].logFormat.recordDelimiter"}
}

test_log_format_delimiter_passes if {
	ts := [object.union(fx.endpoint_task, {"logFormat": {"formatType": "csv", "fieldDelimiter": fd, "recordDelimiter": rd}}) |
		some fd in ["\t", ",", ";"]
		some rd in ["\n", "\t", ","]
	]
	count(teo.deny_log_format_delimiter) == 0 with input as fx.tasks(ts)
}

test_log_format_json_only_fails if {
	ts := [
		fx.task({"logFormat": {"formatType": "csv"}}),
		object.union(fx.analysis_task, {"logFormat": {"formatType": "template"}}),
	]
	got := fx.paths(teo.deny_log_format_json_only, "teo.log-format-json-only") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].logFormat.formatType", "deliveryTasks[1].logFormat.formatType"}
}

test_log_format_json_only_passes if {
	ts := [fx.task({"logFormat": {"formatType": "json"}}), fx.cls_task, fx.endpoint_task]
	count(teo.deny_log_format_json_only) == 0 with input as fx.tasks(ts)
}

test_compress_type_fails if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"compressType": "zstd"}})
	s3 := object.union(fx.s3_task, {"s3": {"compressType": "snappy"}})
	got := fx.paths(teo.deny_compress_type, "teo.compress-type") with input as fx.tasks([ep, s3])
	got == {"deliveryTasks[0].customEndpoint.compressType", "deliveryTasks[1].s3.compressType"}
}

test_compress_type_passes if {
	s3 := object.union(fx.s3_task, {"s3": {"compressType": ""}})
	count(teo.deny_compress_type) == 0 with input as fx.tasks([fx.endpoint_task, fx.s3_task, s3])
}

test_protocol_enum_fails if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"protocol": "grpc"}})
	got := fx.paths(teo.deny_protocol_enum, "teo.protocol-enum") with input as fx.tasks([ep])
	got == {"deliveryTasks[0].customEndpoint.protocol"}
}

test_protocol_enum_passes if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"protocol": "http"}})
	count(teo.deny_protocol_enum) == 0 with input as fx.tasks([fx.endpoint_task, ep])
}

conditions(cs) := fx.task({"deliveryConditions": [{"conditions": cs}]})

test_condition_key_fails if {
	t := conditions([
		{"key": "SecurityAction", "operator": "equal", "value": ["Deny"]},
		{"key": "ClientIP", "operator": "equal", "value": ["1.2.3.4"]},
	])
	got := fx.paths(teo.deny_condition_key, "teo.condition-key") with input as fx.tasks([t])
	got == {"deliveryTasks[0].deliveryConditions[0].conditions[1].key"}
}

test_condition_key_passes if {
	t := conditions([
	{"key": k, "operator": "equal", "value": ["1"]} |
		some k in ["EdgeResponseStatusCode", "OriginResponseStatusCode", "SecurityAction", "SecurityModule"]
	])
	count(teo.deny_condition_key) == 0 with input as fx.tasks([t])
}

test_condition_operator_fails if {
	t := conditions([
		{"key": "SecurityAction", "operator": "great", "value": ["Deny"]},
		{"key": "EdgeResponseStatusCode", "operator": "equals", "value": ["200"]},
	])
	got := fx.paths(teo.deny_condition_operator, "teo.condition-operator") with input as fx.tasks([t])
	got == {
		"deliveryTasks[0].deliveryConditions[0].conditions[0].operator",
		"deliveryTasks[0].deliveryConditions[0].conditions[1].operator",
	}
}

test_condition_operator_passes if {
	status := [{"key": "EdgeResponseStatusCode", "operator": op, "value": ["500"]} |
		some op in ["equal", "great", "less", "great_equal", "less_equal"]
	]
	t := conditions(array.concat(status, [{"key": "SecurityModule", "operator": "equal", "value": ["ManagedRule"]}]))
	count(teo.deny_condition_operator) == 0 with input as fx.tasks([t])
}
