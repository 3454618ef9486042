# The catalog of predefined Fields per log type and the unknown-field rule
# (edgeone-logs.md §9). No API lists the fields, so the catalog is the set
# seen in vendor examples and field docs; users extend it with a data file
# under --policy (conftest: --data) shaped as
#   {"logctl": {"fields": {"l7-access-logs": ["NewField"]}}}
package logctl.teo

import data.logctl.lib

# norm_log_type maps legacy names to today's: domain was merged into
# l7-access-logs. Unknown log types have no entry and drop out of the
# catalog and uniqueness checks (teo.log-type-enum reports them).
norm_log_type := {
	"l7-access-logs": "l7-access-logs", "domain": "l7-access-logs",
	"application": "application", "function": "function",
	"web-attack": "web-attack", "web-rateLiming": "web-rateLiming",
	"web-rule": "web-rule", "web-bot": "web-bot",
}

_l7_fields := {
	"RequestID", "ClientIP", "ClientRegion", "RequestTime", "RequestHost",
	"RequestBytes", "RequestMethod", "RequestUrl", "RequestUrlQueryString",
	"RequestUA", "RequestRange", "RequestReferer", "RequestProtocol",
	"RemotePort", "EdgeCacheStatus", "EdgeResponseStatusCode",
	"EdgeResponseBytes", "EdgeResponseTime", "EdgeInternalTime", "ClientState",
	"ClientISP", "EdgeServerID", "EdgeServerIP", "ContentID", "EdgeEndTime",
	"EdgeFunctionSubrequest", "EdgeSeverRegion", "LogTime", "ParentRequestID",
	"RequestStatus", "RequestSSLProtocol", "ClientDeviceType",
	"SecurityAction", "SecurityRuleID", "SecurityUserNote", "SecurityModule",
}

# The vendor spells Disconnet… this way; do not "correct" it.
_l4_fields := {
	"ServiceID", "ConnectTimeStamp", "DisconnetTimeStamp", "DisconnetReason",
	"ClientRealIP", "ClientRegion", "EdgeIP", "ForwardProtocol", "ForwardPort",
	"SentBytes", "ReceivedBytes", "LogTimeStamp",
}

# Built-in catalogs; log types without one (function, web-attack) are only
# checked when a data file supplies a catalog for them.
_builtin_fields := {"l7-access-logs": _l7_fields, "application": _l4_fields}

# _user_fields[logType] holds the names a data file adds.
_user_fields := {lt: {name | some name in names} | some lt, names in data.logctl.fields}

_catalog_types := {lt | some lt, _ in _builtin_fields} | {lt | some lt, _ in data.logctl.fields}

# _catalog[logType] is the built-in catalog plus what data files add.
_catalog := {lt: names |
	some lt in _catalog_types
	names := object.get(_builtin_fields, lt, set()) | object.get(_user_fields, lt, set())
}

_known_field(lt, name) if _catalog[lt][name]

# METADATA
# title: Fields are predefined EdgeOne field names
# description: |
#   A name outside the catalog is most likely a typo, and the API may refuse
#   it. When EdgeOne adds a field, extend the catalog with data.logctl.fields
#   (a data file under --policy; examples/policies/fields.json).
# custom:
#   id: teo.unknown-field
#   severity: error
#   source: EdgeOne real-time log field lists (product docs 1552/105791, 105792)
deny_unknown_field contains f if {
	some i in _suspects
	t := input.deliveryTasks[i]
	lt := norm_log_type[t.logType]
	_catalog_types[lt]
	some j, name in t.fields
	lib.literal(name)
	not _known_field(lt, name)
	f := object.union(
		lib.finding(
			"teo.unknown-field",
			sprintf("%s: field %s is not a known %s field; if EdgeOne added it, list it in data.logctl.fields (a data file under --policy)", [lib.label("task", t, i), lib.quote(name), lt]),
			sprintf("deliveryTasks[%d].fields[%d]", [i, j]),
		),
		# logctl adds "did you mean" from the names closest to the value.
		{"suggest": {"value": name, "from": sort(_catalog[lt])}},
	)
}
