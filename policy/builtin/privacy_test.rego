package logctl_test.privacy

import data.logctl.privacy
import data.logctl_test.fixtures as fx

# A CLS task without personal fields, and the fixtures' tasks with them.
clean_cls := fx.task({"fields": ["RequestID", "RequestTime"]})

cookie_endpoint := object.union(fx.endpoint_task, {"customFields": [
	{"name": "ReqHeader", "value": "Accept-Language", "enabled": true},
	{"name": "Cookie", "value": "session", "enabled": true},
]})

test_pii_field_fails if {
	ts := [fx.s3_task, cookie_endpoint, object.union(fx.endpoint_task, {"customFields": [{"name": "ReqHeader", "value": "AUTHORIZATION", "enabled": true}]})]
	fs := privacy.warn_pii_field with input as fx.tasks(ts) with data.logctl.privacy.severity as {}
	fx.paths(fs, "privacy.pii-field") == {"deliveryTasks[0].fields[1]", "deliveryTasks[1].customFields[1]", "deliveryTasks[2].customFields[0]"}
	some f in fs
	contains(f.msg, `task "edge_endpoint" (domain.example.com) → HTTP endpoint logs.example.com: personal data (Cookie session)`)
}

test_pii_field_passes if {
	# Personal data to the account's own CLS, COS and log analysis, a
	# disabled cookie capture, and a host the team declares its own.
	cos := object.union(fx.s3_task, {"s3": {"endpoint": "https://cos.ap-seoul.myqcloud.com", "region": "ap-seoul"}})
	off := object.union(fx.endpoint_task, {"customFields": [{"name": "Cookie", "value": "session", "enabled": false}]})
	own := object.union(fx.s3_task, {"s3": {"endpoint": "https://S3.example-corp.com"}})
	ts := [fx.cls_task, cos, off, fx.analysis_task, own]
	count(privacy.warn_pii_field) == 0 with input as fx.tasks(ts) with data.logctl.privacy.severity as {}
		with data.logctl.privacy.ownHosts as ["s3.example-corp.com"]
}

test_pii_field_raised_to_error if {
	cfg := {"privacy.pii-field": "error"}
	count(privacy.warn_pii_field) == 0 with input as fx.tasks([fx.s3_task]) with data.logctl.privacy.severity as cfg
	fs := privacy.deny_pii_field with input as fx.tasks([fx.s3_task]) with data.logctl.privacy.severity as cfg
	fx.paths(fs, "privacy.pii-field") == {"deliveryTasks[0].fields[1]"}
}

test_deny_forms_are_empty_by_default if {
	doc := fx.tasks([fx.s3_task, cookie_endpoint, object.union(fx.cls_task, {"area": "overseas"})])
	count(privacy.deny_pii_field) + count(privacy.deny_cross_border) + count(privacy.deny_plaintext_transport) == 0 with input as doc
}

test_cross_border_fails if {
	ts := [
		object.union(fx.cls_task, {"area": "overseas"}), # overseas traffic into Guangzhou
		object.union(fx.s3_task, {"area": "mainland"}), # mainland traffic to Seoul
		cookie_endpoint, # personal data to a host of unknown jurisdiction
	]
	fs := privacy.warn_cross_border with input as fx.tasks(ts) with data.logctl.privacy.severity as {}
	fx.paths(fs, "privacy.cross-border") == {
		"deliveryTasks[0].cls.logSetRegion", "deliveryTasks[1].s3.region",
		"deliveryTasks[2].customEndpoint.url",
	}
	msgs := {f.msg | some f in fs}
	some m in msgs
	contains(m, "personal data (ClientRealIP) of mainland traffic goes to KR (overseas)")
}

test_cross_border_passes if {
	# Same side of the border; an unknown region is never guessed; a
	# declared host; a region id read in the right cloud's table (Huawei
	# ap-southeast-1 is Hong Kong, AWS ap-southeast-1 Singapore: both overseas).
	hk := object.union(fx.s3_task, {"s3": {"endpoint": "https://obs.ap-southeast-1.myhuaweicloud.com", "region": "ap-southeast-1"}})
	unknown := object.union(fx.s3_task, {"area": "mainland", "s3": {"endpoint": "https://minio.example.org", "region": "us-east-1"}, "fields": ["ServiceID"]})
	# No personal field: the crossing is on the map, not a finding.
	clean := object.union(clean_cls, {"cls": {"logSetRegion": "ap-singapore"}})
	ts := [fx.cls_task, fx.s3_task, cookie_endpoint, hk, unknown, fx.analysis_task, clean]
	count(privacy.warn_cross_border) == 0 with input as fx.tasks(ts) with data.logctl.privacy.severity as {}
		with data.logctl.privacy.hostJurisdictions as {"logs.example.com": "CN"}
}

test_plaintext_transport_fails if {
	http := object.union(cookie_endpoint, {"customEndpoint": {"url": "http://logs.example.com/in", "protocol": "http"}})
	s3 := object.union(fx.s3_task, {"s3": {"endpoint": "HTTP://s3.ap-northeast-2.amazonaws.com"}})
	fs := privacy.warn_plaintext_transport with input as fx.tasks([http, s3]) with data.logctl.privacy.severity as {}
	fx.paths(fs, "privacy.plaintext-transport") == {
		"deliveryTasks[0].customEndpoint.url", "deliveryTasks[0].customEndpoint.protocol",
		"deliveryTasks[1].s3.endpoint",
	}
}

test_plaintext_transport_passes if {
	# https, and http without personal data (teo.insecure-endpoint covers it).
	http := object.union(fx.endpoint_task, {"customEndpoint": {"url": "http://logs.example.com/in"}})
	count(privacy.warn_plaintext_transport) == 0 with input as fx.tasks([cookie_endpoint, fx.s3_task, http]) with data.logctl.privacy.severity as {}
}

test_unsampled_pii_fails if {
	unset := object.remove(fx.s3_task, ["sample"])
	fs := privacy.warn_unsampled_pii with input as fx.tasks([fx.cls_task, unset]) with data.logctl.privacy.maxSample as 100 with data.logctl.privacy.severity as {}
	fx.paths(fs, "privacy.unsampled-pii") == {"deliveryTasks[0].sample", "deliveryTasks[1]"}
}

test_unsampled_pii_passes if {
	low := fx.task({"sample": 100})
	count(privacy.warn_unsampled_pii) == 0 with input as fx.tasks([low, clean_cls]) with data.logctl.privacy.maxSample as 100 with data.logctl.privacy.severity as {}
	count(privacy.warn_unsampled_pii) == 0 with input as fx.tasks([fx.cls_task]) with data.logctl.privacy.maxSample as null # none set
}

allow := {"hosts": ["logs.example.com"], "buckets": ["edge-logs"], "regions": ["ap-guangzhou", "ap-northeast-2", "cn-north-4"]}

test_destination_allowlist_fails if {
	other := object.union(fx.endpoint_task, {"customEndpoint": {"url": "https://collector.thirdparty.io/x"}})
	seoul := object.union(fx.cls_task, {"cls": {"logSetRegion": "ap-seoul"}})
	dump := object.union(fx.dump, {"bucket": "other-bucket"})
	doc := object.union(fx.tasks([fx.s3_task, other, seoul]), {"dumps": [object.remove(dump, ["region"])], "defaults": {"huawei": {"region": "cn-east-3"}}})
	fs := privacy.warn_destination_allowlist with input as doc with data.logctl.privacy.allow as allow with data.logctl.privacy.severity as {}
	fx.paths(fs, "privacy.destination-allowlist") == {
		"deliveryTasks[0].s3.endpoint", "deliveryTasks[1].customEndpoint.url",
		"deliveryTasks[2].cls.logSetRegion", "dumps[0].bucket", "dumps[0]",
	}
}

test_destination_allowlist_passes if {
	dump := object.union(fx.dump, {"bucket": "edge-logs", "region": "cn-north-4"})
	doc := object.union(fx.tasks([fx.cls_task, fx.endpoint_task, fx.analysis_task]), {"dumps": [dump]})
	count(privacy.warn_destination_allowlist) == 0 with input as doc with data.logctl.privacy.allow as allow with data.logctl.privacy.severity as {}
	count(privacy.warn_destination_allowlist) == 0 with input as fx.tasks([fx.s3_task]) with data.logctl.privacy.allow as {} # none given
}

test_destination_allowlist_only_given_lists if {
	# Only regions given: the S3 host and bucket are not judged.
	count(privacy.warn_destination_allowlist) == 0 with input as fx.tasks([fx.s3_task]) with data.logctl.privacy.severity as {}
		with data.logctl.privacy.allow as {"regions": ["ap-northeast-2"]}
}

test_catalog_classifies_the_issue_fields if {
	every f in ["ClientIP", "ClientRealIP", "RequestUrlQueryString"] {
		privacy.catalog.personalFields[f]
	}
	not object.get(privacy.catalog.personalFields, "RequestID", false)
	privacy.catalog.personalCustomFields.ReqHeader.authorization
	privacy.catalog.personalCustomFields.RspHeader["set-cookie"]
}

test_host_skips_userinfo if {
	privacy._host("https://user:secret@Logs.Example.com:8443/in?token=x") == "logs.example.com"
	privacy._host("${env:URL}") == ""
}

test_flow_names_entities_even_when_malformed if {
	many := object.union(fx.s3_task, {"entities": ["a", "b", "c", "d", "e"]})
	none := object.remove(fx.s3_task, ["entities"])
	msgs := {f.msg | some f in privacy.warn_pii_field} with input as fx.tasks([many, none]) with data.logctl.privacy.severity as {}
	some m1 in msgs
	contains(m1, `task "edge_s3" (a, b, c and 2 more) → S3 bucket edge-logs`)
	some m2 in msgs
	contains(m2, `task "edge_s3" (no entities) →`)
}
