package logctl_test.all

import data.logctl_test.fixtures as fx

# The valid document of the fixtures must be clean under every package:
# the "passes" half of each rule's tests builds on it.
test_valid_document_is_clean if {
	found := all_findings with input as fx.valid_doc
	count(found) == 0
}

# An empty document is clean too: rules must not assume lists exist.
test_empty_document_is_clean if {
	found := all_findings with input as {"version": 1}
	count(found) == 0
}

# The two tests above would pass on a broken all_findings: this one shows it
# sees a finding of every package.
test_all_findings_sees_every_package if {
	doc := object.union(fx.valid_doc, {
		"deliveryTasks": [object.union(fx.cls_task, {"sample": 0}), object.union(fx.cls_task, {"name": "second"})],
		"exports": [object.union(fx.export, {"count": 0})],
		"dumps": [object.union(fx.dump, {"period": "1min"})],
		"scopes": [{"zones": {}}],
	})
	rules := {f.rule | some f in all_findings} with input as doc
	rules == {"teo.sample-range", "teo.entity-unique", "cls.count-range", "lts.period", "scope.entry"}
}

all_findings := {f |
	some pkg in [data.logctl.teo, data.logctl.teo.unique, data.logctl.cls, data.logctl.lts, data.logctl.scope]
	some f in fx.all_findings(pkg)
}
