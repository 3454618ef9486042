// Package providertest is the conformance suite every reconcile.Provider
// passes against the emulator (internal/emulator) over real HTTP, with the
// vendors' own signing: no in-process fake of our interfaces stands in.
//
// A provider package calls Run with a constructor of fresh environments
// (one emulator, one provider, the emulator's request counters) and the
// suite walks the provider through the life of a resource: create, read
// back as a no-op plan (diff.Compute on a one-resource document), update
// (or refuse it, for immutable kinds), delete, read it gone, delete again
// (not found). It also checks paging cost (design §9: one list call per
// page), concurrent creates and deletes, and pacing under the emulator's
// per-action rate limits. RunOutcomeUnknown checks that a create whose
// answer is lost is classified apierr.ErrOutcomeUnknown and can be found
// by identity before a retry. Clock lets a provider's waits for lagging
// reads (emulator semantics describe-lag, async-delete) move the
// emulator's clock instead of the test's wall time.
package providertest
