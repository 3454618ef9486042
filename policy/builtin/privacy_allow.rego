# privacy.destination-allowlist: destinations outside the team's allow-list
# data.logctl.privacy.allow {hosts, buckets, regions}. Each list that is
# given constrains the destinations that have that attribute: hosts the
# custom endpoint and S3 hosts, buckets the S3 and OBS buckets, regions the
# CLS, S3 and LTS regions. Without an allow-list the rule is silent.
package logctl.privacy

import data.logctl.lib

# METADATA
# title: Destinations are on the team's allow-list
# description: A delivery task or LTS dump whose host, bucket or region is not in data.logctl.privacy.allow.
# custom:
#   id: privacy.destination-allowlist
#   severity: warning
#   source: logctl design, data governance (data.logctl.privacy.allow)
warn_destination_allowlist contains f if {
	not _raised("privacy.destination-allowlist")
	some f in _destination_allowlist
}

deny_destination_allowlist contains f if {
	_raised("privacy.destination-allowlist")
	some f in _destination_allowlist
}

# _attrs names, per attribute of a destination, the allow-list key and the
# YAML key that sets it.
_task_attrs := {"host": ["hosts", {"custom_endpoint": "customEndpoint.url", "s3": "s3.endpoint"}], "bucket": ["buckets", {"s3": "s3.bucket"}], "region": ["regions", {"cls": "cls.logSetRegion", "s3": "s3.region"}]}

_destination_allowlist contains f if {
	allow := data.logctl.privacy.allow
	some i, t in input.deliveryTasks
	d := _describe(t.type, object.get(t, _dest_block[t.type], null))
	some attr, spec in _task_attrs
	list := allow[spec[0]]
	key := spec[1][t.type]
	v := d[attr]
	v != ""
	not _listed(list, v)
	f := lib.finding(
		"privacy.destination-allowlist",
		sprintf("%s: %s %q is not in data.logctl.privacy.allow.%s", [_flow_to(i, d.label), attr, v, spec[0]]),
		lib.field_path("deliveryTasks", i, key),
	)
}

_destination_allowlist contains f if {
	allow := data.logctl.privacy.allow
	some i, x in input.dumps
	some attr, v in _dump_attrs(x)
	list := allow[attr]
	v != ""
	not _listed(list, v)
	f := lib.finding(
		"privacy.destination-allowlist",
		sprintf("%s (log group %s) → OBS bucket %s: %s %q is not in data.logctl.privacy.allow.%s", [lib.label("dump", x, i), object.get(x, "logGroupId", ""), object.get(x, "bucket", ""), trim_suffix(attr, "s"), v, attr]),
		_dump_path(x, i, attr),
	)
}

# A dump's region defaults to defaults.huawei.region, as in the loader.
_dump_attrs(x) := {
	"buckets": object.get(x, "bucket", ""),
	"regions": object.get(x, "region", object.get(input, ["defaults", "huawei", "region"], "")),
}

_dump_path(x, i, "buckets") := lib.field_path("dumps", i, "bucket")

_dump_path(x, i, "regions") := lib.field_path("dumps", i, "region") if lib.present(x, "region")

_dump_path(x, i, "regions") := lib.resource_path("dumps", i) if not lib.present(x, "region")

_listed(list, v) if {
	some x in list
	lower(x) == lower(v)
}
