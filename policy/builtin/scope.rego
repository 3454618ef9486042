# METADATA
# title: Ownership scopes
# description: |
#   Rules for scopes: each entry names one resource kind and the selector
#   that bounds what this repository owns (design §3, Ownership).
package logctl.scope

import data.logctl.lib

# The selector keys each kind accepts; the first one is required.
_selectors := {
	"deliveryTasks": ["zoneId"],
	"exports": ["topicId", "region"],
	"dumps": ["logGroupId", "projectId", "region"],
}

# METADATA
# title: Scope entries name one kind with a valid selector
# description: >-
#   Each entry names one kind and its selector - deliveryTasks by zoneId,
#   exports by topicId (and region), dumps by logGroupId (and projectId, region).
# custom:
#   id: scope.entry
#   severity: error
#   source: logctl design, scopes
deny_entry contains f if {
	some i, e in input.scopes
	some problem in _entry_problems(e)
	f := lib.finding(
		"scope.entry",
		sprintf("scopes[%d]: %s", [i, problem[0]]),
		sprintf("scopes[%d]%s", [i, problem[1]]),
	)
}

_entry_problems(e) := {["must be a mapping such as {deliveryTasks: {zoneId: ...}}", ""]} if not is_object(e)

_entry_problems(e) := _kind_problems(e) | _selector_problems(e) if is_object(e)

_kind_problems(e) := {p |
	kinds := {k | some k, _ in e}
	count(kinds) != 1
	p := [sprintf("must name exactly one of deliveryTasks, exports, dumps (has %d keys)", [count(kinds)]), ""]
} | {p |
	some k, _ in e
	not _selectors[k]
	p := [sprintf("%q is not a resource kind; use deliveryTasks, exports or dumps", [k]), sprintf(".%s", [k])]
}

_selector_problems(e) := {p |
	some k, sel in e
	keys := _selectors[k]
	some p in _selector_problem(k, sel, keys)
}

_selector_problem(k, sel, keys) := {[sprintf("%s needs a selector mapping like {%s: ...}", [k, keys[0]]), sprintf(".%s", [k])]} if not is_object(sel)

_selector_problem(k, sel, keys) := {p |
	not lib.present(sel, keys[0])
	p := [sprintf("%s selector needs %s", [k, keys[0]]), sprintf(".%s.%s", [k, keys[0]])]
} | {p |
	some key, _ in sel
	not key in keys
	p := [sprintf("%s selector does not take %q (use %s)", [k, key, concat(", ", keys)]), sprintf(".%s.%s", [k, key])]
} if is_object(sel)
