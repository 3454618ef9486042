package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

test_unknown_field_fails if {
	ts := [
		fx.task({"fields": ["RequestID", "RequestId"]}),
		object.union(fx.s3_task, {"fields": ["ServiceID", "DisconnectReason"]}),
		fx.task({"logType": "domain", "fields": ["ClientIp"]}),
	]
	got := fx.paths(teo.deny_unknown_field, "teo.unknown-field") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].fields[1]", "deliveryTasks[1].fields[1]", "deliveryTasks[2].fields[0]"}
}

test_unknown_field_fails_with_user_catalog if {
	# A data file may bring a catalog for a log type without a built-in one.
	t := fx.task({"logType": "function", "fields": ["FunctionName", "Typo"]})
	got := fx.paths(teo.deny_unknown_field, "teo.unknown-field") with input as fx.tasks([t]) with data.logctl.fields as {"function": ["FunctionName"]}
	got == {"deliveryTasks[0].fields[1]"}
}

test_unknown_field_passes if {
	ts := [
		fx.task({"fields": ["RequestID", "EdgeSeverRegion", "BrandNewField"]}),
		fx.s3_task,
		fx.task({"logType": "function", "fields": ["Anything"]}),
	]
	count(teo.deny_unknown_field) == 0 with input as fx.tasks(ts) with data.logctl.fields as {"l7-access-logs": ["BrandNewField"]}
}

test_unknown_field_fails_with_suggestion if {
	fs := teo.deny_unknown_field with input as fx.tasks([fx.task({"fields": ["ClientIp"]})])
	some f in fs
	f.suggest.value == "ClientIp"
	"ClientIP" in f.suggest.from
}
