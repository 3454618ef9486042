# Delivery task rules for LogFormat, compression, protocol and delivery
# conditions (edgeone-logs.md §6, §7).
package logctl.teo

import data.logctl.lib

_format_types := {"json", "csv", "template"}

_record_delimiters := {"\n", "\t", ","}

_field_delimiters := {"\t", ",", ";"}

# edgeone-logs.md §2: for cls and log_analysis only FormatType=json is allowed.
_json_only_types := {"cls", "log_analysis"}

_compress_types := {"gzip"}

_protocols := {"http", "https"}

_status_operators := {"equal", "great", "less", "great_equal", "less_equal"}

# edgeone-logs.md §7 QueryCondition: the keys usable for delivery and the
# operators each accepts (the delivery-specific list, not the shared one).
_condition_operators := {
	"EdgeResponseStatusCode": _status_operators,
	"OriginResponseStatusCode": _status_operators,
	"SecurityAction": {"equal"},
	"SecurityModule": {"equal"},
}

# METADATA
# title: LogFormat formatType is json, csv or template
# custom:
#   id: teo.log-format-type
#   severity: error
#   source: EdgeOne LogFormat (teo 2022-09-01), FormatType
deny_log_format_type contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.logFormat.formatType
	not _format_types[v]
	lib.literal(v)
	f := lib.finding(
		"teo.log-format-type",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("logFormat.formatType", v, _format_types)]),
		sprintf("deliveryTasks[%d].logFormat.formatType", [i]),
	)
}

# METADATA
# title: LogFormat delimiters are from the documented sets
# description: recordDelimiter is one of newline, tab or comma; fieldDelimiter one of tab, comma or semicolon.
# custom:
#   id: teo.log-format-delimiter
#   severity: error
#   source: EdgeOne LogFormat (teo 2022-09-01), RecordDelimiter and FieldDelimiter
deny_log_format_delimiter contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some key, allowed in {"recordDelimiter": _record_delimiters, "fieldDelimiter": _field_delimiters}
	v := t.logFormat[key]
	not allowed[v]
	lib.literal(v)
	f := lib.finding(
		"teo.log-format-delimiter",
		sprintf("%s: logFormat.%s %s is not one of %s", [lib.label("task", t, i), key, json.marshal(v), json.marshal(sort(allowed))]),
		sprintf("deliveryTasks[%d].logFormat.%s", [i, key]),
	)
}

# METADATA
# title: cls and log_analysis tasks only take the json log format
# custom:
#   id: teo.log-format-json-only
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), LogFormat
deny_log_format_json_only contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.logFormat.formatType
	v != "json"
	_json_only_types[t.type]
	lib.literal(v)
	f := lib.finding(
		"teo.log-format-json-only",
		sprintf("%s: type %s only accepts logFormat.formatType \"json\" (better: omit logFormat), not %s", [lib.label("task", t, i), t.type, lib.quote(v)]),
		sprintf("deliveryTasks[%d].logFormat.formatType", [i]),
	)
}

# METADATA
# title: compressType is gzip or omitted
# custom:
#   id: teo.compress-type
#   severity: error
#   source: EdgeOne CustomEndpoint and S3 (teo 2022-09-01), CompressType
deny_compress_type contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some block in ["customEndpoint", "s3"]
	v := t[block].compressType
	not _compress_types[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"teo.compress-type",
		sprintf("%s: %s.compressType %s must be \"gzip\" or omitted (no compression)", [lib.label("task", t, i), block, lib.quote(v)]),
		sprintf("deliveryTasks[%d].%s.compressType", [i, block]),
	)
}

# METADATA
# title: customEndpoint protocol is http or https
# custom:
#   id: teo.protocol-enum
#   severity: error
#   source: EdgeOne CustomEndpoint (teo 2022-09-01), Protocol
deny_protocol_enum contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.customEndpoint.protocol
	not _protocols[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"teo.protocol-enum",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("customEndpoint.protocol", v, _protocols)]),
		sprintf("deliveryTasks[%d].customEndpoint.protocol", [i]),
	)
}

# METADATA
# title: Delivery condition keys are the documented ones
# custom:
#   id: teo.condition-key
#   severity: error
#   source: EdgeOne DeliveryCondition / QueryCondition (teo 2022-09-01), Key
deny_condition_key contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, group in t.deliveryConditions
	some k, c in group.conditions
	v := c.key
	not _condition_operators[v]
	lib.literal(v)
	f := lib.finding(
		"teo.condition-key",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("condition key", v, object.keys(_condition_operators))]),
		sprintf("deliveryTasks[%d].deliveryConditions[%d].conditions[%d].key", [i, j, k]),
	)
}

# METADATA
# title: Delivery condition operators fit their key
# description: Status-code keys take equal, great, less, great_equal or less_equal; SecurityAction and SecurityModule take equal.
# custom:
#   id: teo.condition-operator
#   severity: error
#   source: EdgeOne DeliveryCondition / QueryCondition (teo 2022-09-01), Operator
deny_condition_operator contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, group in t.deliveryConditions
	some k, c in group.conditions
	allowed := _condition_operators[c.key]
	v := c.operator
	not allowed[v]
	lib.literal(v)
	f := lib.finding(
		"teo.condition-operator",
		sprintf("%s: operator %s is not valid for key %s (use one of %s)", [lib.label("task", t, i), lib.quote(v), c.key, concat(", ", sort(allowed))]),
		sprintf("deliveryTasks[%d].deliveryConditions[%d].conditions[%d].operator", [i, j, k]),
	)
}
