# Dump rules on log group and stream ids (huawei-lts-transfer.md §4, §6,
# §10.1): their length, their number per transfer, no stream twice.
package logctl.lts

import data.logctl.lib

# §10.1: LTS ids are 36 characters (a UUID).
_id_length := 36

# §4: the old log-dump/obs API takes 1..100 log_stream_ids. §6: the
# transfers API documents 1..1000 log_streams in responses; its request
# maximum is UNCONFIRMED, so the documented response bound is used.
_max_streams := {"log-dump": 100, "transfers": 1000}

_create_api := object.get(_defaults, "createApi", "transfers")

# METADATA
# title: A dump transfers at most 100 (log-dump API) or 1,000 (transfers API) streams
# custom:
#   id: lts.stream-count
#   severity: error
#   source: Huawei LTS CreateLogDumpObs (log_stream_ids, 1..100) and CreateTransfer (log_streams, 1..1000)
deny_stream_count contains f if {
	some i, d in input.dumps
	n := count(d.logStreamIds)
	limit := object.get(_max_streams, _create_api, 1000)
	n > limit
	f := lib.finding(
		"lts.stream-count",
		sprintf("%s: %d log streams, but the %s API takes at most %d per transfer; split them over several dumps", [lib.label("dump", d, i), n, _create_api, limit]),
		lib.field_path("dumps", i, "logStreamIds"),
	)
}

# §6: the transfers API documents up to 1,000 log_streams in its responses,
# but not the most a request may send; the old API's 100 is the other
# plausible reading. Between the two, warn before an apply that may fail.
_documented_request_max := 100

# METADATA
# title: More than 100 streams in one transfer may be refused
# description: >-
#   The transfers API's request maximum is undocumented (responses list up to
#   1,000 streams, the older log-dump API takes 100). A dump above 100 may be
#   refused on create; splitting it over dumps of at most 100 streams works
#   under either reading.
# custom:
#   id: lts.stream-count-unconfirmed
#   severity: warning
#   source: Huawei LTS CreateTransfer, log_streams (request maximum undocumented)
warn_stream_count_unconfirmed contains f if {
	_create_api == "transfers"
	some i, d in input.dumps
	n := count(d.logStreamIds)
	n > _documented_request_max
	n <= _max_streams.transfers
	f := lib.finding(
		"lts.stream-count-unconfirmed",
		sprintf("%s: %d log streams; the transfers API does not document how many one request may send (the log-dump API takes %d), so it may refuse this dump; dumps of at most %d streams work either way", [lib.label("dump", d, i), n, _documented_request_max, _documented_request_max]),
		lib.field_path("dumps", i, "logStreamIds"),
	)
}

# METADATA
# title: Log group and stream ids are 36 characters
# custom:
#   id: lts.id-length
#   severity: error
#   source: Huawei LTS CreateTransfer, log_group_id and log_stream_id (36 characters)
deny_id_length contains f if {
	some i, d in input.dumps
	some [path, v] in _ids(d)
	is_string(v)
	v != ""
	count(v) != _id_length
	lib.literal(v)
	f := lib.finding(
		"lts.id-length",
		sprintf("%s: %s %s has %d characters; LTS ids have %d", [lib.label("dump", d, i), path, lib.quote(v), count(v), _id_length]),
		sprintf("dumps[%d].%s", [i, path]),
	)
}

_ids(d) := {["logGroupId", d.logGroupId]} | {[sprintf("logStreamIds[%d]", [j]), s] | some j, s in d.logStreamIds}

# METADATA
# title: A dump lists each log stream once
# custom:
#   id: lts.stream-repeat
#   severity: error
#   source: Huawei LTS CreateTransfer, log_streams (each stream once)
deny_stream_repeat contains f if {
	some i, d in input.dumps
	xs := d.logStreamIds
	count({s | some s in xs}) != count(xs) # only dumps with a repeat are searched
	some j, s in xs
	first := min({k | some k, x in xs; x == s})
	first < j
	f := lib.finding(
		"lts.stream-repeat",
		sprintf("%s: logStreamIds[%d] repeats %s (item %d)", [lib.label("dump", d, i), j, lib.quote(s), first]),
		sprintf("dumps[%d].logStreamIds[%d]", [i, j]),
	)
}
