package logctl_test.all

import data.logctl_test.fixtures as fx

# The valid document of the fixtures must be clean under every package:
# the "passes" half of each rule's tests builds on it.
test_valid_document_is_clean if {
	found := {f | some pkg in ["teo", "cls", "lts", "scope"]; some f in fx.all_findings(pkg)} with input as fx.valid_doc
	count(found) == 0
}

# An empty document is clean too: rules must not assume lists exist.
test_empty_document_is_clean if {
	found := {f | some pkg in ["teo", "cls", "lts", "scope"]; some f in fx.all_findings(pkg)} with input as {"version": 1}
	count(found) == 0
}
