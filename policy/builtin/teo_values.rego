# Delivery task rules on values the API refuses that the enumerations do not
# cover: condition values, the template format, repeated list items
# (edgeone-logs.md §2, §7). The emulator refuses each of them; the parity
# test (internal/emulator/lintparity_test.go, cmd/logctl) keeps the two
# sides in step.
package logctl.teo

import data.logctl.lib

# edgeone-logs.md §7 QueryCondition: the values of the security keys.
_condition_values := {
	"SecurityAction": {
		"-", "Monitor", "JSChallenge", "Deny", "Allow", "BlockIP", "Redirect",
		"ReturnCustomPage", "ManagedChallenge", "Silence", "LongDelay", "ShortDelay",
	},
	"SecurityModule": {
		"-", "CustomRule", "RateLimitingCustomRule", "ManagedRule", "L7DDoS", "BotManagement",
		"BotClientReputation", "BotBehaviorAnalysis", "BotCustomRule", "BotActiveDetection",
	},
}

# The status-code keys take integers from: EdgeResponseStatusCode ≥ 0,
# OriginResponseStatusCode ≥ −1 (no origin response).
_status_min := {"EdgeResponseStatusCode": 0, "OriginResponseStatusCode": -1}

# edgeone-logs.md §7 LogFormat: RecordTemplate up to 4 KB.
_max_record_template := 4096

# METADATA
# title: Delivery condition values fit their key
# description: SecurityAction and SecurityModule take their documented values; status-code keys take integers (≥ 0, or ≥ -1 for OriginResponseStatusCode).
# custom:
#   id: teo.condition-value
#   severity: error
#   source: EdgeOne DeliveryCondition / QueryCondition (teo 2022-09-01), Value
deny_condition_value contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, g in t.deliveryConditions
	some k, c in g.conditions
	_condition_operators[c.key]
	some l, v in c.value
	not _condition_value_ok(c.key, v)
	lib.literal(v)
	f := lib.finding(
		"teo.condition-value",
		sprintf("%s: %s", [lib.label("task", t, i), _condition_value_msg(c.key, v)]),
		sprintf("deliveryTasks[%d].deliveryConditions[%d].conditions[%d].value[%d]", [i, j, k, l]),
	)
}

_condition_value_ok(key, v) if _condition_values[key][v]

_condition_value_ok(key, v) if {
	_status_min[key] <= to_number(_status_text(v))
}

# _status_text is the integer a value spells (YAML may give 500 or "500").
_status_text(v) := v if {
	is_string(v)
	regex.match(`^-?[0-9]{1,9}$`, v)
}

_status_text(v) := format_int(v, 10) if lib.integer(v)

_condition_value_msg(key, v) := lib.enum_msg(sprintf("%s value", [key]), v, _condition_values[key]) if _condition_values[key]

_condition_value_msg(key, v) := sprintf("%s value %s must be a status code, an integer >= %d", [key, lib.quote(v), _status_min[key]]) if _status_min[key]

# METADATA
# title: recordTemplate goes with formatType template
# description: formatType template needs a recordTemplate (up to 4 KB); a recordTemplate with another format type is refused.
# custom:
#   id: teo.log-format-template
#   severity: error
#   source: EdgeOne LogFormat (teo 2022-09-01), FormatType and RecordTemplate
deny_log_format_template contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some [key, problem] in _template_problems(t.logFormat)
	f := lib.finding(
		"teo.log-format-template",
		sprintf("%s: %s", [lib.label("task", t, i), problem]),
		sprintf("deliveryTasks[%d].logFormat.%s", [i, key]),
	)
}

_template_problems(lf) := {["formatType", "logFormat.formatType template needs a recordTemplate (the template of one record)"] |
	lf.formatType == "template"
	lib.empty[object.get(lf, "recordTemplate", null)]
} | {["recordTemplate", sprintf("logFormat.recordTemplate is only used with formatType template, not %s", [lib.quote(lf.formatType)])] |
	not lib.empty[object.get(lf, "recordTemplate", null)]
	lf.formatType != "template"
	lib.literal(lf.formatType)
} | {["recordTemplate", sprintf("logFormat.recordTemplate has %d bytes, at most %d are allowed", [n, _max_record_template])] |
	n := count(lf.recordTemplate)
	n > _max_record_template
}

# METADATA
# title: fields and entities list each item once, none empty
# custom:
#   id: teo.list-item
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), Fields and EntityList
deny_list_item contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some key in ["fields", "entities"]
	some [j, problem] in _list_problems(t[key])
	f := lib.finding(
		"teo.list-item",
		sprintf("%s: %s[%d] %s", [lib.label("task", t, i), key, j, problem]),
		sprintf("deliveryTasks[%d].%s[%d]", [i, key, j]),
	)
}

# _list_problems holds [j, what is wrong with item j]: empty, or a repeat
# of an earlier item (the first occurrence is fine).
_list_problems(xs) := {[j, "is empty"] |
	some j, x in xs
	is_string(x)
	trim_space(x) == ""
} | {[j, sprintf("repeats %s (item %d)", [lib.quote(x), first])] |
	some j, x in xs
	first := _first_index(xs, x)
	first < j
}

_first_index(xs, x) := min({k | some k, y in xs; y == x})

_list_clean(xs) if {
	count({x | some x in xs}) == count(xs)
	every x in xs {
		trim_space(x) != ""
	}
}
