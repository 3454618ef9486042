package logctl_test.cls

import data.logctl.cls
import data.logctl_test.fixtures as fx

export(patch) := object.union(fx.export, patch)

test_required_fails if {
	x := object.remove(fx.export, ["query", "count", "region"])
	got := fx.paths(cls.deny_required, "cls.required") with input as fx.exports([x, export({"topicId": ""})])
	got == {"exports[0].query", "exports[0].count", "exports[0].region", "exports[1].topicId"}
}

test_required_passes if {
	# region may come from defaults.tencent.region.
	doc := {"defaults": {"tencent": {"region": "ap-guangzhou"}}, "exports": [object.remove(fx.export, ["region"])]}
	count(cls.deny_required) == 0 with input as doc
}

test_count_range_fails if {
	xs := [export({"count": v}) | some v in [0, 50000001, 1.5, "10"]]
	got := fx.paths(cls.deny_count_range, "cls.count-range") with input as fx.exports(xs)
	count(got) == 4
}

test_count_range_passes if {
	xs := [export({"count": v}) | some v in [1, 10000000, 50000000]]
	count(cls.deny_count_range) == 0 with input as fx.exports(xs)
}

test_time_format_fails if {
	xs := [export({"from": "2020-12-09 07:31:47"}), export({"to": "yesterday"}), export({"from": 1.5})]
	got := fx.paths(cls.deny_time_format, "cls.time-format") with input as fx.exports(xs)
	got == {"exports[0].from", "exports[1].to", "exports[2].from"}
}

test_time_format_passes if {
	xs := [
		fx.export,
		export({"from": 1607499107000, "to": 1607499207000}),
		export({"from": "1607499107000", "to": "2020-12-09T15:33:27+08:00"}),
		export({"from": "${env:EXPORT_FROM}"}),
	]
	count(cls.deny_time_format) == 0 with input as fx.exports(xs)
}

test_time_range_fails if {
	xs := [
		export({"from": "2020-12-09T07:33:27Z", "to": "2020-12-09T07:31:47Z"}),
		export({"from": 1607499107000, "to": 1607499107000}),
		# Mixed forms compare by instant: 07:33:27Z is after 15:31:47+08:00.
		export({"from": "2020-12-09T07:33:27Z", "to": "2020-12-09T15:31:47+08:00"}),
	]
	got := fx.paths(cls.deny_time_range, "cls.time-range") with input as fx.exports(xs)
	got == {"exports[0].to", "exports[1].to", "exports[2].to"}
}

test_time_range_passes if {
	xs := [fx.export, export({"from": 1607499107000, "to": "2020-12-09T07:33:27Z"})]
	count(cls.deny_time_range) == 0 with input as fx.exports(xs)
}

test_order_enum_fails if {
	got := fx.paths(cls.deny_order_enum, "cls.order-enum") with input as fx.exports([export({"order": "newest"})])
	got == {"exports[0].order"}
}

test_order_enum_passes if {
	xs := [export({"order": "asc"}), export({"order": "desc"}), object.remove(fx.export, ["order"])]
	count(cls.deny_order_enum) == 0 with input as fx.exports(xs)
}

test_format_enum_fails if {
	got := fx.paths(cls.deny_format_enum, "cls.format-enum") with input as fx.exports([export({"format": "parquet"})])
	got == {"exports[0].format"}
}

test_format_enum_passes if {
	xs := [export({"format": "json"}), export({"format": "csv"}), object.remove(fx.export, ["format"])]
	count(cls.deny_format_enum) == 0 with input as fx.exports(xs)
}

test_syntax_rule_fails if {
	xs := [export({"syntaxRule": 2}), export({"syntaxRule": "CQL"})]
	got := fx.paths(cls.deny_syntax_rule, "cls.syntax-rule") with input as fx.exports(xs)
	got == {"exports[0].syntaxRule", "exports[1].syntaxRule"}
}

test_syntax_rule_passes if {
	xs := [export({"syntaxRule": 0}), export({"syntaxRule": 1}), object.remove(fx.export, ["syntaxRule"])]
	count(cls.deny_syntax_rule) == 0 with input as fx.exports(xs)
}

test_query_pipe_fails if {
	xs := [export({"query": "status:200 | select count(*) as n"}), export({"query": `"a|b" | select 1`})]
	got := fx.paths(cls.deny_query_pipe, "cls.query-pipe") with input as fx.exports(xs)
	got == {"exports[0].query", "exports[1].query"}
}

test_query_pipe_passes if {
	xs := [fx.export, export({"query": `message:"a|b" AND status:500`})]
	count(cls.deny_query_pipe) == 0 with input as fx.exports(xs)
}
