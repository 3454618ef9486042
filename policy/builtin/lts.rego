# METADATA
# title: Huawei LTS log transfers to OBS
# description: |
#   Rules for dumps, the desired form of an LTS transfer to OBS
#   (/v2/{project_id}/transfers, or the older log-dump/obs API).
# related_resources:
#   - ref: https://support.huaweicloud.com/intl/en-us/api-lts/CreateTransfer.html
#     description: CreateTransfer
package logctl.lts

import data.logctl.lib

# huawei-lts-transfer.md §4, §6: group, streams, bucket and period are
# required; region and project come from here or from defaults.huawei.
_required := ["name", "logGroupId", "bucket", "period"]

_period_list := ["2min", "5min", "30min", "1hour", "3hour", "6hour", "12hour"]

_periods := {p | some p in _period_list}

_storage_formats := {"RAW", "JSON"}

_defaults := object.get(input, ["defaults", "huawei"], {})

# METADATA
# title: Required dump fields are set
# custom:
#   id: lts.required
#   severity: error
#   source: Huawei LTS CreateTransfer, log_group_id / obs_bucket_name / obs_period
deny_required contains f if {
	some i, d in input.dumps
	some key in _required
	lib.empty[object.get(d, key, null)]
	f := lib.finding(
		"lts.required",
		sprintf("%s: %s is required", [lib.label("dump", d, i), key]),
		lib.field_path("dumps", i, key),
	)
}

deny_required contains f if {
	some i, d in input.dumps
	some key in ["region", "projectId"]
	lib.empty[object.get(d, key, null)]
	lib.empty[object.get(_defaults, key, null)]
	f := lib.finding(
		"lts.required",
		sprintf("%s: %s is required (here or in defaults.huawei.%s)", [lib.label("dump", d, i), key, key]),
		lib.field_path("dumps", i, key),
	)
}

# METADATA
# title: period is 2min, 5min, 30min, 1hour, 3hour, 6hour or 12hour
# custom:
#   id: lts.period
#   severity: error
#   source: Huawei LTS CreateTransfer, obs_period + obs_period_unit
deny_period contains f if {
	some i, d in input.dumps
	v := d.period
	not _periods[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"lts.period",
		sprintf("%s: %s", [lib.label("dump", d, i), lib.enum_msg("period", v, _period_list)]),
		lib.field_path("dumps", i, "period"),
	)
}

# METADATA
# title: storageFormat is RAW or JSON
# custom:
#   id: lts.storage-format
#   severity: error
#   source: Huawei LTS CreateTransfer, log_storage_format
deny_storage_format contains f if {
	some i, d in input.dumps
	v := d.storageFormat
	not _storage_formats[v]
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"lts.storage-format",
		sprintf("%s: %s", [lib.label("dump", d, i), lib.enum_msg("storageFormat", v, _storage_formats)]),
		lib.field_path("dumps", i, "storageFormat"),
	)
}

# METADATA
# title: A dump transfers at least one log stream
# custom:
#   id: lts.streams
#   severity: error
#   source: Huawei LTS CreateTransfer, log_streams
deny_streams contains f if {
	some i, d in input.dumps
	not _has_streams(d)
	f := lib.finding(
		"lts.streams",
		sprintf("%s: logStreamIds needs at least one log stream", [lib.label("dump", d, i)]),
		lib.field_path("dumps", i, "logStreamIds"),
	)
}

_has_streams(d) if count(d.logStreamIds) > 0

# METADATA
# title: OBS bucket names follow the OBS naming rules
# description: 3..63 characters of lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, no '..' and no '.' next to '-', and not an IP address.
# custom:
#   id: lts.bucket-name
#   severity: error
#   source: Huawei LTS CreateTransfer, obs_bucket_name (3..63); OBS bucket naming rules
deny_bucket_name contains f if {
	some i, d in input.dumps
	v := d.bucket
	not _bucket_ok(v)
	not lib.empty[v]
	lib.literal(v)
	some problem in _bucket_problems(v)
	f := lib.finding(
		"lts.bucket-name",
		sprintf("%s: bucket %s %s", [lib.label("dump", d, i), lib.quote(v), problem]),
		lib.field_path("dumps", i, "bucket"),
	)
}

# _bucket_ok is the fast path for valid names; _bucket_problems explains.
_bucket_ok(v) if {
	regex.match(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`, v)
	not regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, v)
	not regex.match(_bucket_adjacent, v)
}

# OBS bucket naming: no two periods in a row, no period next to a hyphen.
_bucket_adjacent := `\.\.|\.-|-\.`

_bucket_problems(v) := {"must be a string"} if not is_string(v)

_bucket_problems(v) := {p |
	some check in _bucket_checks
	not regex.match(check[0], v)
	p := check[1]
} | _bucket_ip(v) | _bucket_dots(v) if is_string(v)

_bucket_checks := [
	[`^.{3,63}$`, "must be 3..63 characters long"],
	[`^[a-z0-9.-]*$`, "may only hold lowercase letters, digits, '-' and '.'"],
	[`^[a-z0-9](.*[a-z0-9])?$`, "must start and end with a lowercase letter or a digit"],
]

_bucket_ip(v) := {"must not be an IP address"} if regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, v)

_bucket_ip(v) := set() if not regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, v)

_bucket_dots(v) := {"must not hold \"..\", \".-\" or \"-.\""} if regex.match(_bucket_adjacent, v)

_bucket_dots(v) := set() if not regex.match(_bucket_adjacent, v)

# METADATA
# title: File and directory prefixes are at most 64 characters
# custom:
#   id: lts.prefix-length
#   severity: error
#   source: Huawei LTS CreateTransfer, obs_prefix_name and obs_dir_pre_fix_name
deny_prefix_length contains f if {
	some i, d in input.dumps
	some key in ["prefixName", "dirPrefixName"]
	v := d[key]
	is_string(v)
	count(v) > 64
	f := lib.finding(
		"lts.prefix-length",
		sprintf("%s: %s has %d characters, at most 64 are allowed", [lib.label("dump", d, i), key, count(v)]),
		lib.field_path("dumps", i, key),
	)
}

# METADATA
# title: Project ids are 32 hex characters
# custom:
#   id: lts.project-id
#   severity: error
#   source: Huawei LTS API, project_id path parameter
deny_project_id contains f if {
	some i, d in input.dumps
	v := d.projectId
	not _project_id_ok(v)
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"lts.project-id",
		sprintf("%s: projectId %s must be 32 hexadecimal characters", [lib.label("dump", d, i), lib.quote(v)]),
		lib.field_path("dumps", i, "projectId"),
	)
}

deny_project_id contains f if {
	v := _defaults.projectId
	not _project_id_ok(v)
	not lib.empty[v]
	lib.literal(v)
	f := lib.finding(
		"lts.project-id",
		sprintf("defaults.huawei.projectId %s must be 32 hexadecimal characters", [lib.quote(v)]),
		"defaults.huawei.projectId",
	)
}

_project_id_ok(v) if {
	is_string(v)
	regex.match(`^[0-9a-fA-F]{32}$`, v)
}
