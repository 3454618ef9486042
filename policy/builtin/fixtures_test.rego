# Fixtures shared by the built-in policy tests: one valid resource of every
# kind, and helpers that patch them into input documents.
package logctl_test.fixtures

cls_task := {
	"name": "edge_cls",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "cls",
	"logType": "l7-access-logs",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": ["RequestID", "ClientIP", "RequestTime"],
	"sample": 1000,
	"cls": {
		"logSetId": "1a6efff1-0e40-4d37-a4ed-02c92513406b",
		"topicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588",
		"logSetRegion": "ap-guangzhou",
	},
}

endpoint_task := {
	"name": "edge_endpoint",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "custom_endpoint",
	"logType": "l7-access-logs",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": ["RequestID"],
	"logFormat": {"formatType": "csv", "fieldDelimiter": ",", "recordDelimiter": "\n"},
	"customEndpoint": {
		"url": "https://logs.example.com/ingest",
		"accessId": "${env:EP_ID}",
		"accessKey": "${env:EP_KEY}",
		"compressType": "gzip",
		"protocol": "https",
		"headers": [
			{"name": "Vendor", "value": "EdgeOne"},
			{"name": "Authorization", "value": "${env:EP_TOKEN}", "secret": true},
		],
	},
}

s3_task := {
	"name": "edge_s3",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "s3",
	"logType": "application",
	"area": "overseas",
	"entities": ["sid-2s69eb5wcms7"],
	"fields": ["ServiceID", "ClientRealIP", "DisconnetReason"],
	"s3": {
		"endpoint": "https://s3.ap-northeast-2.amazonaws.com",
		"region": "ap-northeast-2",
		"bucket": "edge-logs/l4/",
		"accessId": "${env:S3_ID}",
		"accessKey": "${env:S3_KEY}",
	},
}

analysis_task := {
	"name": "edge_analysis",
	"zoneId": "zone-2z55fgysdtmc",
	"type": "log_analysis",
	"logType": "web-attack",
	"area": "mainland",
	"entities": ["domain.example.com"],
	"fields": ["RequestID"],
}

export := {
	"name": "status-200-dec-9",
	"region": "ap-guangzhou",
	"topicId": "ee20bb16-3025-4048-b81a-dd436373062e",
	"query": "status:200",
	"count": 100,
	"from": "2020-12-09T07:31:47Z",
	"to": "2020-12-09T07:33:27Z",
	"order": "desc",
	"format": "json",
	"syntaxRule": 0,
}

dump := {
	"name": "app-logs-to-obs",
	"region": "cn-north-4",
	"projectId": "0123456789abcdef0123456789abcdef",
	"logGroupId": "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053",
	"logStreamIds": ["45e7f609-xxxx-4cd3-835b-xxxx4a124718"],
	"bucket": "lts-test",
	"storageFormat": "RAW",
	"enabled": true,
	"prefixName": "fileprefixname",
	"dirPrefixName": "dirprefixname",
	"period": "5min",
}

scopes := [
	{"deliveryTasks": {"zoneId": "zone-2z55fgysdtmc"}},
	{"exports": {"topicId": "ee20bb16-3025-4048-b81a-dd436373062e"}},
	{"dumps": {"logGroupId": "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053"}},
]

# valid_doc holds one valid resource of every kind, all rules pass on it.
valid_doc := {
	"version": 1,
	"defaults": {"tencent": {"region": "ap-guangzhou"}},
	"deliveryTasks": [cls_task, endpoint_task, s3_task, analysis_task],
	"exports": [export],
	"dumps": [dump],
	"scopes": scopes,
}

# task patches the cls task; remove drops keys from a resource.
task(patch) := object.union(cls_task, patch)

tasks(ts) := {"version": 1, "deliveryTasks": ts}

exports(xs) := {"version": 1, "exports": xs}

dumps(ds) := {"version": 1, "dumps": ds}

# paths lists where findings of one rule point.
paths(findings, rule) := {f.path | some f in findings; f.rule == rule}

# all_findings collects every deny_* and warn_* result of a package document
# (pass data.logctl.teo, not a name, so the dependency stays static).
all_findings(pkg) := {f |
	some name, results in pkg
	regex.match(`^(deny|warn|violation)(_|$)`, name)
	some f in results
}
