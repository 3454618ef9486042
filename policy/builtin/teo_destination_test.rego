package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

test_destination_fails if {
	ts := [
		object.remove(fx.cls_task, ["cls"]),
		object.union(fx.cls_task, {"s3": fx.s3_task.s3}),
		object.union(fx.analysis_task, {"cls": fx.cls_task.cls}),
	]
	got := fx.paths(teo.deny_destination, "teo.destination") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].cls", "deliveryTasks[1].s3", "deliveryTasks[2].cls"}
}

test_destination_passes if {
	count(teo.deny_destination) == 0 with input as fx.tasks([fx.cls_task, fx.endpoint_task, fx.s3_task, fx.analysis_task])
}

test_destination_required_fails if {
	ts := [
		fx.task({"cls": {"topicId": "", "logSetRegion": null}}),
		object.union(fx.endpoint_task, {"customEndpoint": {"url": "", "headers": [{"name": "X-Only-Name"}]}}),
		object.union(object.remove(fx.s3_task, ["s3"]), {"s3": object.remove(fx.s3_task.s3, ["bucket"])}),
	]
	got := fx.paths(teo.deny_destination_required, "teo.destination-required") with input as fx.tasks(ts)
	got == {
		"deliveryTasks[0].cls.topicId", "deliveryTasks[0].cls.logSetRegion",
		"deliveryTasks[1].customEndpoint.url", "deliveryTasks[1].customEndpoint.headers[0].value",
		"deliveryTasks[2].s3.bucket",
	}
}

test_destination_required_passes if {
	count(teo.deny_destination_required) == 0 with input as fx.tasks([fx.cls_task, fx.endpoint_task, fx.s3_task])
}

test_log_analysis_log_type_fails if {
	ts := [object.union(fx.analysis_task, {"logType": lt}) | some lt in ["application", "function"]]
	got := fx.paths(teo.deny_log_analysis_log_type, "teo.log-analysis-log-type") with input as fx.tasks(ts)
	got == {"deliveryTasks[0].type", "deliveryTasks[1].type"}
}

test_log_analysis_log_type_passes if {
	ts := [object.union(fx.analysis_task, {"logType": lt, "area": a}) |
		some lt in ["l7-access-logs", "web-attack"]
		some a in ["mainland", "overseas"]
	]
	count(teo.deny_log_analysis_log_type) == 0 with input as fx.tasks(ts)
}

test_literal_secret_fails if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {
		"accessKey": "plain-text-key",
		"headers": [{"name": "Authorization", "value": "Bearer abc", "secret": true}],
	}})
	s3 := object.union(fx.s3_task, {"s3": {"accessId": "AKID123", "accessKey": "${env:S3_KEY} "}})
	fs := teo.deny_literal_secret with input as fx.tasks([ep, s3])
	fx.paths(fs, "teo.literal-secret") == {
		"deliveryTasks[0].customEndpoint.accessKey",
		"deliveryTasks[0].customEndpoint.headers[0].value",
		"deliveryTasks[1].s3.accessId",
		"deliveryTasks[1].s3.accessKey",
	}

	# The message never repeats the secret.
	every f in fs {
		not contains(f.msg, "plain-text-key")
		not contains(f.msg, "Bearer abc")
		not contains(f.msg, "AKID123")
	}
}

test_literal_secret_passes if {
	# A header not marked secret may hold a literal value.
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"headers": [{"name": "Vendor", "value": "EdgeOne", "secret": false}]}})
	count(teo.deny_literal_secret) == 0 with input as fx.tasks([fx.endpoint_task, fx.s3_task, ep])
}

test_endpoint_url_fails if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"url": "ftp://logs.example.com"}})
	s3 := object.union(fx.s3_task, {"s3": {"endpoint": "s3.amazonaws.com"}})
	got := fx.paths(teo.deny_endpoint_url, "teo.endpoint-url") with input as fx.tasks([ep, s3])
	got == {"deliveryTasks[0].customEndpoint.url", "deliveryTasks[1].s3.endpoint"}
}

test_endpoint_url_passes if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"url": "${env:EP_URL}"}})
	s3 := object.union(fx.s3_task, {"s3": {"endpoint": "HTTP://minio.internal:9000"}})
	count(teo.deny_endpoint_url) == 0 with input as fx.tasks([fx.endpoint_task, ep, s3])
}

test_insecure_endpoint_fails if {
	ep := object.union(fx.endpoint_task, {"customEndpoint": {"url": "http://logs.example.com"}})
	s3 := object.union(fx.s3_task, {"s3": {"endpoint": "HTTP://minio.internal:9000"}})
	got := fx.paths(teo.warn_insecure_endpoint, "teo.insecure-endpoint") with input as fx.tasks([ep, s3])
	got == {"deliveryTasks[0].customEndpoint.url", "deliveryTasks[1].s3.endpoint"}
}

test_insecure_endpoint_passes if {
	count(teo.warn_insecure_endpoint) == 0 with input as fx.tasks([fx.endpoint_task, fx.s3_task])
}
