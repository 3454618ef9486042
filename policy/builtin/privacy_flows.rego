# The flows the privacy.* rules judge: for each delivery task, where its
# logs go, in which jurisdiction that is, and which personal fields travel
# (privacy_catalog.rego). logctl map computes the same from the same
# catalog in Go (internal/datamap).
#
# A team configures the rules with data (a .json/.yaml file in a --policy
# directory; conftest: --data), all keys optional:
#
#   logctl:
#     privacy:
#       severity: {privacy.cross-border: error}   # raise a rule to an error
#       allow: {hosts: [...], buckets: [...], regions: [...]}
#       maxSample: 100                            # per mille, for personal data
#       hostJurisdictions: {logs.example.cn: CN}  # where endpoint hosts are
#       ownHosts: [s3.example-corp.com]           # S3/HTTP hosts of the team's own
package logctl.privacy

import data.logctl.lib

default _cfg_severity := {}

_cfg_severity := data.logctl.privacy.severity

default _cfg_host_jur := {}

_cfg_host_jur := data.logctl.privacy.hostJurisdictions

default _cfg_own_hosts := []

_cfg_own_hosts := data.logctl.privacy.ownHosts

# _raised holds for a rule id the team turned into an error.
_raised(id) if _cfg_severity[id] == "error"

# _pii[i] lists the personal fields of task i with their paths, in file order.
_pii[i] := items if {
	some i, t in input.deliveryTasks
	items := array.concat(
		[{"name": n, "path": lib.field_path("deliveryTasks", i, sprintf("fields[%d]", [j]))} |
			some j, n in t.fields
			catalog.personalFields[n]
		],
		[{"name": sprintf("%s %s", [cf.name, cf.value]), "path": lib.field_path("deliveryTasks", i, sprintf("customFields[%d]", [j]))} |
			some j, cf in t.customFields
			cf.enabled == true
			_personal_custom(cf)
		],
	)
	count(items) > 0
}

_personal_custom(cf) if catalog.personalCustomFields[cf.name]["*"]

_personal_custom(cf) if catalog.personalCustomFields[cf.name][lower(cf.value)]

# _pii_names is the message form of a task's personal fields.
_pii_names(i) := concat(", ", [x.name | some x in _pii[i]])

# _host is the lower-case host of an http(s) URL; "" when the URL is an
# ${env:NAME} reference or not a URL.
_host(url) := lower(m[0][1]) if {
	is_string(url)
	m := regex.find_all_string_submatch_n(`^(?i)https?://([^/:?#\s]+)`, url, 1)
	count(m) == 1
} else := ""

_under(host, suffix) if host == suffix

_under(host, suffix) if endswith(host, concat("", [".", suffix]))

_region_jur(cloud, region) := object.get(object.get(catalog.regions, cloud, {}), region, "unknown")

_s3_cloud(host) := cs[0] if {
	cs := [c | some s, c in catalog.s3Clouds; _under(host, s)]
	count(cs) > 0
} else := ""

_own_host(host) if {
	some h in _cfg_own_hosts
	lower(h) == host
}

_own_s3(host) if {
	some s in catalog.ownS3Suffixes
	_under(host, s)
}

_own_s3(host) if _own_host(host)

# _dest[i] describes where task i delivers: a label for messages, the
# jurisdiction code (or "unknown"), whether it is outside the account's own
# services, and the path of the key that decides each.
_dest[i] := d if {
	some i, t in input.deliveryTasks
	t.type == "cls"
	r := t.cls.logSetRegion
	d := {
		"label": sprintf("CLS topic %s (%s)", [t.cls.topicId, r]), "jur": _region_jur("tencent", r),
		"region": r, "external": false, "where": "cls.logSetRegion",
	}
}

_dest[i] := d if {
	some i, t in input.deliveryTasks
	t.type == "custom_endpoint"
	h := _host(t.customEndpoint.url)
	d := {
		"label": sprintf("HTTP endpoint %s", [_or(h, "(from the environment)")]), "host": h,
		"jur": object.get(_cfg_host_jur, h, "unknown"), "external": _ext_host(h),
		"where": "customEndpoint.url",
	}
}

_dest[i] := d if {
	some i, t in input.deliveryTasks
	t.type == "s3"
	h := _host(t.s3.endpoint)
	b := split(object.get(t.s3, "bucket", ""), "/")[0]
	d := {
		"label": sprintf("S3 bucket %s at %s", [b, _or(h, "(from the environment)")]), "host": h, "bucket": b,
		"region": object.get(t.s3, "region", ""), "jur": _region_jur(_s3_cloud(h), object.get(t.s3, "region", "")),
		"external": _ext_s3(h), "where": "s3.region",
	}
}

# _ext_host and _ext_s3 say whether a host is outside the account's own
# services, as a value for the _dest objects.
_ext_host(h) := false if _own_host(h) else := true

_ext_s3(h) := false if _own_s3(h) else := true

_or(s, alt) := s if s != ""

_or("", alt) := alt

# _flow names a task's flow in a message: entity → destination.
_flow(i) := sprintf("%s (%s) → %s", [lib.label("task", t, i), _entities(t), _dest[i].label]) if t := input.deliveryTasks[i]

_entities(t) := concat(", ", t.entities) if count(t.entities) <= 3

_entities(t) := sprintf("%s and %d more", [concat(", ", array.slice(t.entities, 0, 3)), count(t.entities) - 3]) if count(t.entities) > 3

# _class is the EdgeOne area (mainland, overseas) a jurisdiction code falls in.
_class(code) := "mainland" if code == "CN"

_class(code) := "overseas" if {
	code != "CN"
	code != "unknown"
}
