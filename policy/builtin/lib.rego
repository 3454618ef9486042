# METADATA
# title: Shared helpers of the logctl built-in policies
# description: |
#   Finding constructor, ${env:NAME} detection and small value checks used by
#   every logctl.* package. It holds no deny or warn rule of its own.
package logctl.lib

# finding builds the shape every logctl rule emits: conftest reads "msg" and
# keeps the other keys as metadata; logctl reads "rule" and "path" to place
# the finding at file:line:col.
finding(rule, msg, path) := {"msg": msg, "rule": rule, "path": path}

# env_ref holds for a whole-string ${env:NAME} reference. Such a value is only
# known at plan/apply time, so format checks skip it.
env_ref(v) if {
	is_string(v)
	regex.match(`^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$`, v)
}

# literal holds for a value that is not an ${env:NAME} reference.
literal(v) if not env_ref(v)

# present holds when a field is set to something other than null or "".
present(obj, key) if not empty[object.get(obj, key, null)]

# empty holds the values that count as "not set" for a required field. Rules
# test lib.empty[object.get(obj, key, null)]: two cheap lookups, where a
# function call per resource and field would dominate a large lint.
empty := {null, "", []}

# nonempty_list holds for a list with at least one element.
nonempty_list(obj, key) if {
	is_array(obj[key])
	count(obj[key]) > 0
}

# integer holds for a number without a fractional part.
integer(v) if {
	is_number(v)
	v == round(v)
}

# quote renders a value for a message: strings in quotes, the rest as JSON.
quote(v) := sprintf("%q", [v]) if is_string(v)

quote(v) := json.marshal(v) if not is_string(v)

# enum_msg is the common "x is not one of ..." wording. A set is listed
# sorted, an array in its own (meaningful) order.
enum_msg(field, v, allowed) := sprintf("%s %s is not one of %s", [field, quote(v), concat(", ", _listed(allowed))])

_listed(xs) := sort(xs) if is_set(xs)

_listed(xs) := xs if is_array(xs)

# resource_path is the path of the resource at index i of a top-level list.
resource_path(list, i) := sprintf("%s[%d]", [list, i])

# field_path is the path of a key inside the resource at index i.
field_path(list, i, key) := sprintf("%s[%d].%s", [list, i, key])

# label names a resource in a message: `task "edge-logs"`, or `task #3` when
# the resource has no usable name.
label(noun, r, i) := sprintf("%s %q", [noun, r.name]) if {
	is_string(r.name)
	r.name != ""
}

label(noun, r, i) := sprintf("%s #%d", [noun, i]) if not _named(r)

_named(r) if {
	is_string(r.name)
	r.name != ""
}
