# Delivery task rules for the destination blocks (cls, customEndpoint, s3):
# which block a type needs, their required members, secrets and URLs
# (edgeone-logs.md §2, §7; design §3 on secrets).
package logctl.teo

import data.logctl.lib

# The one block each task type needs; log_analysis needs none.
_dest_block := {"cls": "cls", "custom_endpoint": "customEndpoint", "s3": "s3"}

_dest_blocks := ["cls", "customEndpoint", "s3"]

# edgeone-logs.md §7: required members of CLSTopic, CustomEndpoint, S3 and Header.
_block_required := {
	"cls": ["logSetId", "topicId", "logSetRegion"],
	"customEndpoint": ["url"],
	"s3": ["endpoint", "region", "bucket", "accessId", "accessKey"],
}

# edgeone-logs.md §2: log_analysis only for L7 access logs or web-attack.
_analysis_log_types := {"l7-access-logs", "domain", "web-attack"}

# METADATA
# title: A task has exactly the destination block its type needs
# description: cls needs cls, custom_endpoint needs customEndpoint, s3 needs s3, log_analysis needs none; other blocks are not allowed.
# custom:
#   id: teo.destination
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), CLS / CustomEndpoint / S3
deny_destination contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	block := _dest_block[t.type]
	lib.empty[object.get(t, block, null)]
	f := lib.finding(
		"teo.destination",
		sprintf("%s: type %s needs a %s block", [lib.label("task", t, i), t.type, block]),
		sprintf("deliveryTasks[%d].%s", [i, block]),
	)
}

deny_destination contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block in _dest_blocks
	t[block] != null
	block != object.get(_dest_block, t.type, "")
	_task_types[t.type]
	f := lib.finding(
		"teo.destination",
		sprintf("%s: a %s block is not used by type %s; remove it", [lib.label("task", t, i), block, t.type]),
		sprintf("deliveryTasks[%d].%s", [i, block]),
	)
}

# METADATA
# title: Destination blocks carry their required members
# custom:
#   id: teo.destination-required
#   severity: error
#   source: EdgeOne CLSTopic, CustomEndpoint, S3 and Header (teo 2022-09-01)
deny_destination_required contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block, keys in _block_required
	b := t[block]
	is_object(b)
	some key in keys
	lib.empty[object.get(b, key, null)]
	f := lib.finding(
		"teo.destination-required",
		sprintf("%s: %s.%s is required", [lib.label("task", t, i), block, key]),
		sprintf("deliveryTasks[%d].%s.%s", [i, block, key]),
	)
}

deny_destination_required contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, h in t.customEndpoint.headers
	some key in ["name", "value"]
	lib.empty[object.get(h, key, null)]
	f := lib.finding(
		"teo.destination-required",
		sprintf("%s: customEndpoint.headers[%d].%s is required", [lib.label("task", t, i), j, key]),
		sprintf("deliveryTasks[%d].customEndpoint.headers[%d].%s", [i, j, key]),
	)
}

# METADATA
# title: log_analysis only with L7 access logs or web-attack
# custom:
#   id: teo.log-analysis-log-type
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), TaskType
deny_log_analysis_log_type contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	t.type == "log_analysis"
	v := t.logType
	not _analysis_log_types[v]
	is_string(v)
	lib.literal(v)
	f := lib.finding(
		"teo.log-analysis-log-type",
		sprintf("%s: type log_analysis only works with logType l7-access-logs or web-attack, not %q", [lib.label("task", t, i), v]),
		sprintf("deliveryTasks[%d].type", [i]),
	)
}

# METADATA
# title: Secrets are ${env:NAME} references, never literals
# description: accessId/accessKey of customEndpoint and s3, and header values marked secret, must be ${env:NAME} so no secret is committed to Git.
# custom:
#   id: teo.literal-secret
#   severity: error
#   source: logctl design, secret fields; EdgeOne CustomEndpoint and S3 (teo 2022-09-01)
deny_literal_secret contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block in ["customEndpoint", "s3"]
	some key in ["accessId", "accessKey"]
	v := t[block][key]
	not lib.env_ref(v)
	not lib.empty[v]
	p := sprintf("%s.%s", [block, key])
	f := lib.finding(
		"teo.literal-secret",
		sprintf("%s: %s holds a literal secret; write ${env:NAME} and set NAME in the environment of plan/apply", [lib.label("task", t, i), p]),
		sprintf("deliveryTasks[%d].%s", [i, p]),
	)
}

deny_literal_secret contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, h in t.customEndpoint.headers
	h.secret == true
	v := h.value
	not lib.env_ref(v)
	not lib.empty[v]
	p := sprintf("customEndpoint.headers[%d].value", [j])
	f := lib.finding(
		"teo.literal-secret",
		sprintf("%s: %s holds a literal secret; write ${env:NAME} and set NAME in the environment of plan/apply", [lib.label("task", t, i), p]),
		sprintf("deliveryTasks[%d].%s", [i, p]),
	)
}

# METADATA
# title: Endpoints are http(s) URLs
# custom:
#   id: teo.endpoint-url
#   severity: error
#   source: EdgeOne CustomEndpoint (teo 2022-09-01), Url; S3, Endpoint
deny_endpoint_url contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block, key in _endpoint_keys
	v := t[block][key]
	not regex.match(`^(?i)https?://[^/\s]+`, v)
	is_string(v)
	lib.literal(v)
	p := sprintf("%s.%s", [block, key])
	f := lib.finding(
		"teo.endpoint-url",
		sprintf("%s: %s %s must be an http:// or https:// URL", [lib.label("task", t, i), p, lib.quote(v)]),
		sprintf("deliveryTasks[%d].%s", [i, p]),
	)
}

# METADATA
# title: Endpoints use https
# description: An http:// endpoint sends logs (and the request signature) in clear text.
# custom:
#   id: teo.insecure-endpoint
#   severity: warning
#   source: EdgeOne CustomEndpoint (teo 2022-09-01), Url and Protocol
warn_insecure_endpoint contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block, key in _endpoint_keys
	v := t[block][key]
	startswith(lower(v), "http://")
	p := sprintf("%s.%s", [block, key])
	f := lib.finding(
		"teo.insecure-endpoint",
		sprintf("%s: %s uses http://; logs travel unencrypted, prefer https://", [lib.label("task", t, i), p]),
		sprintf("deliveryTasks[%d].%s", [i, p]),
	)
}

# _endpoint_keys names the URL field of each block that has one.
_endpoint_keys := {"customEndpoint": "url", "s3": "endpoint"}
