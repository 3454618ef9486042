# Delivery task uniqueness rules (edgeone-logs.md §8). They also count live
# tasks (data.logctl.live.deliveryTasks) that no file declares, since the API
# rejects a task that collides with one already running. Every rule groups
# tasks by its key in one pass (partial rules), so the cost is linear in the
# number of tasks; pairs are only compared inside a group.
package logctl.teo

import data.logctl.lib

# The legacy L7 name counts as today's for uniqueness.
_norm_log_type(lt) := "l7-access-logs" if lt == "domain"

_norm_log_type(lt) := lt if lt != "domain"

# (entity, LogType, Area) may hold one cls task plus one custom_endpoint or
# one s3 task for these log types ...
_shared_log_types := {"l7-access-logs", "application", "function"}

# ... and exactly one task for the security log types.
_security_log_types := {"web-attack", "web-rateLiming", "web-rule", "web-bot"}

# Identities (zoneId, name) the files declare: a live task with the same
# identity is the one being edited, not a second task.
_declared contains [t.zoneId, t.name] if some t in input.deliveryTasks

_live_tasks contains t if {
	some t in data.logctl.live.deliveryTasks
	not _declared[[t.zoneId, t.name]]
}

# _entity_groups[[zone, entity, logType, area]] holds the delivering tasks.
# i is the index in input.deliveryTasks, -1 for a live task.
_entity_groups[[t.zoneId, e, _norm_log_type(t.logType), t.area]] contains m if {
	some i, t in input.deliveryTasks
	t.type != "log_analysis"
	some j, e in t.entities
	m := {"type": t.type, "zone": t.zoneId, "name": t.name, "i": i, "j": j}
}

_entity_groups[[t.zoneId, e, _norm_log_type(t.logType), t.area]] contains m if {
	some t in _live_tasks
	t.type != "log_analysis"
	some e in t.entities
	m := {"type": t.type, "zone": t.zoneId, "name": t.name, "i": -1, "j": -1}
}

# _clash holds when two tasks of these types cannot share an entity.
_clash(a, b) if a == b

_clash("custom_endpoint", "s3")

_clash("s3", "custom_endpoint")

# _rival yields the other members of a group that m collides with under
# the rule for log type lt.
_rival(ms, m, lt) := {o |
	some o in ms
	[o.zone, o.name] != [m.zone, m.name]
	_rivals(m, o, lt)
}

_rivals(m, o, lt) if {
	_shared_log_types[lt]
	_clash(m.type, o.type)
}

_rivals(_, _, lt) if _security_log_types[lt]

_where(o) := "live task" if o.i < 0

_where(o) := "task" if o.i >= 0

# METADATA
# title: An entity has at most one cls plus one custom_endpoint or s3 task
# description: Per (entity, log type, area), for L7 access, application and function logs; live tasks count too.
# custom:
#   id: teo.entity-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), EntityList uniqueness
deny_entity_unique contains f if {
	some key, ms in _entity_groups
	count(ms) > 1
	_shared_log_types[key[2]]
	some m in ms
	m.i >= 0
	some o in _rival(ms, m, key[2])
	f := lib.finding(
		"teo.entity-unique",
		sprintf("task %q: entity %q (%s, %s) is already delivered by %s %s %q; one cls task plus one custom_endpoint or s3 task is the limit", [m.name, key[1], key[2], key[3], o.type, _where(o), o.name]),
		sprintf("deliveryTasks[%d].entities[%d]", [m.i, m.j]),
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
	some key, ms in _entity_groups
	count(ms) > 1
	_security_log_types[key[2]]
	some m in ms
	m.i >= 0
	some o in _rival(ms, m, key[2])
	f := lib.finding(
		"teo.security-entity-unique",
		sprintf("task %q: entity %q (%s, %s) is already delivered by %s %q; this log type allows one task per entity and area", [m.name, key[1], key[2], key[3], _where(o), o.name]),
		sprintf("deliveryTasks[%d].entities[%d]", [m.i, m.j]),
	)
}

# _analysis_groups[[zone, area, logType]] holds the log_analysis tasks.
_analysis_groups[[t.zoneId, t.area, _norm_log_type(t.logType)]] contains m if {
	some i, t in input.deliveryTasks
	t.type == "log_analysis"
	m := {"zone": t.zoneId, "name": t.name, "i": i}
}

_analysis_groups[[t.zoneId, t.area, _norm_log_type(t.logType)]] contains m if {
	some t in _live_tasks
	t.type == "log_analysis"
	m := {"zone": t.zoneId, "name": t.name, "i": -1}
}

# METADATA
# title: At most one log_analysis task per zone, area and log type
# custom:
#   id: teo.log-analysis-unique
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), TaskType log_analysis
deny_log_analysis_unique contains f if {
	some key, ms in _analysis_groups
	count(ms) > 1
	some m in ms
	m.i >= 0
	some o in ms
	o.name != m.name
	f := lib.finding(
		"teo.log-analysis-unique",
		sprintf("task %q: zone %s already has log_analysis %s %q for %s logs in %s; one per zone, area and log type", [m.name, key[0], _where(o), o.name, key[2], key[1]]),
		sprintf("deliveryTasks[%d].type", [m.i]),
	)
}
