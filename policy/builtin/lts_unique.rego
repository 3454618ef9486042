# A log stream belongs to at most one transfer (huawei-lts-transfer.md §4
# LTS.0207, §10). Live dumps that no file declares count too. Rows of
# (stream, dump) are sorted so that equal streams are adjacent: linear
# (n log n) cost, no pairwise comparison and no variable ref-head grouping.
package logctl.lts

import data.logctl.lib

# _identity is the dump identity of design §3, with the defaults applied.
_identity(d) := [
	object.get(d, "region", object.get(_defaults, "region", "")),
	object.get(d, "projectId", object.get(_defaults, "projectId", "")),
	object.get(d, "logGroupId", ""),
	object.get(d, "bucket", ""),
]

_declared := {_identity(d) | some d in input.dumps}

# A row is [stream, i, j, name]; i is the index in input.dumps, -1 when live.
_stream_rows := sort(array.concat(
	[[s, i, j, object.get(d, "name", "")] |
		some i, d in input.dumps
		some j, s in d.logStreamIds
	],
	[[s, -1, -1, object.get(d, "name", "")] |
		some d in data.logctl.live.dumps
		not _declared[_identity(d)]
		some s in d.logStreamIds
	],
))

_stream_clashes := {[a, b] |
	count(_stream_rows) > 1
	some p in numbers.range(1, count(_stream_rows) - 1)
	a := _stream_rows[p - 1]
	b := _stream_rows[p]
	a[0] == b[0]
	a[1] != b[1]
}

_where(row) := sprintf("live dump %q", [row[3]]) if row[1] < 0

_where(row) := sprintf("dumps[%d] %q", [row[1], row[3]]) if row[1] >= 0

# METADATA
# title: A log stream is transferred by at most one dump
# custom:
#   id: lts.stream-unique
#   severity: error
#   source: Huawei LTS CreateTransfer, error LTS.0207 (stream already associated with a transfer)
deny_stream_unique contains f if {
	some pair in _stream_clashes
	some [m, o] in [pair, [pair[1], pair[0]]]
	m[1] >= 0
	f := lib.finding(
		"lts.stream-unique",
		sprintf("dump %q: log stream %s is already transferred by %s; a stream belongs to one transfer", [m[3], m[0], _where(o)]),
		sprintf("dumps[%d].logStreamIds[%d]", [m[1], m[2]]),
	)
}
