package logctl_test.acme

import data.logctl.acme

task := {
	"name": "edge_cls",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "cls",
	"logType": "l7-access-logs",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": ["RequestID", "ClientIP"],
	"sample": 1000,
}

test_request_id_fails if {
	t := object.union(task, {"fields": ["ClientIP"]})
	fs := acme.deny_request_id with input as {"deliveryTasks": [t]}
	{f.path | some f in fs} == {"deliveryTasks[0].fields"}
}

test_request_id_passes if {
	# L4 logs have no RequestID.
	l4 := object.union(task, {"logType": "application", "fields": ["ServiceID"]})
	count(acme.deny_request_id) == 0 with input as {"deliveryTasks": [task, l4]}
}

test_min_sample_fails if {
	fs := acme.warn_min_sample with input as {"deliveryTasks": [object.union(task, {"sample": 605})]}
	{f.rule | some f in fs} == {"acme.min-sample"}
}

test_min_sample_passes if {
	count(acme.warn_min_sample) == 0 with input as {"deliveryTasks": [task, object.remove(task, ["sample"])]}
}

test_exception_names_access_to_cls if {
	acme.exception == {["min_sample"]} with input as {"deliveryTasks": [object.union(task, {"name": "access-to-cls"})]}
}

test_exception_spares_other_tasks if {
	count(acme.exception) == 0 with input as {"deliveryTasks": [task]}
}
