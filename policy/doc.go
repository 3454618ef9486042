// Package policy lints the desired state with Rego: the built-in policies
// embedded in the binary plus user policies from --policy directories.
//
// # Policies
//
// Policies are Rego v1 modules in packages under logctl. (logctl.teo,
// logctl.teo.unique, logctl.cls, logctl.lts, logctl.scope, logctl.privacy for the built-in
// ones); every package under logctl. is evaluated, user packages too. The
// input document is the merged YAML (spec.Document.Input); live state, when
// read, is data.logctl.live with the keys deliveryTasks, exports and dumps.
//
// Rules follow conftest's conventions, so the same files run unchanged under
// `conftest test --all-namespaces -p DIR FILE`:
//
//	deny_<name> contains f if { ... }  # an error (also deny, violation, violation_<name>)
//	warn_<name> contains f if { ... }  # a warning (also warn)
//
// with f = {"msg": ..., "rule": "pkg.rule-id", "path": "deliveryTasks[3].sample"}.
// A plain string result (deny contains msg) works too; it has no position
// beyond the first file. The path places a finding at the line of that YAML
// key. Each built-in rule carries # METADATA with its id (custom.id), title,
// severity (custom.severity) and the vendor rule it enforces (custom.source,
// related_resources); Rules lists them for SARIF and docs.
//
// Data files (.json, .yaml) in a --policy directory become data, as with
// `opa eval -d`. The built-in field catalog reads data.logctl.fields, a map
// from log type to extra field names, so a new EdgeOne field is one line:
//
//	logctl:
//	  fields:
//	    l7-access-logs: [NewFieldName]
//
// # Exceptions (waivers)
//
// A finding is waived with conftest's exception rule, written in the package
// of the rule it waives and naming the rule without its deny_/warn_ prefix:
//
//	package logctl.teo
//
//	exception contains rules if {
//		some t in input.deliveryTasks
//		t.name == "legacy_task"
//		rules := ["sample_range"]  # waives deny_sample_range (teo.sample-range)
//	}
//
// conftest applies an exception to its whole input file. logctl applies it
// per resource: for a finding about deliveryTasks[3], the exception is
// evaluated on the input narrowed to that one task (the other resource
// lists empty), so the example waives the legacy task only. A file holding
// just that resource therefore behaves the same under both tools. Waived
// findings are never dropped: they carry Waived and WaivedBy (the exception
// rule and its file:line) and are shown as waived; they fail nothing.
//
// # Performance
//
// New compiles everything once and prepares the queries; Eval evaluates
// the rules in two groups on two goroutines (whole packages per group, so
// helper rules are computed once per group). The built-in packages that
// read the resource lists are evaluated a chunk at a time (a zone, a
// topic, all dumps; chunks.go), each chunk's input built from the
// document's items when it is evaluated and dropped after: with
// spec.LoadOptions.DeferItems a plan of 100,000 resources never holds the
// policies' form of all of them. Packages that need every resource at once
// (user packages, exceptions, lint --live) get the whole input, converted
// in one walk with the document's resources replaced by their terms in
// place. A Converter shares one term among equal short strings, numbers,
// lists and objects; given to spec.LoadWith it converts each resource as
// it is parsed, and given to PrepareWith it lets the live state
// (Evaluation.Convert, one resource at a time) share the files' terms. The built-in rules are linear in the number of
// resources: uniqueness sorts rows instead of comparing pairs, and the
// per-task rules only visit the tasks a one-pass screen flags
// (builtin/teo_screen.rego).
//
// Nothing is keyed by OPA's hash of a list, which sums its elements' hashes
// and so equates every permutation: the Converter keys shared lists and
// objects by the identity of their parts (composite.go), and evaluation
// caches rule and function results in a cache that tells colliding terms
// apart by their printed form (vcache.go). BenchmarkHostileLint holds the
// inputs that once took 97 s and 46 s.
//
// # Limits
//
// One evaluation keeps at most MaxFindings findings and says how many more
// there were; a message longer than spec.MaxText is clipped. Evaluation
// stops when its context is cancelled (lint on SIGINT or SIGTERM).
package policy
