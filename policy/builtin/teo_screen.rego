# The screen: one pass over the delivery tasks that sets apart the few that
# may break a per-task rule. Every per-task rule then visits _suspects only.
#
# Why: OPA pays about 2 µs per task and rule just to iterate, so thirty
# rules over 10,000 tasks cost over half a second before checking anything.
# _clean is one conjunction per task that holds only when every per-task
# rule holds; it may reject a task that is in fact fine (then the rules run
# on it and find nothing), but it must never pass a task a rule would
# report. test_screen_hides_nothing checks that on a corpus of broken tasks.
package logctl.teo

import data.logctl.lib

_suspects := ((_all_tasks - _scalar_clean) | _shape_suspects) | _block_suspects

_all_tasks := {i | some i, _ in input.deliveryTasks}

# The screen splits a task into what varies from task to task and is cheap
# to check (name, zone, entities, sample, which blocks are set), the cls and
# s3 blocks (they often name a topic or bucket per task), and the rest, its
# shape, which repeats across most tasks of a configuration. Shapes and
# blocks are checked once per distinct value.
_varying := ["name", "zoneId", "entities", "sample", "cls", "s3"]

_scalar_clean := {i |
	some i, t in input.deliveryTasks
	regex.match(`^[0-9A-Za-z_-]{1,200}$`, t.name)
	_zone_id_shape_ok(t.zoneId)
	count(t.entities) > 0
	_list_clean(t.entities)
	_samples[object.get(t, "sample", 1000)]
	object.keys(t) & _block_names == _expected_blocks[t.type]
}

_samples := {n | some n in numbers.range(1, 1000)}

# Each task's shape is checked by a call, so equal shapes are checked once
# (OPA caches the call by its argument). No set of shapes is built: OPA
# hashes an array as the sum of its elements' hashes, so tasks listing the
# same fields in different orders give shapes of one hash, and a set of
# 5,000 of them is built by comparing each with the others. The call cache
# does not suffer from it (policy/vcache.go).
_shape_suspects := {i |
	some i, t in input.deliveryTasks
	not _shape_clean(object.remove(t, _varying))
}

_bad_blocks := {[k, b] |
	some [k, b] in {[k, t[k]] | some t in input.deliveryTasks; some k in ["cls", "s3"]; t[k]}
	not _block_clean(k, b)
}

_block_suspects := {i |
	count(_bad_blocks) > 0
	some i, t in input.deliveryTasks
	some k in ["cls", "s3"]
	_bad_blocks[[k, t[k]]]
}

# Allowed (type, logType) pairs: the type and log type enums, no legacy log
# type (it warns), log_analysis only with L7 access logs or web-attack.
_type_log_pairs := {[ty, lt] |
	some ty in _task_types
	some lt in _log_types
	_type_log_ok(ty, lt)
}

_type_log_ok(ty, _) if ty != "log_analysis"

_type_log_ok("log_analysis", lt) if _analysis_log_types[lt]

# Which destination blocks each type has, exactly.
_expected_blocks := {
	"cls": {"cls"},
	"custom_endpoint": {"customEndpoint"},
	"s3": {"s3"},
	"log_analysis": set(),
}

_block_names := {"cls", "customEndpoint", "s3"}

_optional_enum_ok := {"", null}

# _shape_clean holds when no per-task rule can fire on a task of this
# shape (the _varying members are checked elsewhere).
_shape_clean(t) if {
	# teo.required
	every key in ["type", "logType", "area", "fields"] {
		not lib.empty[object.get(t, key, null)]
	}

	# teo.type-enum, teo.log-type-enum, teo.log-type-legacy, teo.area-enum,
	# teo.log-analysis-log-type
	_type_log_pairs[[t.type, t.logType]]
	_areas[t.area]

	# teo.destination-required, teo.literal-secret, teo.endpoint-url,
	# teo.insecure-endpoint, teo.compress-type, teo.protocol-enum
	_endpoint_clean(t)

	# teo.log-format-* (with teo.log-format-template)
	_log_format_clean(t)

	# teo.custom-field* (uniqueness has its own fast path)
	_custom_fields_clean(t)

	# teo.condition-key, teo.condition-operator, teo.condition-value,
	# nested teo.required
	_conditions_clean(t)

	# teo.unknown-field, teo.list-item (fields)
	_fields_clean(t)
}

_endpoint_clean(t) if t.type != "custom_endpoint"

_endpoint_clean(t) if _block_clean("customEndpoint", t.customEndpoint)

# _block_clean holds for a destination block no rule reports on; one
# conjunction per block kind, since this runs once per distinct block.
_block_clean("cls", b) if {
	count(b.logSetId) > 0
	count(b.topicId) > 0
	count(b.logSetRegion) > 0
}

_block_clean("s3", b) if {
	_url_clean(b.endpoint)
	count(b.region) > 0
	count(b.bucket) > 0
	lib.env_ref(b.accessId)
	lib.env_ref(b.accessKey)
	_compress_clean(object.get(b, "compressType", ""))
}

_block_clean("customEndpoint", b) if {
	_url_clean(b.url)
	_secret_clean(object.get(b, "accessId", ""))
	_secret_clean(object.get(b, "accessKey", ""))
	_compress_clean(object.get(b, "compressType", ""))
	_protocol_clean(object.get(b, "protocol", ""))
	every h in object.get(b, "headers", []) {
		count(h.name) > 0
		count(h.value) > 0
		_header_secret_clean(h)
	}
}

_secret_clean(v) if lib.env_ref(v)

_secret_clean(v) if lib.empty[v]

_header_secret_clean(h) if object.get(h, "secret", false) != true

_header_secret_clean(h) if lib.env_ref(h.value)

_url_clean(v) if {
	regex.match(`^(?i)https://[^/\s]+`, v)
}

_compress_clean(v) if _compress_types[v]

_compress_clean(v) if _optional_enum_ok[v]

_protocol_clean(v) if _protocols[v]

_protocol_clean(v) if _optional_enum_ok[v]

_log_format_clean(t) if not t.logFormat

_log_format_clean(t) if {
	lf := t.logFormat
	ft := lf.formatType
	_format_types[ft]
	object.get(_json_only, t.type, ft) == ft
	_record_delimiters[object.get(lf, "recordDelimiter", "\n")]
	_field_delimiters[object.get(lf, "fieldDelimiter", "\t")]
	count(_template_problems(lf)) == 0
}

_json_only := {"cls": "json", "log_analysis": "json"}

_custom_fields_clean(t) if not t.customFields

_custom_fields_clean(t) if {
	cfs := t.customFields
	is_array(cfs)
	_l7_log_types[t.logType]
	count(cfs) <= 200
	every c in cfs {
		_custom_field_names[c.name]
		not lib.empty[object.get(c, "value", null)]
		_custom_value_clean(c)

		# ReqBody regexes are rare: the rules check them in full.
		c.name != "ReqBody"
	}
}

_custom_value_clean(c) if not _header_kinds[c.name]

_custom_value_clean(c) if _header_name_ok(c.value)

_conditions_clean(t) if not t.deliveryConditions

_conditions_clean(t) if {
	every g in t.deliveryConditions {
		count(object.get(g, "conditions", [])) > 0
		every c in g.conditions {
			_condition_operators[c.key][c.operator]
			count(object.get(c, "value", [])) > 0
			every v in c.value {
				_condition_value_ok(c.key, v)
			}
		}
	}
}

_fields_clean(t) if {
	not _catalog_types[norm_log_type[t.logType]]
	_list_clean(t.fields)
}

_fields_clean(t) if {
	_list_clean(t.fields)
	catalog := _catalog[norm_log_type[t.logType]]
	every name in t.fields {
		catalog[name]
	}
}
