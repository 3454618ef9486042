# fields.json adds ExampleNewField to the L7 catalog (data.logctl.fields):
# teo.unknown-field accepts it, and still reports names that are in
# neither the built-in catalog nor the file. Run with
#   logctl policy test examples/policies
package logctl_test.fields

import data.logctl.teo

_task(fields) := {"deliveryTasks": [{
	"name": "edge_cls",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "cls",
	"logType": "l7-access-logs",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": fields,
	"cls": {"logSetId": "ls", "topicId": "tp", "logSetRegion": "ap-guangzhou"},
}]}

test_extended_catalog_accepts_the_new_field if {
	count(teo.deny_unknown_field) == 0 with input as _task(["RequestID", "ExampleNewField"])
}

test_extended_catalog_still_reports_typos if {
	fs := teo.deny_unknown_field with input as _task(["RequestID", "ExampleNewFeild"])
	{f.path | some f in fs} == {"deliveryTasks[0].fields[1]"}
}
