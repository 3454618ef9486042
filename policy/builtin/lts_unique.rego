# A log stream belongs to at most one transfer (huawei-lts-transfer.md §4
# LTS.0207, §10). Live dumps that no file declares count too. Dumps are
# grouped by stream id in one pass, so the cost is linear.
package logctl.lts

import data.logctl.lib

# _identity is the dump identity of design §3, with the defaults applied.
_identity(d) := [
	object.get(d, "region", object.get(_defaults, "region", "")),
	object.get(d, "projectId", object.get(_defaults, "projectId", "")),
	object.get(d, "logGroupId", ""),
	object.get(d, "bucket", ""),
]

_declared contains _identity(d) if some d in input.dumps

_stream_groups[s] contains m if {
	some i, d in input.dumps
	some j, s in d.logStreamIds
	m := {"name": object.get(d, "name", ""), "i": i, "j": j}
}

_stream_groups[s] contains m if {
	some d in data.logctl.live.dumps
	not _declared[_identity(d)]
	some s in d.logStreamIds
	m := {"name": object.get(d, "name", ""), "i": -1, "j": -1}
}

_where(o) := "live dump" if o.i < 0

_where(o) := sprintf("dumps[%d]", [o.i]) if o.i >= 0

# METADATA
# title: A log stream is transferred by at most one dump
# custom:
#   id: lts.stream-unique
#   severity: error
#   source: Huawei LTS CreateTransfer, error LTS.0207 (stream already associated with a transfer)
deny_stream_unique contains f if {
	some s, ms in _stream_groups
	count(ms) > 1
	some m in ms
	m.i >= 0
	some o in ms
	o.i != m.i
	f := lib.finding(
		"lts.stream-unique",
		sprintf("dump %q: log stream %s is already transferred by %s %q; a stream belongs to one transfer", [m.name, s, _where(o), o.name]),
		sprintf("dumps[%d].logStreamIds[%d]", [m.i, m.j]),
	)
}
