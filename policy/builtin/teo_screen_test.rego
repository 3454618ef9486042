package logctl_test.teo_screen

import data.logctl.teo
import data.logctl_test.fixtures as fx

# corpus holds tasks that each break per-task rules in one way.
corpus := [
	object.remove(fx.cls_task, ["name"]),
	fx.task({"name": "bad name"}),
	fx.task({"zoneId": ""}),
	fx.task({"zoneId": null}),
	fx.task({"entities": []}),
	fx.task({"fields": []}),
	fx.task({"type": "kafka"}),
	fx.task({"logType": "l7"}),
	fx.task({"logType": "domain"}),
	fx.task({"logType": "web-bot"}),
	fx.task({"area": "global"}),
	fx.task({"sample": 0}),
	fx.task({"sample": 1.5}),
	fx.task({"sample": "high"}),
	fx.task({"s3": fx.s3_task.s3}),
	object.remove(fx.cls_task, ["cls"]),
	fx.task({"cls": {"topicId": ""}}),
	fx.task({"cls": null}),
	fx.task({"logFormat": {"formatType": "csv"}}),
	object.union(fx.analysis_task, {"cls": fx.cls_task.cls}),
	object.union(fx.analysis_task, {"logType": "application"}),
	object.union(fx.endpoint_task, {"customEndpoint": {"url": "http://logs.example.com"}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"url": "ftp://logs.example.com"}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"accessKey": "literal"}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"headers": [{"name": "Authorization", "value": "Bearer x", "secret": true}]}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"headers": [{"name": "X-Only-Name"}]}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"compressType": "zstd"}}),
	object.union(fx.endpoint_task, {"customEndpoint": {"protocol": "grpc"}}),
	object.union(fx.endpoint_task, {"logFormat": {"formatType": "xml"}}),
	object.union(fx.endpoint_task, {"logFormat": {"fieldDelimiter": "|", "recordDelimiter": ";"}}),
	object.union(fx.endpoint_task, {"logFormat": {"formatType": null}}),
	object.union(fx.s3_task, {"s3": {"endpoint": "http://minio:9000"}}),
	object.union(fx.s3_task, {"s3": {"accessId": "AKID"}}),
	object.union(fx.s3_task, {"s3": {"bucket": ""}}),
	object.union(fx.s3_task, {"customFields": [{"name": "ReqHeader", "value": "Accept"}]}),
	object.union(fx.s3_task, {"fields": ["ServiceID", "DisconnectReason"]}),
	fx.task({"customFields": [{"name": "ReqQuery", "value": "id"}]}),
	fx.task({"customFields": [{"name": "ReqHeader", "value": "1abc"}]}),
	fx.task({"customFields": [{"name": "Cookie", "value": null}]}),
	fx.task({"customFields": [{"name": "ReqBody", "value": "(unclosed"}]}),
	fx.task({"customFields": [{"name": "ReqBody", "value": sprintf("x{%d}", [i])} | some i in numbers.range(1, 6)]}),
	fx.task({"customFields": [{"name": "ReqHeader", "value": sprintf("X-H%d", [i])} | some i in numbers.range(1, 201)]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "ClientIP", "operator": "equal", "value": ["1"]}]}]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "SecurityAction", "operator": "great", "value": ["Deny"]}]}]}),
	fx.task({"deliveryConditions": [{"conditions": []}]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "SecurityAction", "operator": "equal"}]}]}),
	fx.task({"fields": ["RequestID", "RequestId"]}),
	fx.task({"fields": ["RequestID", "RequestID"]}),
	fx.task({"fields": ["RequestID", " "]}),
	fx.task({"logType": "function", "fields": ["A", "A"]}),
	fx.task({"entities": ["a.example.com", "a.example.com"]}),
	fx.task({"entities": [""]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "SecurityAction", "operator": "equal", "value": ["Block"]}]}]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "SecurityModule", "operator": "equal", "value": ["WAF"]}]}]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "EdgeResponseStatusCode", "operator": "equal", "value": ["5xx"]}]}]}),
	fx.task({"deliveryConditions": [{"conditions": [{"key": "EdgeResponseStatusCode", "operator": "equal", "value": ["-1"]}]}]}),
	object.union(fx.endpoint_task, {"logFormat": {"formatType": "template"}}),
	object.union(fx.endpoint_task, {"logFormat": {"formatType": "csv", "recordTemplate": "${RequestID}"}}),
]

findings := {f |
	some name, fs in teo
	regex.match(`^(deny|warn)_`, name)
	some f in fs
}

# The screen (teo._suspects) may only skip tasks no rule reports on: with it
# and without it (every task a suspect) the findings are the same.
test_screen_hides_nothing if {
	doc := fx.tasks(corpus)
	everyone := {i | some i, _ in corpus}
	screened := findings with input as doc
	unscreened := findings with input as doc with teo._suspects as everyone

	screened == unscreened

	# Every task of the corpus is reported, so the comparison is not vacuous.
	reported := {to_number(regex.find_all_string_submatch_n(`^deliveryTasks\[(\d+)\]`, f.path, 1)[0][1]) | some f in screened}
	count({i | some i in numbers.range(0, count(corpus) - 1); not reported[i]}) == 0
}

# The screen passes valid tasks: none of the fixtures is a suspect.
test_screen_passes_valid_tasks if {
	suspects := teo._suspects with input as fx.tasks([fx.cls_task, fx.endpoint_task, fx.s3_task, fx.analysis_task])
	count(suspects) == 0
}
