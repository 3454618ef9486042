# Delivery task uniqueness rules (edgeone-logs.md §8), in a package of their
# own so that the engine evaluates them in parallel with the per-task rules.
# They also count live tasks (data.logctl.live.deliveryTasks) that no file
# declares, since the API rejects a task that collides with a running one.
#
# Cost is linear (n log n): each rule builds one row per (task, entity),
# sorts the rows so that rows sharing a key are adjacent, and compares
# neighbours only. (OPA evaluates grouping rules with variable ref heads,
# p[k] contains v, in quadratic time, and pairwise comprehensions are
# quadratic by construction.)

# METADATA
# title: EdgeOne delivery task uniqueness
# description: |
#   Per-entity and per-zone limits on delivery tasks, counted over the files
#   and the live tasks no file declares.
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/1552/59507
#     description: CreateRealtimeLogDeliveryTask
package logctl.teo.unique

import data.logctl.lib
import data.logctl.teo

# (entity, LogType, Area) may hold one cls task plus one custom_endpoint or
# one s3 task for these log types: a cls class and a destination class,
# each allowing one task ...
_shared_class := {"cls": "cls", "custom_endpoint": "endpoint or s3", "s3": "endpoint or s3"}

_shared_log_types := {"l7-access-logs", "application", "function"}

# ... and exactly one task of any type for the security log types.
_security_log_types := {"web-attack", "web-rateLiming", "web-rule", "web-bot"}

# Identities (zoneId, name) the files declare: a live task with the same
# identity is the one being edited, not a second task.
_declared := {[t.zoneId, t.name] | some t in input.deliveryTasks}

_live_tasks := [t |
	some t in data.logctl.live.deliveryTasks
	not _declared[[t.zoneId, t.name]]
]

# _class_of[type][logType] is the slot a task takes on each of its
# entities; log_analysis tasks and unknown types take none.
_class_of := {ty: {lt: c |
	some lt in teo.norm_log_type
	c := _row_class(ty, lt)
} |
	some ty, _ in _shared_class
}

_row_class(type, lt) := _shared_class[type] if _shared_log_types[lt]

_row_class(_, lt) := "any" if _security_log_types[lt]

# A row is [class, zone, entity, logType, area, i, j, type, name]: one per
# entity of a task, i its index in input.deliveryTasks (-1 for a live task),
# j the entity's index. Rows equal in the first five columns compete for
# the same slot. Flat rows keep the sort cheap.
_entity_rows := sort(array.concat(
	[[class, t.zoneId, e, lt, t.area, i, j, t.type, t.name] |
		some i, t in input.deliveryTasks
		lt := teo.norm_log_type[t.logType]
		class := _class_of[t.type][lt]
		some j, e in t.entities
	],
	[[class, t.zoneId, e, lt, t.area, -1, -1, t.type, t.name] |
		some t in _live_tasks
		lt := teo.norm_log_type[t.logType]
		class := _class_of[t.type][lt]
		some e in t.entities
	],
))

# _neighbours yields [a, b] for adjacent sorted rows whose first n columns
# are equal and that belong to two different tasks (zone, name).
_neighbours(rows, n) := {[a, b] |
	count(rows) > 1
	some p in numbers.range(1, count(rows) - 1)
	a := rows[p - 1]
	b := rows[p]
	array.slice(a, 0, n) == array.slice(b, 0, n)
	[a[1], a[8]] != [b[1], b[8]]
}

_entity_clashes := _neighbours(_entity_rows, 5)

# _reported yields [row, other] for each declared row of a clash.
_reported := {[m, o] |
	some [a, b] in _entity_clashes
	some [m, o] in [[a, b], [b, a]]
	m[5] >= 0
}

_who(row) := sprintf("live task %q", [row[8]]) if row[5] < 0

_who(row) := sprintf("task %q", [row[8]]) if row[5] >= 0

# METADATA
# title: An entity has at most one cls plus one custom_endpoint or s3 task
# description: Per (entity, log type, area), for L7 access, application and function logs; live tasks count too.
# custom:
#   id: teo.entity-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), EntityList uniqueness
deny_entity_unique contains f if {
	some [m, o] in _reported
	m[0] != "any"
	f := lib.finding(
		"teo.entity-unique",
		sprintf("task %q: entity %q (%s, %s) is already delivered by %s %s; one cls task plus one custom_endpoint or s3 task is the limit", [m[8], m[2], m[3], m[4], o[7], _who(o)]),
		sprintf("deliveryTasks[%d].entities[%d]", [m[5], m[6]]),
	)
}

# METADATA
# title: A security log type has one task per entity
# description: Per (entity, log type, area), for web-attack and the legacy security log types; live tasks count too.
# custom:
#   id: teo.security-entity-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), EntityList uniqueness
deny_security_entity_unique contains f if {
	some [m, o] in _reported
	m[0] == "any"
	f := lib.finding(
		"teo.security-entity-unique",
		sprintf("task %q: entity %q (%s, %s) is already delivered by %s; this log type allows one task per entity and area", [m[8], m[2], m[3], m[4], _who(o)]),
		sprintf("deliveryTasks[%d].entities[%d]", [m[5], m[6]]),
	)
}

# Rows [_, zone, area, logType, _, i, _, type, name] of the log_analysis
# tasks, shaped like entity rows so that _neighbours applies.
_analysis_rows := sort(array.concat(
	[["log_analysis", t.zoneId, t.area, lt, "", i, 0, t.type, t.name] |
		some i, t in input.deliveryTasks
		t.type == "log_analysis"
		lt := teo.norm_log_type[t.logType]
	],
	[["log_analysis", t.zoneId, t.area, lt, "", -1, 0, t.type, t.name] |
		some t in _live_tasks
		t.type == "log_analysis"
		lt := teo.norm_log_type[t.logType]
	],
))

# METADATA
# title: At most one log_analysis task per zone, area and log type
# custom:
#   id: teo.log-analysis-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), TaskType log_analysis
deny_log_analysis_unique contains f if {
	some pair in _neighbours(_analysis_rows, 4)
	some [x, y] in [pair, [pair[1], pair[0]]]
	x[5] >= 0
	f := lib.finding(
		"teo.log-analysis-unique",
		sprintf("task %q: zone %s already has log_analysis %s for %s logs in %s; one per zone, area and log type", [x[8], x[1], _who(y), x[3], x[2]]),
		sprintf("deliveryTasks[%d].type", [x[5]]),
	)
}
