# The catalog of predefined Fields per log type and the unknown-field rule
# (edgeone-logs.md §9). No API lists the fields, so the catalog is the set
# seen in vendor examples and field docs; users extend it with a data file
# under --policy (conftest: --data) shaped as
#   {"logctl": {"fields": {"l7-access-logs": ["NewField"]}}}
package logctl.teo

import data.logctl.lib

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
_user_fields[lt] contains name if {
	some lt, names in data.logctl.fields
	some name in names
}

_catalog_types contains lt if some lt, _ in _builtin_fields

_catalog_types contains lt if some lt, _ in data.logctl.fields

_known_field(lt, name) if _builtin_fields[lt][name]

_known_field(lt, name) if _user_fields[lt][name]

# METADATA
# title: Fields are predefined EdgeOne field names
# description: A name outside the catalog is most likely a typo; extend the catalog with data.logctl.fields when EdgeOne adds a field.
# custom:
#   id: teo.unknown-field
#   severity: warning
#   source: EdgeOne real-time log field lists (product docs 1552/105791, 105792)
warn_unknown_field contains f if {
	some i, t in input.deliveryTasks
	lt := _norm_log_type(t.logType)
	_catalog_types[lt]
	some j, name in t.fields
	lib.literal(name)
	not _known_field(lt, name)
	f := lib.finding(
		"teo.unknown-field",
		sprintf("%s: field %s is not a known %s field (add it to data.logctl.fields if EdgeOne introduced it)", [lib.label("task", t, i), lib.quote(name), lt]),
		sprintf("deliveryTasks[%d].fields[%d]", [i, j]),
	)
}
