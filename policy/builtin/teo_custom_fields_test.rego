package logctl_test.teo

import data.logctl.teo
import data.logctl_test.fixtures as fx

custom(cs) := fx.task({"customFields": cs})

header(v) := {"name": "ReqHeader", "value": v, "enabled": true}

body(v) := {"name": "ReqBody", "value": v, "enabled": true}

test_custom_fields_log_type_fails if {
	t := object.union(fx.s3_task, {"customFields": [header("Accept")]})
	got := fx.paths(teo.deny_custom_fields_log_type, "teo.custom-fields-log-type") with input as fx.tasks([t])
	got == {"deliveryTasks[0].customFields"}
}

test_custom_fields_log_type_passes if {
	ts := [custom([header("Accept")]), object.union(custom([header("Accept")]), {"logType": "domain"}), fx.s3_task]
	count(teo.deny_custom_fields_log_type) == 0 with input as fx.tasks(ts)
}

many(n) := [header(sprintf("X-H%d", [i])) | some i in numbers.range(1, n)]

test_custom_fields_count_fails if {
	got := fx.paths(teo.deny_custom_fields_count, "teo.custom-fields-count") with input as fx.tasks([custom(many(201))])
	got == {"deliveryTasks[0].customFields"}
}

test_custom_fields_count_passes if {
	count(teo.deny_custom_fields_count) == 0 with input as fx.tasks([custom(many(200))])
}

test_custom_field_name_fails if {
	t := custom([header("Accept"), {"name": "ReqQuery", "value": "id"}])
	got := fx.paths(teo.deny_custom_field_name, "teo.custom-field-name") with input as fx.tasks([t])
	got == {"deliveryTasks[0].customFields[1].name"}
}

test_custom_field_name_passes if {
	t := custom([{"name": n, "value": "Accept"} | some n in ["ReqHeader", "RspHeader", "Cookie", "ReqBody"]])
	count(teo.deny_custom_field_name) == 0 with input as fx.tasks([t])
}

test_custom_field_unique_fails if {
	t := custom([header("Accept"), header("Host"), header("Accept"), header("Accept")])
	fs := teo.deny_custom_field_unique with input as fx.tasks([t])
	fx.paths(fs, "teo.custom-field-unique") == {"deliveryTasks[0].customFields[2]", "deliveryTasks[0].customFields[3]"}

	# Each repeat names the first occurrence.
	every f in fs {
		contains(f.msg, "customFields[0]")
	}
}

test_custom_field_unique_passes if {
	# The same value under another name is a different field.
	t := custom([header("Accept"), {"name": "RspHeader", "value": "Accept"}, {"name": "Cookie", "value": "Accept"}])
	count(teo.deny_custom_field_unique) == 0 with input as fx.tasks([t])
}

bodies(n) := [body(sprintf("id=(\\d{%d})", [i])) | some i in numbers.range(1, n)]

test_custom_field_reqbody_count_fails if {
	got := fx.paths(teo.deny_custom_field_reqbody_count, "teo.custom-field-reqbody-count") with input as fx.tasks([custom(bodies(6))])
	got == {"deliveryTasks[0].customFields"}
}

test_custom_field_reqbody_count_passes if {
	count(teo.deny_custom_field_reqbody_count) == 0 with input as fx.tasks([custom(array.concat(bodies(5), many(10)))])
}

test_custom_field_header_name_fails if {
	bad := ["1abc", "abc-", "with space", "a_b", "", concat("", [x | some _ in numbers.range(1, 101); x := "a"])]
	t := custom([header(v) | some v in bad])
	got := fx.paths(teo.deny_custom_field_header_name, "teo.custom-field-header-name") with input as fx.tasks([t])
	count(got) == count(bad)
}

test_custom_field_header_name_passes if {
	good := ["A", "Accept-Language", "x1", concat("", [x | some _ in numbers.range(1, 100); x := "a"])]
	t := custom(array.concat([header(v) | some v in good], [{"name": "Cookie", "value": "sessionId"}, body("^not a header$")]))
	count(teo.deny_custom_field_header_name) == 0 with input as fx.tasks([t])
}

test_custom_field_regex_fails if {
	big := concat("", [x | some _ in numbers.range(1, 4097); x := "a"])

	# 2,049 two-byte characters: under 4096 runes, over 4 KB.
	wide := concat("", [x | some _ in numbers.range(1, 2049); x := "é"])
	t := custom([body("(unclosed"), body(big), body(wide), body("ok.*")])
	got := fx.paths(teo.deny_custom_field_regex, "teo.custom-field-regex") with input as fx.tasks([t])
	got == {"deliveryTasks[0].customFields[0].value", "deliveryTasks[0].customFields[1].value", "deliveryTasks[0].customFields[2].value"}
}

test_custom_field_regex_passes if {
	exact := concat("", [x | some _ in numbers.range(1, 4096); x := "a"])
	t := custom([body(exact), body(`"user":"(\w+)"`), header("(not-a-regex")])
	count(teo.deny_custom_field_regex) == 0 with input as fx.tasks([t])
}
