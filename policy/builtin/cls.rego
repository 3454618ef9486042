# METADATA
# title: CLS log exports
# description: |
#   Rules for exports, the desired form of CLS CreateExport (cls 2020-10-16):
#   a one-shot export job of up to 50,000,000 log lines.
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/614/56451
#     description: CreateExport
package logctl.cls

import data.logctl.lib

# cls-export.md §2: TopicId, Count, Query, From and To are required; logctl
# also needs a region (here or in defaults.tencent.region) and a name.
_required := ["name", "topicId", "query", "count", "from", "to"]

_orders := {"asc", "desc"}

_formats := {"json", "csv"}

_syntax_rules := {0, 1}

# METADATA
# title: Required export fields are set
# custom:
#   id: cls.required
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), request parameters
deny_required contains f if {
	some i, x in input.exports
	some key in _required
	lib.empty[object.get(x, key, null)]
	f := lib.finding(
		"cls.required",
		sprintf("%s: %s is required", [lib.label("export", x, i), key]),
		lib.field_path("exports", i, key),
	)
}

deny_required contains f if {
	some i, x in input.exports
	lib.empty[object.get(x, "region", null)]
	lib.empty[object.get(input, ["defaults", "tencent", "region"], null)]
	f := lib.finding(
		"cls.required",
		sprintf("%s: region is required (here or in defaults.tencent.region)", [lib.label("export", x, i)]),
		lib.field_path("exports", i, "region"),
	)
}

# METADATA
# title: Count is 1..50,000,000 log lines
# description: The cap was 10,000,000 before 2022-03 and is 50,000,000 since.
# custom:
#   id: cls.count-range
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), Count
deny_count_range contains f if {
	some i, x in input.exports
	v := x.count
	not _count_ok(v)
	v != null
	lib.literal(v)
	f := lib.finding(
		"cls.count-range",
		sprintf("%s: count %s must be an integer 1..50000000", [lib.label("export", x, i), lib.quote(v)]),
		lib.field_path("exports", i, "count"),
	)
}

_count_ok(v) if {
	lib.integer(v)
	v >= 1
	v <= 50000000
}

# _ms converts a time to epoch milliseconds: an integer is taken as epoch
# milliseconds (the API's unit), a string as digits or as RFC 3339. It is
# undefined for anything else.
_ms(v) := v if {
	lib.integer(v)
} else := to_number(v) if {
	regex.match(`^[0-9]{1,16}$`, v)
} else := time.parse_rfc3339_ns(v) / 1000000 if {
	is_string(v)
}

# _times[i] is [from, to] of exports[i] in epoch milliseconds, null where a
# value does not parse: one conversion per value for both time rules.
_times := {i: [_ms_or_null(object.get(x, "from", null)), _ms_or_null(object.get(x, "to", null))] | some i, x in input.exports}

_ms_or_null(v) := ms if {
	ms := _ms(v)
} else := null

# METADATA
# title: from and to are RFC 3339 times or epoch milliseconds
# custom:
#   id: cls.time-format
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), From and To
deny_time_format contains f if {
	some i, times in _times
	some k, key in ["from", "to"]
	times[k] == null
	x := input.exports[i]
	v := x[key]
	v != null
	lib.literal(v)
	f := lib.finding(
		"cls.time-format",
		sprintf("%s: %s %s is neither an RFC 3339 time (2020-12-09T07:31:47Z) nor epoch milliseconds", [lib.label("export", x, i), key, lib.quote(v)]),
		lib.field_path("exports", i, key),
	)
}

# METADATA
# title: from is before to
# custom:
#   id: cls.time-range
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), From and To
deny_time_range contains f if {
	some i, [from, to] in _times
	from != null
	to != null
	from >= to
	x := input.exports[i]
	f := lib.finding(
		"cls.time-range",
		sprintf("%s: from (%s) must be before to (%s)", [lib.label("export", x, i), lib.quote(x.from), lib.quote(x.to)]),
		lib.field_path("exports", i, "to"),
	)
}

# METADATA
# title: order is asc or desc
# custom:
#   id: cls.order-enum
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), Order
deny_order_enum contains f if {
	some i, x in input.exports
	v := x.order
	not _orders[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"cls.order-enum",
		sprintf("%s: %s", [lib.label("export", x, i), lib.enum_msg("order", v, _orders)]),
		lib.field_path("exports", i, "order"),
	)
}

# METADATA
# title: format is json or csv
# custom:
#   id: cls.format-enum
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), Format
deny_format_enum contains f if {
	some i, x in input.exports
	v := x.format
	not _formats[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"cls.format-enum",
		sprintf("%s: %s", [lib.label("export", x, i), lib.enum_msg("format", v, _formats)]),
		lib.field_path("exports", i, "format"),
	)
}

# METADATA
# title: syntaxRule is 0 (Lucene) or 1 (CQL)
# custom:
#   id: cls.syntax-rule
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), SyntaxRule
deny_syntax_rule contains f if {
	some i, x in input.exports
	v := x.syntaxRule
	not _syntax_rules[v]
	v != null
	lib.literal(v)
	f := lib.finding(
		"cls.syntax-rule",
		sprintf("%s: syntaxRule %s must be 0 (Lucene) or 1 (CQL)", [lib.label("export", x, i), lib.quote(v)]),
		lib.field_path("exports", i, "syntaxRule"),
	)
}

# METADATA
# title: The export query has no SQL pipe
# description: CreateExport takes a search statement only; SQL analysis after '|' is not supported. A '|' inside double quotes is a search term and allowed.
# custom:
#   id: cls.query-pipe
#   severity: error
#   source: CLS CreateExport (cls 2020-10-16), Query
deny_query_pipe contains f if {
	some i, x in input.exports
	q := x.query
	is_string(q)
	contains(q, "|")
	contains(regex.replace(q, `"(?:[^"\\]|\\.)*"`, ""), "|")
	f := lib.finding(
		"cls.query-pipe",
		sprintf("%s: query has a SQL pipe '|'; exports take a search statement only, drop the '| ...' analysis part", [lib.label("export", x, i)]),
		lib.field_path("exports", i, "query"),
	)
}
