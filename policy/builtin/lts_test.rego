package logctl_test.lts

import data.logctl.lts
import data.logctl_test.fixtures as fx

dump(patch) := object.union(fx.dump, patch)

named(d, name, streams) := object.union(d, {"name": name, "logStreamIds": streams})

test_required_fails if {
	d := object.remove(fx.dump, ["bucket", "period", "projectId"])
	got := fx.paths(lts.deny_required, "lts.required") with input as fx.dumps([d, dump({"logGroupId": ""})])
	got == {"dumps[0].bucket", "dumps[0].period", "dumps[0].projectId", "dumps[1].logGroupId"}
}

test_required_passes if {
	# region and projectId may come from defaults.huawei.
	doc := {
		"defaults": {"huawei": {"region": "cn-north-4", "projectId": "0123456789abcdef0123456789abcdef"}},
		"dumps": [object.remove(fx.dump, ["region", "projectId"])],
	}
	count(lts.deny_required) == 0 with input as doc
}

test_period_fails if {
	ds := [dump({"period": v}) | some v in ["7min", "1day", 5, "5 min"]]
	got := fx.paths(lts.deny_period, "lts.period") with input as fx.dumps(ds)
	count(got) == 4
}

test_period_passes if {
	ds := [dump({"period": v}) | some v in ["2min", "5min", "30min", "1hour", "3hour", "6hour", "12hour"]]
	count(lts.deny_period) == 0 with input as fx.dumps(ds)
}

test_storage_format_fails if {
	ds := [dump({"storageFormat": "raw"}), dump({"storageFormat": "CSV"})]
	got := fx.paths(lts.deny_storage_format, "lts.storage-format") with input as fx.dumps(ds)
	got == {"dumps[0].storageFormat", "dumps[1].storageFormat"}
}

test_storage_format_passes if {
	ds := [dump({"storageFormat": "RAW"}), dump({"storageFormat": "JSON"}), object.remove(fx.dump, ["storageFormat"])]
	count(lts.deny_storage_format) == 0 with input as fx.dumps(ds)
}

test_streams_fails if {
	ds := [dump({"logStreamIds": []}), object.remove(fx.dump, ["logStreamIds"])]
	got := fx.paths(lts.deny_streams, "lts.streams") with input as fx.dumps(ds)
	got == {"dumps[0].logStreamIds", "dumps[1].logStreamIds"}
}

test_streams_passes if {
	count(lts.deny_streams) == 0 with input as fx.dumps([fx.dump, dump({"logStreamIds": ["a", "b"]})])
}

test_stream_unique_fails if {
	ds := [fx.dump, named(fx.dump, "second", ["other", fx.dump.logStreamIds[0]])]
	got := fx.paths(lts.deny_stream_unique, "lts.stream-unique") with input as fx.dumps(ds)
	got == {"dumps[0].logStreamIds[0]", "dumps[1].logStreamIds[1]"}
}

test_stream_unique_fails_against_live if {
	console := object.union(fx.dump, {"name": "console", "bucket": "other-bucket"})
	fs := lts.deny_stream_unique with input as fx.dumps([fx.dump]) with data.logctl.live as {"dumps": [console]}
	fx.paths(fs, "lts.stream-unique") == {"dumps[0].logStreamIds[0]"}
}

test_stream_unique_passes if {
	# The live twin (same region, project, group, bucket) is the same dump.
	ds := [fx.dump, named(fx.dump, "second", ["another-stream"])]
	count(lts.deny_stream_unique) == 0 with input as fx.dumps(ds) with data.logctl.live as {"dumps": [fx.dump]}
}

test_bucket_name_fails if {
	bad := ["ab", "Upper-case", "-leading", "trailing.", "under_score", "192.168.1.10", "two..dots", "dot.-dash", "dash-.dot", concat("", [x | some _ in numbers.range(1, 64); x := "b"])]
	got := fx.paths(lts.deny_bucket_name, "lts.bucket-name") with input as fx.dumps([dump({"bucket": b}) | some b in bad])
	count(got) == count(bad)
}

test_bucket_name_passes if {
	good := ["abc", "lts-test", "logs.2024", "1bucket9", "${env:BUCKET}", concat("", [x | some _ in numbers.range(1, 63); x := "b"])]
	count(lts.deny_bucket_name) == 0 with input as fx.dumps([dump({"bucket": b}) | some b in good])
}

long(n) := concat("", [x | some _ in numbers.range(1, n); x := "p"])

test_prefix_length_fails if {
	ds := [dump({"prefixName": long(65)}), dump({"dirPrefixName": long(100)})]
	got := fx.paths(lts.deny_prefix_length, "lts.prefix-length") with input as fx.dumps(ds)
	got == {"dumps[0].prefixName", "dumps[1].dirPrefixName"}
}

test_prefix_length_passes if {
	ds := [dump({"prefixName": long(64), "dirPrefixName": long(64)}), object.remove(fx.dump, ["prefixName", "dirPrefixName"])]
	count(lts.deny_prefix_length) == 0 with input as fx.dumps(ds)
}

test_project_id_fails if {
	doc := {
		"defaults": {"huawei": {"projectId": "not-a-project"}},
		"dumps": [dump({"projectId": "0123456789abcdef0123456789abcde"}), dump({"projectId": "0123456789abcdef0123456789abcdeg"})],
	}
	got := fx.paths(lts.deny_project_id, "lts.project-id") with input as doc
	got == {"defaults.huawei.projectId", "dumps[0].projectId", "dumps[1].projectId"}
}

test_project_id_passes if {
	doc := {
		"defaults": {"huawei": {"projectId": "${env:HW_PROJECT}"}},
		"dumps": [fx.dump, dump({"projectId": "0123456789ABCDEF0123456789ABCDEF"})],
	}
	count(lts.deny_project_id) == 0 with input as doc
}
