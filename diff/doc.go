// Package diff compares the desired state (from spec) with the live state
// (read by the providers) and produces a Plan: one Change per resource, as
// plain JSON-serializable data.
//
// It is pure: no I/O, no clients. Both sides go through the same Normalize
// step (defaults, sets, legacy names, server-filled fields), so that "apply,
// then plan" is empty. Resources are joined by identity (design §3); fields the
// vendor API cannot modify turn an update into a replace; live resources that
// no file declares become deletes only inside a declared scope, and are
// otherwise listed as unmanaged. Secret values never enter a Plan: they are
// compared through a keyed fingerprint and shown as "(sensitive)".
package diff
