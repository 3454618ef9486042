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

# _pii[i] lists the personal fields of task i, in file order, each with its
# key inside the task ("fields[1]"). Configurations repeat the same field
# lists over many tasks, so each distinct list is classified once
# (_shape_pii), as in teo_screen.rego. The maps are complete rules (object
# comprehensions): evaluated once, then every lookup is a hash lookup,
# where a partial rule looked up by key re-evaluates its body each time.
_pii := {i: items |
	some i, t in input.deliveryTasks
	items := _shape_pii[_field_shape(t)]
}

_field_shape(t) := [object.get(t, "fields", []), object.get(t, "customFields", [])]

_shape_pii := {s: items |
	some s in {_field_shape(t) | some t in input.deliveryTasks}
	items := array.concat(
		[{"name": n, "key": sprintf("fields[%d]", [j])} |
			some j, n in s[0]
			catalog.personalFields[n]
		],
		[{"name": sprintf("%s %s", [cf.name, cf.value]), "key": sprintf("customFields[%d]", [j])} |
			some j, cf in s[1]
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

# _host is the lower-case host of an http(s) URL, userinfo skipped; "" when
# the URL is an ${env:NAME} reference or not a URL.
_host(url) := lower(m[0][1]) if {
	is_string(url)
	m := regex.find_all_string_submatch_n(`^(?i)https?://(?:[^/?#@\s]*@)?([^/:?#\s]+)`, url, 1)
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
# services, and the key of the task that decides each. Like the field
# lists, each distinct destination block is described once. log_analysis
# tasks have none: their logs stay in EdgeOne.
# Only tasks that carry personal data need one for the rules of
# privacy.rego; the allow-list describes every task itself.
_dest := {i: d |
	some i, _ in _pii
	d := _dest_of[_dest_key(input.deliveryTasks[i])]
}

_dest_block := {"cls": "cls", "custom_endpoint": "customEndpoint", "s3": "s3"}

_dest_key(t) := [t.type, object.get(t, _dest_block[t.type], null)]

_dest_of := {k: d |
	some k in {_dest_key(input.deliveryTasks[i]) | some i, _ in _pii}
	d := _describe(k[0], k[1])
}

_describe("cls", b) := {
	"label": sprintf("CLS topic %s (%s)", [b.topicId, b.logSetRegion]), "jur": _region_jur("tencent", b.logSetRegion),
	"region": b.logSetRegion, "external": false, "where": "cls.logSetRegion",
}

_describe("custom_endpoint", b) := {
	"label": sprintf("HTTP endpoint %s", [_or(h, "(from the environment)")]), "host": h,
	"jur": object.get(_cfg_host_jur, h, "unknown"), "external": _ext_host(h),
	"where": "customEndpoint.url",
} if h := _host(b.url)

_describe("s3", b) := {
	"label": sprintf("S3 bucket %s at %s", [bucket, _or(h, "(from the environment)")]), "host": h, "bucket": bucket,
	"region": region, "jur": _region_jur(_s3_cloud(h), region),
	"external": _ext_s3(h), "where": "s3.region",
} if {
	h := _host(b.endpoint)
	bucket := split(object.get(b, "bucket", ""), "/")[0]
	region := object.get(b, "region", "")
}

# _ext_host and _ext_s3 say whether a host is outside the account's own
# services, as a value for the _dest objects.
_ext_host(h) := false if _own_host(h) else := true

_ext_s3(h) := false if _own_s3(h) else := true

_or(s, alt) := s if s != ""

_or("", alt) := alt

# _flow names a task's flow in a message: entity → destination.
_flow(i) := _flow_to(i, _dest[i].label)

_flow_to(i, label) := sprintf("%s (%s) → %s", [lib.label("task", t, i), _entities(t), label]) if t := input.deliveryTasks[i]

# _entities lists up to three entities; a task without a list (the schema
# reports it) still gets its privacy findings.
_entities(t) := _list_entities(es) if {
	es := object.get(t, "entities", [])
	is_array(es)
	count(es) > 0
} else := "no entities"

_list_entities(es) := _joined(es) if count(es) <= 3

_list_entities(es) := sprintf("%s and %d more", [_joined(array.slice(es, 0, 3)), count(es) - 3]) if count(es) > 3

_joined(es) := concat(", ", [sprintf("%v", [e]) | some e in es])

# _class is the EdgeOne area (mainland, overseas) a jurisdiction code falls in.
_class(code) := "mainland" if code == "CN"

_class(code) := "overseas" if {
	code != "CN"
	code != "unknown"
}
