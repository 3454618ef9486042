# Delivery task rules for customFields (edgeone-logs.md §2, §7 CustomField).
package logctl.teo

import data.logctl.lib

# CustomFields are only delivered with L7 access logs (domain is its legacy name).
_l7_log_types := {"l7-access-logs", "domain"}

_custom_field_names := {"ReqHeader", "RspHeader", "Cookie", "ReqBody"}

_header_kinds := {"ReqHeader", "RspHeader", "Cookie"}

# METADATA
# title: customFields only with L7 access logs
# custom:
#   id: teo.custom-fields-log-type
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), CustomFields
deny_custom_fields_log_type contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	lt := t.logType
	not _l7_log_types[lt]
	count(t.customFields) > 0
	lib.literal(lt)
	f := lib.finding(
		"teo.custom-fields-log-type",
		sprintf("%s: customFields are only delivered with logType l7-access-logs, not %s", [lib.label("task", t, i), lib.quote(lt)]),
		sprintf("deliveryTasks[%d].customFields", [i]),
	)
}

# METADATA
# title: At most 200 custom fields per task
# custom:
#   id: teo.custom-fields-count
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), CustomFields quota
deny_custom_fields_count contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	n := count(t.customFields)
	n > 200
	f := lib.finding(
		"teo.custom-fields-count",
		sprintf("%s: %d customFields, at most 200 are allowed", [lib.label("task", t, i), n]),
		sprintf("deliveryTasks[%d].customFields", [i]),
	)
}

# METADATA
# title: Custom field names are ReqHeader, RspHeader, Cookie or ReqBody
# custom:
#   id: teo.custom-field-name
#   severity: error
#   source: EdgeOne CustomField (teo 2022-09-01), Name
deny_custom_field_name contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, c in t.customFields
	v := c.name
	not _custom_field_names[v]
	lib.literal(v)
	f := lib.finding(
		"teo.custom-field-name",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("custom field name", v, _custom_field_names)]),
		sprintf("deliveryTasks[%d].customFields[%d].name", [i, j]),
	)
}

# METADATA
# title: Custom fields are unique by (name, value)
# custom:
#   id: teo.custom-field-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), CustomFields
deny_custom_field_unique contains f if {
	_any_custom_field_dup
	some i, t in input.deliveryTasks
	count(t.customFields) > 1
	pairs := [[c.name, c.value] | some c in t.customFields]
	count({p | some p in pairs}) < count(pairs)
	some j, p in pairs
	some k, q in pairs
	k < j
	p == q
	not _earlier_dup(pairs, k)
	f := lib.finding(
		"teo.custom-field-unique",
		sprintf("%s: custom field %s %q repeats customFields[%d]", [lib.label("task", t, i), p[0], p[1], k]),
		sprintf("deliveryTasks[%d].customFields[%d]", [i, j]),
	)
}

# _any_custom_field_dup is a fast path: one pass over all custom fields
# finds whether any task repeats one; only then are tasks compared one by one.
_any_custom_field_dup if {
	rows := [[i, c.name, c.value] | some i, t in input.deliveryTasks; some c in t.customFields]
	count({r | some r in rows}) < count(rows)
}

# _earlier_dup holds when pairs[k] itself repeats an earlier entry, so each
# duplicate names the first occurrence only.
_earlier_dup(pairs, k) if {
	some m, r in pairs
	m < k
	r == pairs[k]
}

# METADATA
# title: At most 5 ReqBody custom fields per task
# custom:
#   id: teo.custom-field-reqbody-count
#   severity: error
#   source: EdgeOne CustomField (teo 2022-09-01); LimitExceeded.CustomLogFieldRegexLimitExceeded
deny_custom_field_reqbody_count contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	count(t.customFields) > 5
	n := count([c | some c in t.customFields; c.name == "ReqBody"])
	n > 5
	f := lib.finding(
		"teo.custom-field-reqbody-count",
		sprintf("%s: %d ReqBody custom fields, at most 5 are allowed", [lib.label("task", t, i), n]),
		sprintf("deliveryTasks[%d].customFields", [i]),
	)
}

# METADATA
# title: Header and cookie names are 1..100 letters, digits and '-'
# description: Start with a letter, end with a letter or digit, letters, digits and '-' in between.
# custom:
#   id: teo.custom-field-header-name
#   severity: error
#   source: EdgeOne CustomField (teo 2022-09-01), Value
deny_custom_field_header_name contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, c in t.customFields
	_header_kinds[c.name]
	v := c.value
	not _header_name_ok(v)
	lib.literal(v)
	f := lib.finding(
		"teo.custom-field-header-name",
		sprintf("%s: %s name %s must be 1..100 characters: a letter first, letters, digits or '-' inside, a letter or digit last", [lib.label("task", t, i), c.name, lib.quote(v)]),
		sprintf("deliveryTasks[%d].customFields[%d].value", [i, j]),
	)
}

_header_name_ok(v) if {
	is_string(v)
	regex.match(`^[A-Za-z]([A-Za-z0-9-]{0,98}[A-Za-z0-9])?$`, v)
}

# METADATA
# title: ReqBody regexes are valid RE2 of at most 4 KB
# custom:
#   id: teo.custom-field-regex
#   severity: error
#   source: EdgeOne CustomField (teo 2022-09-01), Value for ReqBody
deny_custom_field_regex contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some j, c in t.customFields
	c.name == "ReqBody"
	v := c.value
	lib.literal(v)
	some problem in _regex_problems(v)
	f := lib.finding(
		"teo.custom-field-regex",
		sprintf("%s: ReqBody regex %s", [lib.label("task", t, i), problem]),
		sprintf("deliveryTasks[%d].customFields[%d].value", [i, j]),
	)
}

# _regex_problems lists what is wrong with a ReqBody regex (a set, so a value
# that is both too long and invalid reports both).
_regex_problems(v) := {"must be a string"} if not is_string(v)

_regex_problems(v) := {p |
	some p in [_regex_size(v), _regex_syntax(v)]
	p != ""
} if is_string(v)

# hex.encode doubles the UTF-8 byte length: the limit is 4 KB, not 4096 runes.
_regex_size(v) := sprintf("is %d bytes, at most 4096 are allowed", [n]) if {
	n := count(hex.encode(v)) / 2
	n > 4096
} else := ""

_regex_syntax(v) := "is not a valid RE2 regular expression" if {
	not regex.is_valid(v)
} else := ""
