# Tests of the team's privacy configuration (privacy.json, loaded as data
# by `logctl policy test examples/policies`) and of its waiver.
package logctl_test.team_privacy

import data.logctl.privacy

task := {
	"name": "to-vendor",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "custom_endpoint",
	"logType": "l7-access-logs",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": ["RequestID", "ClientIP"],
	"customEndpoint": {"url": "https://siem.example.com/in"},
}

test_plaintext_is_an_error_for_this_team if {
	http := object.union(task, {"customEndpoint": {"url": "http://siem.example.com/in"}})
	fs := privacy.deny_plaintext_transport with input as {"deliveryTasks": [http]}
	{f.path | some f in fs} == {"deliveryTasks[0].customEndpoint.url"}
	count(privacy.warn_plaintext_transport) == 0 with input as {"deliveryTasks": [http]}
}

test_allow_list_admits_the_siem if {
	count(privacy.warn_destination_allowlist) == 0 with input as {"deliveryTasks": [task]}
}

test_allow_list_reports_other_hosts if {
	other := object.union(task, {"customEndpoint": {"url": "https://collector.elsewhere.io/in"}})
	fs := privacy.warn_destination_allowlist with input as {"deliveryTasks": [other]}
	{f.path | some f in fs} == {"deliveryTasks[0].customEndpoint.url"}
}

test_siem_is_placed_in_mainland_china if {
	count(privacy.warn_cross_border) == 0 with input as {"deliveryTasks": [task]}
}

test_exception_waives_the_archive_only if {
	privacy.exception == {["pii_field"]} with input as {"deliveryTasks": [object.union(task, {"name": "l4-to-s3"})]}
	count(privacy.exception) == 0 with input as {"deliveryTasks": [task]}
}
