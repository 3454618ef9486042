# METADATA
# title: EdgeOne real-time log delivery tasks
# description: |
#   Rules for deliveryTasks, the desired form of EdgeOne
#   CreateRealtimeLogDeliveryTask (teo 2022-09-01). This file holds the
#   field-level rules: required fields, enumerations, name and sample range.
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/1552/59507
#     description: CreateRealtimeLogDeliveryTask
package logctl.teo

import data.logctl.lib

# edgeone-logs.md §2: ZoneId, Area, LogType, TaskName, TaskType, EntityList
# and Fields are required on create.
_required := ["name", "zoneId", "type", "logType", "area", "entities", "fields"]

# edgeone-logs.md §6: the enumerations accepted on create.
_task_types := {"cls", "custom_endpoint", "s3", "log_analysis"}

_log_types := {"l7-access-logs", "application", "function", "web-attack"}

# Merged into l7-access-logs; still returned by Describe for old tasks.
_legacy_log_types := {"domain", "web-rateLiming", "web-rule", "web-bot"}

_areas := {"mainland", "overseas"}

# METADATA
# title: Required delivery task fields are set
# description: ZoneId, Area, LogType, TaskName, TaskType, EntityList and Fields are required by CreateRealtimeLogDeliveryTask.
# custom:
#   id: teo.required
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), request parameters
deny_required contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some key in _required
	lib.empty[object.get(t, key, null)]
	f := lib.finding(
		"teo.required",
		sprintf("%s: %s is required", [lib.label("task", t, i), key]),
		lib.field_path("deliveryTasks", i, key),
	)
}

# Required members of custom fields, condition groups, conditions and
# logFormat; _nested_gaps yields [path inside the task, missing key].
deny_required contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	some [p, key] in _nested_gaps(t)
	f := lib.finding(
		"teo.required",
		sprintf("%s: %s.%s is required", [lib.label("task", t, i), p, key]),
		sprintf("deliveryTasks[%d].%s.%s", [i, p, key]),
	)
}

_nested_gaps(t) := (({[sprintf("customFields[%d]", [j]), key] |
	some j, c in t.customFields
	some key in ["name", "value"]
	lib.empty[object.get(c, key, null)]
} | {[sprintf("deliveryConditions[%d]", [j]), "conditions"] |
	some j, g in t.deliveryConditions
	lib.empty[object.get(g, "conditions", null)]
}) | {[sprintf("deliveryConditions[%d].conditions[%d]", [j, k]), key] |
	some j, g in t.deliveryConditions
	some k, c in g.conditions
	some key in ["key", "operator", "value"]
	lib.empty[object.get(c, key, null)]
}) | {["logFormat", "formatType"] |
	is_object(t.logFormat)
	lib.empty[object.get(t.logFormat, "formatType", null)]
}

# METADATA
# title: Task name uses 1..200 of [0-9A-Za-z_-]
# custom:
#   id: teo.name-format
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), TaskName
deny_name_format contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.name
	not regex.match(`^[0-9A-Za-z_-]{1,200}$`, v)
	lib.literal(v)
	f := lib.finding(
		"teo.name-format",
		sprintf("task name %s must be 1..200 characters of digits, letters, '-' and '_'", [lib.quote(v)]),
		lib.field_path("deliveryTasks", i, "name"),
	)
}

# METADATA
# title: Task type is cls, custom_endpoint, s3 or log_analysis
# custom:
#   id: teo.type-enum
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), TaskType
deny_type_enum contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.type
	not _task_types[v]
	lib.literal(v)
	f := lib.finding(
		"teo.type-enum",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("type", v, _task_types)]),
		lib.field_path("deliveryTasks", i, "type"),
	)
}

# METADATA
# title: Log type is a known EdgeOne log type
# custom:
#   id: teo.log-type-enum
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), LogType
deny_log_type_enum contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.logType
	not _log_types[v]
	not _legacy_log_types[v]
	lib.literal(v)
	f := lib.finding(
		"teo.log-type-enum",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("logType", v, _log_types)]),
		lib.field_path("deliveryTasks", i, "logType"),
	)
}

# METADATA
# title: Legacy log type names are merged into l7-access-logs
# description: |
#   domain, web-rateLiming, web-rule and web-bot are still returned for old
#   tasks but no longer accepted for new ones. Without the live state lint
#   cannot tell a task that already runs from a new one, so this is a
#   warning; plan and lint --live add teo.log-type-legacy-new, an error,
#   for a task that does not already run with that log type.
# custom:
#   id: teo.log-type-legacy
#   severity: warning
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), LogType
warn_log_type_legacy contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.logType
	_legacy_log_types[v]
	f := lib.finding(
		"teo.log-type-legacy",
		sprintf("%s: logType %q is a legacy name merged into \"l7-access-logs\": EdgeOne refuses it for new tasks (plan and lint --live report an error unless this task already runs with it); use l7-access-logs", [lib.label("task", t, i), v]),
		lib.field_path("deliveryTasks", i, "logType"),
	)
}

# METADATA
# title: Area is mainland or overseas
# custom:
#   id: teo.area-enum
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), Area
deny_area_enum contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.area
	not _areas[v]
	lib.literal(v)
	f := lib.finding(
		"teo.area-enum",
		sprintf("%s: %s", [lib.label("task", t, i), lib.enum_msg("area", v, _areas)]),
		lib.field_path("deliveryTasks", i, "area"),
	)
}

# METADATA
# title: Sample is a per-mille integer 1..1000
# description: 605 samples 60.5% of the logs; omitted means 1000 (all logs).
# custom:
#   id: teo.sample-range
#   severity: error
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), Sample
deny_sample_range contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	v := t.sample
	not _sample_ok(v)
	v != null
	lib.literal(v)
	f := lib.finding(
		"teo.sample-range",
		sprintf("%s: sample %s must be an integer per-mille value 1..1000 (605 = 60.5%%)", [lib.label("task", t, i), lib.quote(v)]),
		lib.field_path("deliveryTasks", i, "sample"),
	)
}

_sample_ok(v) if {
	lib.integer(v)
	v >= 1
	v <= 1000
}

# edgeone-logs.md §2: a ZoneId is the site id, "zone-" and 12 lowercase
# letters and digits in every id the vendor pages show (zone-2z55fgysdtmc).
# The form is not documented as a rule, so a different one only warns: it
# is most often the site's domain name or a typo, which the API refuses.
_zone_id_shape_ok(z) if regex.match(`^zone-[0-9a-z]{12}$`, z)

_zone_id_shape_ok(z) if contains(z, "${")

# METADATA
# title: zoneId has the form of an EdgeOne site id
# description: EdgeOne site ids are "zone-" followed by 12 lowercase letters and digits (zone-2z55fgysdtmc); the site's domain name is not its id.
# custom:
#   id: teo.zone-id
#   severity: warning
#   source: EdgeOne CreateRealtimeLogDeliveryTask (teo 2022-09-01), ZoneId
warn_zone_id contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	is_string(t.zoneId)
	t.zoneId != ""
	not _zone_id_shape_ok(t.zoneId)
	f := lib.finding(
		"teo.zone-id",
		sprintf("%s: zoneId %s does not look like an EdgeOne site id (zone- and 12 lowercase letters and digits, e.g. zone-2z55fgysdtmc); the console's site list shows it, the domain name is not the id", [lib.label("task", t, i), lib.quote(t.zoneId)]),
		lib.field_path("deliveryTasks", i, "zoneId"),
	)
}
