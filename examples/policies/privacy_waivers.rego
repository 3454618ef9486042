# A waiver of a built-in privacy rule: the exception goes in the rule's
# package, logctl.privacy, and names the rule without its warn_/deny_
# prefix. logctl checks it per task, so only l4-to-s3 is waived; the
# finding is still listed, marked waived.
package logctl.privacy

exception contains rules if {
	some t in input.deliveryTasks
	t.name == "l4-to-s3" # client IPs to the archive bucket: covered by DPA-2024-17 with the bucket's operator
	rules := ["pii_field"]
}
