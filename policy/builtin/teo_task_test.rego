package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

test_required_fails if {
	t := object.remove(fx.cls_task, ["zoneId", "fields"])
	got := fx.paths(teo.deny_required, "teo.required") with input as fx.tasks([fx.cls_task, object.union(t, {"entities": []})])
	got == {"deliveryTasks[1].zoneId", "deliveryTasks[1].fields", "deliveryTasks[1].entities"}
}

test_required_passes if {
	count(teo.deny_required) == 0 with input as fx.tasks([fx.cls_task])
}

test_name_format_fails if {
	long := concat("", [x | some _ in numbers.range(1, 201); x := "a"])
	got := fx.paths(teo.deny_name_format, "teo.name-format") with input as fx.tasks([
		fx.task({"name": "has space"}),
		fx.task({"name": long}),
		fx.task({"name": "ok_name-1"}),
	])
	got == {"deliveryTasks[0].name", "deliveryTasks[1].name"}
}

test_name_format_passes if {
	exact := concat("", [x | some _ in numbers.range(1, 200); x := "Z"])
	count(teo.deny_name_format) == 0 with input as fx.tasks([fx.task({"name": exact}), fx.task({"name": "${env:TASK}"})])
}

test_type_enum_fails if {
	got := fx.paths(teo.deny_type_enum, "teo.type-enum") with input as fx.tasks([fx.task({"type": "kafka"})])
	got == {"deliveryTasks[0].type"}
}

test_type_enum_passes if {
	count(teo.deny_type_enum) == 0 with input as fx.tasks([fx.cls_task, fx.endpoint_task, fx.s3_task, fx.analysis_task])
}

test_log_type_enum_fails if {
	got := fx.paths(teo.deny_log_type_enum, "teo.log-type-enum") with input as fx.tasks([fx.task({"logType": "l7"})])
	got == {"deliveryTasks[0].logType"}
}

test_log_type_enum_passes if {
	ts := [fx.task({"logType": lt}) | some lt in ["l7-access-logs", "application", "function", "web-attack", "domain", "web-bot"]]
	count(teo.deny_log_type_enum) == 0 with input as fx.tasks(ts)
}

test_log_type_legacy_fails if {
	ts := [fx.task({"logType": lt}) | some lt in ["domain", "web-rateLiming", "web-rule", "web-bot"]]
	got := fx.paths(teo.warn_log_type_legacy, "teo.log-type-legacy") with input as fx.tasks(ts)
	count(got) == 4
}

test_log_type_legacy_passes if {
	count(teo.warn_log_type_legacy) == 0 with input as fx.tasks([fx.cls_task, fx.task({"logType": "web-attack"})])
}

test_area_enum_fails if {
	got := fx.paths(teo.deny_area_enum, "teo.area-enum") with input as fx.tasks([fx.task({"area": "global"})])
	got == {"deliveryTasks[0].area"}
}

test_area_enum_passes if {
	count(teo.deny_area_enum) == 0 with input as fx.tasks([fx.task({"area": "overseas"}), fx.cls_task])
}

test_sample_range_fails if {
	ts := [fx.task({"sample": v}) | some v in [0, 1001, 60.5, "high", -1]]
	got := fx.paths(teo.deny_sample_range, "teo.sample-range") with input as fx.tasks(ts)
	count(got) == 5
}

test_sample_range_passes if {
	ts := [fx.task({"sample": 1}), fx.task({"sample": 605}), fx.task({"sample": 1000}), object.remove(fx.cls_task, ["sample"])]
	count(teo.deny_sample_range) == 0 with input as fx.tasks(ts)
}

# A finding has the conftest result shape: msg, rule and path.
test_finding_shape if {
	fs := teo.deny_sample_range with input as fx.tasks([fx.task({"sample": 0})])
	some f in fs
	object.keys(f) == {"msg", "rule", "path"}
	contains(f.msg, "edge_cls")
}

test_zone_id_fails if {
	got := fx.paths(teo.warn_zone_id, "teo.zone-id") with input as fx.tasks([fx.task({"zoneId": "example.com"}), fx.task({"zoneId": "zone-2Z55FGYSDTMC"}), fx.task({"zoneId": "zone-abc"})])
	got == {"deliveryTasks[0].zoneId", "deliveryTasks[1].zoneId", "deliveryTasks[2].zoneId"}
}

test_zone_id_passes if {
	count(teo.warn_zone_id) == 0 with input as fx.tasks([fx.task({"zoneId": "zone-2z55fgysdtmc"}), fx.task({"zoneId": "${env:ZONE}"})])
}
