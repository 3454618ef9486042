package logctl_test.scope

import data.logctl.scope
import data.logctl_test.fixtures as fx

test_entry_fails if {
	doc := {"scopes": [
		"zone-2z55fgysdtmc",
		{"zones": {"zoneId": "z"}},
		{"deliveryTasks": {"zoneId": "z"}, "exports": {"topicId": "t"}},
		{"exports": {"region": "ap-guangzhou"}},
		{"dumps": {"logGroupId": "g", "bucket": "b"}},
		{"deliveryTasks": "zone-2z55fgysdtmc"},
	]}
	got := fx.paths(scope.deny_entry, "scope.entry") with input as doc
	got == {
		"scopes[0]", "scopes[1].zones", "scopes[2]",
		"scopes[3].exports.topicId", "scopes[4].dumps.bucket", "scopes[5].deliveryTasks",
	}
}

test_entry_passes if {
	doc := {"scopes": array.concat(fx.scopes, [
		{"exports": {"topicId": "t", "region": "ap-guangzhou"}},
		{"dumps": {"logGroupId": "g", "projectId": "p", "region": "cn-north-4"}},
	])}
	count(scope.deny_entry) == 0 with input as doc
}
