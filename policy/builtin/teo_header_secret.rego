# Custom endpoint headers carry credentials more often than not, and the API
# does not say which do (edgeone-logs.md §7, Header: Name and Value only). So
# a header value is treated as secret unless the header is known to be
# harmless, or the file says `secret: false` explicitly.
package logctl.teo

import data.logctl.lib

# The headers whose values are never secret, lower case (header names are
# case-insensitive). The same list as spec.HarmlessHeaders, which `logctl
# import` uses; policy's Go tests keep the two equal.
harmless_headers := {"accept", "content-encoding", "content-type", "user-agent", "vendor"}

# METADATA
# title: Header values are secrets unless known harmless or marked secret false
# description: >-
#   A literal value in a custom endpoint header that is neither on the harmless
#   list (Accept, Content-Encoding, Content-Type, User-Agent, Vendor) nor marked
#   secret false may be a credential committed to Git.
# custom:
#   id: teo.header-literal-secret
#   severity: error
#   source: logctl design, secret fields; EdgeOne CustomEndpoint Headers (teo 2022-09-01)
deny_header_literal_secret contains f if {
	count(_literal_headers) > 0
	some i, t in input.deliveryTasks
	some j, h in t.customEndpoint.headers
	_literal_headers[h]
	p := sprintf("customEndpoint.headers[%d].value", [j])
	f := lib.finding(
		"teo.header-literal-secret",
		sprintf("%s: header %s has a literal value; if it is a credential write ${env:NAME} with `secret: true`, else add `secret: false` to say it is not one", [lib.label("task", t, i), lib.quote(h.name)]),
		sprintf("deliveryTasks[%d].%s", [i, p]),
	)
}

# The distinct headers that break the rule, found once per distinct header
# (a configuration repeats the same few across thousands of tasks).
_literal_headers := {h |
	some h in {x | some t in input.deliveryTasks; some x in t.customEndpoint.headers}
	is_object(h)
	not _header_value_allowed(h)
}

# Marked secret: teo.literal-secret already requires a reference.
_header_value_allowed(h) if h.secret == true

_header_value_allowed(h) if h.secret == false

_header_value_allowed(h) if lib.env_ref(h.value)

_header_value_allowed(h) if lib.empty[object.get(h, "value", null)]

_header_value_allowed(h) if harmless_headers[lower(h.name)]

_header_value_allowed(h) if not is_string(h.name)
