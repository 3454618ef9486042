# METADATA
# title: ACME logging standard
# description: |
#   An example of a team's own rules next to logctl's built-in ones. Pass
#   the directory to lint with --policy; `logctl policy test` runs the tests
#   in acme_test.rego. The same file works with conftest:
#     conftest test --all-namespaces -p <logctl>/policy/builtin -p examples/policies FILE
package logctl.acme

# Rules follow conftest's naming: deny_<name> is an error, warn_<name> a
# warning. A finding is {"msg", "rule", "path"}: "path" places it at the
# YAML key (file:line in lint output), "rule" is its id in every output. An
# optional "hint" says how to fix it (its own field in lint -o json).

# METADATA
# title: L7 delivery tasks carry RequestID
# description: Without RequestID a log line cannot be joined with the origin's logs.
# custom:
#   id: acme.request-id
#   severity: error
#   source: ACME logging standard, section "Correlation"
deny_request_id contains f if {
	some i, t in input.deliveryTasks
	t.logType in {"l7-access-logs", "domain", "web-attack"}
	not "RequestID" in t.fields
	f := {
		"msg": sprintf("task %q: deliver RequestID so that its logs join with the origin's", [t.name]),
		"rule": "acme.request-id",
		"path": sprintf("deliveryTasks[%d].fields", [i]),
	}
}

# METADATA
# title: CLS tasks sample at least 80%
# description: Dashboards built on CLS undercount below 80% sampling.
# custom:
#   id: acme.min-sample
#   severity: warning
#   source: ACME logging standard, section "Dashboards"
warn_min_sample contains f if {
	some i, t in input.deliveryTasks
	t.type == "cls"
	sample := object.get(t, "sample", 1000)
	sample < 800
	f := {
		"msg": sprintf("task %q samples %v per mille; CLS dashboards need at least 800", [t.name, sample]),
		"rule": "acme.min-sample",
		"path": sprintf("deliveryTasks[%d].sample", [i]),
	}
}

# A waiver, in conftest's exception form: the rule name without its
# deny_/warn_ prefix. logctl checks it per resource (on the input narrowed
# to the task a finding is about), so only access-to-cls is waived; the
# finding is still shown, marked waived. conftest checks it per input file.
exception contains rules if {
	some t in input.deliveryTasks
	t.name == "access-to-cls" # sampled at 60.5% to stay in the CLS budget (LOG-42)
	rules := ["min_sample"]
}
