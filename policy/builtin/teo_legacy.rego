# Legacy log types against the live state, in a package of its own: it is
# the only per-task rule that reads data.logctl.live, and the live pass
# re-runs only the packages that do (policy/live_deps.go).

# METADATA
# title: EdgeOne legacy log types for tasks that already run
# description: |
#   Whether a task with a legacy log type may stay: it may when it already
#   runs with that log type, since EdgeOne still serves old tasks.
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/1552/59507
#     description: CreateRealtimeLogDeliveryTask
package logctl.teo.legacy

import data.logctl.lib
import data.logctl.teo

# _running holds the identity (zoneId, name) of every live task with the
# fields whose change replaces it (type, logType, area): a task kept only
# if the plan does not create it anew.
_running := {_key(t) | some t in data.logctl.live.deliveryTasks}

_key(t) := [t.zoneId, t.name, t.logType, t.type, t.area]

# METADATA
# title: New tasks do not use a legacy log type
# description: |
#   domain, web-rateLiming, web-rule and web-bot were merged into
#   l7-access-logs; newer vendor models say a task can no longer be created
#   with them. Only seen with the live state (plan, lint --live): a task
#   that does not already run with that log type would be created.
# custom:
#   id: teo.log-type-legacy-new
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), LogType (edgeone-logs.md §6)
deny_log_type_legacy_new contains f if {
	data.logctl.live
	some i, t in input.deliveryTasks
	teo._legacy_log_types[t.logType]
	not _running[_key(t)]
	f := lib.finding(
		"teo.log-type-legacy-new",
		sprintf("%s: logType %q cannot be used for a new task (it was merged into \"l7-access-logs\"); only a task that already runs with it may keep it, and no task named %q runs in zone %s with this logType, type and area (a change of any of them creates the task anew)", [lib.label("task", t, i), t.logType, t.name, t.zoneId]),
		lib.field_path("deliveryTasks", i, "logType"),
	)
}
