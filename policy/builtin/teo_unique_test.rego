package logctl_test.teo_unique

import data.logctl.teo.unique
import data.logctl_test.fixtures as fx

named(t, name) := object.union(t, {"name": name})

live(ts) := {"deliveryTasks": ts}

test_entity_unique_fails if {
	# Two cls tasks on one entity; custom_endpoint plus s3 on another; the
	# legacy "domain" name counts as l7-access-logs.
	s3 := object.union(fx.s3_task, {"logType": "l7-access-logs", "area": "mainland", "entities": ["b.example.com"]})
	ts := [
		fx.cls_task,
		named(object.union(fx.cls_task, {"logType": "domain"}), "second_cls"),
		object.union(fx.endpoint_task, {"entities": ["b.example.com"]}),
		s3,
	]
	got := fx.paths(unique.deny_entity_unique, "teo.entity-unique") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].entities[0]", "deliveryTasks[1].entities[0]", "deliveryTasks[2].entities[0]", "deliveryTasks[3].entities[0]"}
}

test_entity_unique_fails_against_live if {
	# A live task no file declares still holds the entity.
	other := named(fx.cls_task, "created_in_console")
	fs := unique.deny_entity_unique with input as fx.tasks([fx.cls_task]) with data.logctl.live as live([other])
	fx.paths(fs, "teo.entity-unique") == {"deliveryTasks[0].entities[0]"}
	some f in fs
	contains(f.msg, "live task \"created_in_console\"")
}

test_entity_unique_passes if {
	# cls + custom_endpoint share an entity; another area, log type or zone is
	# another key; the live twin of a declared task is the same task.
	ts := [
		fx.cls_task,
		fx.endpoint_task,
		named(object.union(fx.cls_task, {"area": "overseas"}), "overseas_cls"),
		named(object.union(fx.cls_task, {"logType": "function"}), "function_cls"),
		named(object.union(fx.cls_task, {"zoneId": "zone-other"}), "other_zone"),
	]
	count(unique.deny_entity_unique) == 0 with input as fx.tasks(ts) with data.logctl.live as live([fx.cls_task, fx.endpoint_task])
}

test_security_entity_unique_fails if {
	waf := object.union(fx.endpoint_task, {"logType": "web-attack"})
	ts := [waf, named(object.union(fx.cls_task, {"logType": "web-attack"}), "waf_cls")]
	got := fx.paths(unique.deny_security_entity_unique, "teo.security-entity-unique") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].entities[0]", "deliveryTasks[1].entities[0]"}
}

test_security_entity_unique_fails_against_live if {
	waf := object.union(fx.cls_task, {"logType": "web-bot"})
	fs := unique.deny_security_entity_unique with input as fx.tasks([waf]) with data.logctl.live as live([named(waf, "old_bot")])
	fx.paths(fs, "teo.security-entity-unique") == {"deliveryTasks[0].entities[0]"}
}

test_security_entity_unique_passes if {
	ts := [
		object.union(fx.cls_task, {"logType": "web-attack"}),
		named(object.union(fx.cls_task, {"logType": "web-attack", "area": "overseas"}), "waf_overseas"),
		named(object.union(fx.cls_task, {"logType": "web-rule"}), "waf_rule"),
		fx.analysis_task,
	]
	count(unique.deny_security_entity_unique) == 0 with input as fx.tasks(ts)
}

test_log_analysis_unique_fails if {
	ts := [fx.analysis_task, named(object.union(fx.analysis_task, {"entities": ["b.example.com"]}), "second")]
	got := fx.paths(unique.deny_log_analysis_unique, "teo.log-analysis-unique") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].type", "deliveryTasks[1].type"}
}

test_log_analysis_unique_fails_against_live if {
	fs := unique.deny_log_analysis_unique with input as fx.tasks([fx.analysis_task]) with data.logctl.live as live([named(fx.analysis_task, "console")])
	fx.paths(fs, "teo.log-analysis-unique") == {"deliveryTasks[0].type"}
}

test_log_analysis_unique_passes if {
	ts := [
		fx.analysis_task,
		named(object.union(fx.analysis_task, {"area": "overseas"}), "overseas"),
		named(object.union(fx.analysis_task, {"logType": "l7-access-logs"}), "access"),
		named(object.union(fx.analysis_task, {"zoneId": "zone-other"}), "other_zone"),
	]
	count(unique.deny_log_analysis_unique) == 0 with input as fx.tasks(ts) with data.logctl.live as live([fx.analysis_task])
}
