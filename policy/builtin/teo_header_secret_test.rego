package logctl_test.teo_header_secret

import data.logctl.teo
import data.logctl_test.fixtures as fx

with_headers(hs) := object.union(fx.endpoint_task, {"customEndpoint": {"headers": hs}})

test_header_literal_secret_fails if {
	# Names that do not look like credentials still hide them.
	ts := [
		with_headers([
			{"name": "Vendor", "value": "EdgeOne"},
			{"name": "X-Access-Key", "value": "k1"},
			{"name": "Ocp-Apim-Subscription-Key", "value": "k2"},
		]),
		with_headers([{"name": "X-Sig", "value": "s"}, {"name": "X-Auth", "value": "a", "secret": null}]),
		with_headers([{"name": "X-Passwd", "value": "$${env:P}"}]),
	]
	fs := teo.deny_header_literal_secret with input as fx.tasks(ts)
	fx.paths(fs, "teo.header-literal-secret") == {
		"deliveryTasks[0].customEndpoint.headers[1].value",
		"deliveryTasks[0].customEndpoint.headers[2].value",
		"deliveryTasks[1].customEndpoint.headers[0].value",
		"deliveryTasks[1].customEndpoint.headers[1].value",
		"deliveryTasks[2].customEndpoint.headers[0].value",
	}
	some f in fs
	contains(f.msg, "secret: false")
}

test_header_literal_secret_passes if {
	# Harmless names in any case, explicit secret: false, references,
	# secrets (teo.literal-secret's business), empty values
	# (teo.destination-required's) and non-endpoint tasks.
	ts := [
		fx.endpoint_task,
		with_headers([
			{"name": "content-type", "value": "application/json"},
			{"name": "User-Agent", "value": "edge"},
			{"name": "X-Tenant", "value": "acme", "secret": false},
			{"name": "X-Functions-Key", "value": "${env:FN_KEY}"},
			{"name": "Authorization", "value": "Bearer literal", "secret": true},
			{"name": "X-Empty", "value": ""},
			{"name": "X-Only-Name"},
		]),
		fx.cls_task,
		fx.s3_task,
	]
	count(teo.deny_header_literal_secret) == 0 with input as fx.tasks(ts)
}
