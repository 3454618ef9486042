package logctl_test.lts

import data.logctl.lts
import data.logctl_test.fixtures as fx

_stream(i) := sprintf("45e7f609-0000-4cd3-835b-%012d", [i])

_streams(n) := [_stream(i) | some i in numbers.range(1, n)]

test_stream_count_fails if {
	got := fx.paths(lts.deny_stream_count, "lts.stream-count") with input as fx.dumps([dump({"logStreamIds": _streams(1001)})])
	got == {"dumps[0].logStreamIds"}
	old := {"version": 1, "defaults": {"huawei": {"createApi": "log-dump"}}, "dumps": [dump({"logStreamIds": _streams(101)})]}
	fx.paths(lts.deny_stream_count, "lts.stream-count") == {"dumps[0].logStreamIds"} with input as old
}

test_stream_count_passes if {
	count(lts.deny_stream_count) == 0 with input as fx.dumps([dump({"logStreamIds": _streams(1000)})])
	old := {"version": 1, "defaults": {"huawei": {"createApi": "log-dump"}}, "dumps": [dump({"logStreamIds": _streams(100)})]}
	count(lts.deny_stream_count) == 0 with input as old
}

test_id_length_fails if {
	got := fx.paths(lts.deny_id_length, "lts.id-length") with input as fx.dumps([dump({"logGroupId": "short", "logStreamIds": [_stream(1), "x"]})])
	got == {"dumps[0].logGroupId", "dumps[0].logStreamIds[1]"}
}

test_id_length_passes if {
	count(lts.deny_id_length) == 0 with input as fx.dumps([fx.dump, dump({"logGroupId": "${env:GROUP}"})])
}

test_stream_repeat_fails if {
	got := fx.paths(lts.deny_stream_repeat, "lts.stream-repeat") with input as fx.dumps([dump({"logStreamIds": [_stream(1), _stream(2), _stream(1), _stream(1)]})])
	got == {"dumps[0].logStreamIds[2]", "dumps[0].logStreamIds[3]"}
}

test_stream_repeat_passes if {
	count(lts.deny_stream_repeat) == 0 with input as fx.dumps([dump({"logStreamIds": _streams(3)})])
}

test_stream_count_unconfirmed_fails if {
	fx.paths(lts.warn_stream_count_unconfirmed, "lts.stream-count-unconfirmed") == {"dumps[0].logStreamIds"} with input as fx.dumps([dump({"logStreamIds": _streams(101)})])
}

test_stream_count_unconfirmed_passes if {
	count(lts.warn_stream_count_unconfirmed) == 0 with input as fx.dumps([dump({"logStreamIds": _streams(100)})])
	# Above 1,000 the error lts.stream-count speaks; on the old API, too.
	count(lts.warn_stream_count_unconfirmed) == 0 with input as fx.dumps([dump({"logStreamIds": _streams(1001)})])
	old := {"version": 1, "defaults": {"huawei": {"createApi": "log-dump"}}, "dumps": [dump({"logStreamIds": _streams(101)})]}
	count(lts.warn_stream_count_unconfirmed) == 0 with input as old
}
