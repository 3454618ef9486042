package logctl_test.teo.legacy

import data.logctl.teo.legacy
import data.logctl_test.fixtures as fx

test_log_type_legacy_new_fails if {
	running := fx.task({"name": "old", "logType": "domain"})
	moved := fx.task({"name": "moved", "logType": "domain"})
	ts := [
		running,
		fx.task({"name": "fresh", "logType": "web-bot"}),
		fx.task({"name": "changed", "logType": "domain"}),
		object.union(moved, {"area": "overseas"}),
	]
	live := {"deliveryTasks": [running, fx.task({"name": "changed", "logType": "l7-access-logs"}), moved]}
	got := fx.paths(legacy.deny_log_type_legacy_new, "teo.log-type-legacy-new") with input as fx.tasks(ts)
		with data.logctl.live as live
	got == {"deliveryTasks[1].logType", "deliveryTasks[2].logType", "deliveryTasks[3].logType"}
}

test_log_type_legacy_new_passes if {
	running := fx.task({"name": "old", "logType": "web-rule"})
	ts := [running, fx.cls_task]
	count(legacy.deny_log_type_legacy_new) == 0 with input as fx.tasks(ts)
		with data.logctl.live as {"deliveryTasks": [running]}

	# Without the live state nothing is known: teo.log-type-legacy warns.
	count(legacy.deny_log_type_legacy_new) == 0 with input as fx.tasks(ts)
}
