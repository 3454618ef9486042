package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

_conditions(key, values) := fx.task({"deliveryConditions": [{"conditions": [{"key": key, "operator": "equal", "value": values}]}]})

test_condition_value_fails if {
	ts := [
		_conditions("SecurityAction", ["Deny", "Block"]),
		_conditions("SecurityModule", ["WAF"]),
		_conditions("EdgeResponseStatusCode", ["5xx"]),
		_conditions("EdgeResponseStatusCode", ["-1"]),
		_conditions("OriginResponseStatusCode", ["-2", 1.5]),
	]
	got := fx.paths(teo.deny_condition_value, "teo.condition-value") with input as fx.tasks(ts)
	got == {
		"deliveryTasks[0].deliveryConditions[0].conditions[0].value[1]",
		"deliveryTasks[1].deliveryConditions[0].conditions[0].value[0]",
		"deliveryTasks[2].deliveryConditions[0].conditions[0].value[0]",
		"deliveryTasks[3].deliveryConditions[0].conditions[0].value[0]",
		"deliveryTasks[4].deliveryConditions[0].conditions[0].value[0]",
		"deliveryTasks[4].deliveryConditions[0].conditions[0].value[1]",
	}
}

test_condition_value_passes if {
	ts := [
		_conditions("SecurityAction", ["-", "Deny", "JSChallenge"]),
		_conditions("SecurityModule", ["BotManagement"]),
		_conditions("EdgeResponseStatusCode", ["500", 404]),
		_conditions("OriginResponseStatusCode", ["-1"]),
		_conditions("SecurityAction", ["${env:ACTION}"]),
	]
	count(teo.deny_condition_value) == 0 with input as fx.tasks(ts)
}

test_log_format_template_fails if {
	big := concat("", [x | some _ in numbers.range(1, 4097); x := "a"])
	ts := [
		object.union(fx.endpoint_task, {"logFormat": {"formatType": "template"}}),
		object.union(fx.endpoint_task, {"logFormat": {"formatType": "json", "recordTemplate": "${RequestID}"}}),
		object.union(fx.endpoint_task, {"logFormat": {"formatType": "template", "recordTemplate": big}}),
	]
	got := fx.paths(teo.deny_log_format_template, "teo.log-format-template") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].logFormat.formatType", "deliveryTasks[1].logFormat.recordTemplate", "deliveryTasks[2].logFormat.recordTemplate"}
}

test_log_format_template_passes if {
	ts := [
		object.union(fx.endpoint_task, {"logFormat": {"formatType": "template", "recordTemplate": "${RequestID} ${ClientIP}"}}),
		fx.endpoint_task,
		fx.cls_task,
	]
	count(teo.deny_log_format_template) == 0 with input as fx.tasks(ts)
}

test_list_item_fails if {
	ts := [
		fx.task({"fields": ["RequestID", "ClientIP", "RequestID"]}),
		fx.task({"entities": ["a.example.com", " "]}),
	]
	got := fx.paths(teo.deny_list_item, "teo.list-item") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].fields[2]", "deliveryTasks[1].entities[1]"}
}

test_list_item_passes if {
	count(teo.deny_list_item) == 0 with input as fx.tasks([fx.cls_task, fx.s3_task, fx.task({"entities": ["a.example.com", "b.example.com"]})])
}
