# The privacy.* rules: which personal data leaves for where (issue "what
# data goes where"). All are warnings unless the team raises one with
# data.logctl.privacy.severity (privacy_flows.rego); each has a warn_ and a
# deny_ form so that conftest sees the raised severity too. Waive one in
# package logctl.privacy with exception contains ["pii_field"] etc.
package logctl.privacy

import data.logctl.lib

# METADATA
# title: Personal data stays inside the account's own services
# description: Client IPs, URLs with query strings, cookies, Authorization/Cookie/Set-Cookie headers and request bodies sent to a custom endpoint or a third-party S3 store. Raise with data.logctl.privacy.severity; list the team's own hosts in ownHosts.
# custom:
#   id: privacy.pii-field
#   severity: warning
#   source: logctl design, data governance (privacy_catalog.rego)
warn_pii_field contains f if {
	not _raised("privacy.pii-field")
	some f in _pii_field
}

deny_pii_field contains f if {
	_raised("privacy.pii-field")
	some f in _pii_field
}

_pii_field contains f if {
	some i, items in _pii
	_dest[i].external
	f := lib.finding(
		"privacy.pii-field",
		sprintf("%s: personal data (%s) leaves the account's own services", [_flow(i), _pii_names(i)]),
		lib.field_path("deliveryTasks", i, items[0].key),
	)
}

# METADATA
# title: Logs stay in the jurisdiction of the traffic they record
# description: Personal data whose source (EdgeOne area) and destination (CLS/S3 region, endpoint host in data.logctl.privacy.hostJurisdictions) lie on different sides of the mainland China border, or that goes to a host whose jurisdiction is unknown. logctl map shows every crossing, personal or not.
# custom:
#   id: privacy.cross-border
#   severity: warning
#   source: EdgeOne Area (teo 2022-09-01); logctl privacy catalog regions
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/1552/59507
#     description: CreateRealtimeLogDeliveryTask
warn_cross_border contains f if {
	not _raised("privacy.cross-border")
	some f in _cross_border
}

deny_cross_border contains f if {
	_raised("privacy.cross-border")
	some f in _cross_border
}

_cross_border contains f if {
	some i, _ in _pii
	d := _dest[i]
	t := input.deliveryTasks[i]
	dc := _class(d.jur)
	dc != t.area
	t.area in {"mainland", "overseas"}
	f := lib.finding(
		"privacy.cross-border",
		sprintf("%s: personal data (%s) of %s traffic goes to %s (%s)", [_flow(i), _pii_names(i), t.area, d.jur, dc]),
		lib.field_path("deliveryTasks", i, d.where),
	)
}

_cross_border contains f if {
	some i, _ in _pii
	d := _dest[i]
	d.jur == "unknown"
	f := lib.finding(
		"privacy.cross-border",
		sprintf("%s: personal data (%s) goes to a destination of unknown jurisdiction; declare it in data.logctl.privacy.hostJurisdictions", [_flow(i), _pii_names(i)]),
		lib.field_path("deliveryTasks", i, d.where),
	)
}

# METADATA
# title: Personal data travels encrypted
# description: Personal data to an http:// custom endpoint or S3 endpoint, or with protocol http; extends teo.insecure-endpoint.
# custom:
#   id: privacy.plaintext-transport
#   severity: warning
#   source: EdgeOne CustomEndpoint (teo 2022-09-01), Url and Protocol; S3 Endpoint
# related_resources:
#   - ref: https://cloud.tencent.com/document/api/1552/59507
#     description: CreateRealtimeLogDeliveryTask
warn_plaintext_transport contains f if {
	not _raised("privacy.plaintext-transport")
	some f in _plaintext_transport
}

deny_plaintext_transport contains f if {
	_raised("privacy.plaintext-transport")
	some f in _plaintext_transport
}

_plaintext_transport contains f if {
	some i, _ in _pii
	some key in _plaintext_keys(input.deliveryTasks[i])
	f := lib.finding(
		"privacy.plaintext-transport",
		sprintf("%s: personal data (%s) travels unencrypted (%s)", [_flow(i), _pii_names(i), key]),
		lib.field_path("deliveryTasks", i, key),
	)
}

_plaintext_keys(t) := {k |
	some block, key in {"customEndpoint": "url", "s3": "endpoint"}
	startswith(lower(t[block][key]), "http://")
	k := sprintf("%s.%s", [block, key])
} | {"customEndpoint.protocol" | lower(t.customEndpoint.protocol) == "http"}

# METADATA
# title: Personal data is sampled below the team's maximum
# description: With data.logctl.privacy.maxSample set, a task carrying personal data at a higher sample (per mille; omitted means 1000).
# custom:
#   id: privacy.unsampled-pii
#   severity: warning
#   source: logctl design, data governance (data.logctl.privacy.maxSample)
warn_unsampled_pii contains f if {
	not _raised("privacy.unsampled-pii")
	some f in _unsampled_pii
}

deny_unsampled_pii contains f if {
	_raised("privacy.unsampled-pii")
	some f in _unsampled_pii
}

_unsampled_pii contains f if {
	max := data.logctl.privacy.maxSample
	is_number(max)
	some i, _ in _pii
	t := input.deliveryTasks[i]
	s := object.get(t, "sample", 1000)
	is_number(s)
	s > max
	f := lib.finding(
		"privacy.unsampled-pii",
		sprintf("%s: personal data (%s) at sample %v per mille, above the team's maximum of %v", [_flow(i), _pii_names(i), s, max]),
		_sample_path(t, i),
	)
}

_sample_path(t, i) := lib.field_path("deliveryTasks", i, "sample") if lib.present(t, "sample")

_sample_path(t, i) := lib.resource_path("deliveryTasks", i) if not lib.present(t, "sample")
