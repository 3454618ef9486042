package providertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/reconcile"
)

// Env is one provider wired to a fresh emulator.
type Env struct {
	Provider reconcile.Provider
	Server   *emulator.Server
	// Target is where Desired resources live; Read(Target) must list them.
	Target reconcile.Target
	// ReadAction and CreateAction are the Server.Requests keys of the list
	// and create calls, e.g. "teo:DescribeRealtimeLogDeliveryTasks".
	ReadAction   string
	CreateAction string
	// PageSize is the page size the provider was built with (tests lower
	// it); 0 means the list is one call whatever its length.
	PageSize int
	// ConfirmsEnd: Read asks for one more page after the last non-empty
	// one, because the vendor leaves open whether a short page ends the
	// list (LTS ListTransfers, which may cap pages below the limit).
	ConfirmsEnd bool
	// Desired returns the i-th resource to create in Target, for i in
	// 0..63: distinct i give distinct identities that can coexist.
	Desired func(i int) reconcile.Object
	// Change returns a copy of obj with mutable fields changed. Nil means
	// the kind is immutable: Update must fail with apierr.ErrInvalid.
	Change func(obj reconcile.Object) reconcile.Object
	// Variants are further shapes (destinations, formats, options) that
	// must read back as a no-op plan.
	Variants []reconcile.Object
	// Unlimited, when set, is the same provider without client-side
	// pacing: the throttling test first shows with it that the emulator
	// does refuse a burst, so that the paced run proves something.
	Unlimited reconcile.Provider
}

// Run walks the provider through the conformance steps, each on a fresh
// environment from newEnv.
func Run(t *testing.T, newEnv func(t *testing.T) Env) {
	t.Run("lifecycle", func(t *testing.T) { lifecycle(t, newEnv(t)) })
	t.Run("variants", func(t *testing.T) { variants(t, newEnv(t)) })
	t.Run("pagination", func(t *testing.T) { pagination(t, newEnv(t)) })
	t.Run("concurrency", func(t *testing.T) { concurrency(t, newEnv(t)) })
	t.Run("throttling", func(t *testing.T) { throttling(t, newEnv) })
}

// RunLive walks the steps that need no emulator (no request counters, no
// faults): lifecycle and variants. The acceptance suite runs it against the
// real APIs, where Env.Server is nil.
func RunLive(t *testing.T, newEnv func(t *testing.T) Env) {
	t.Run("lifecycle", func(t *testing.T) { lifecycle(t, newEnv(t)) })
	t.Run("variants", func(t *testing.T) { variants(t, newEnv(t)) })
}

// RunOutcomeUnknown checks, on an environment whose emulator drops the
// answer of every mutating call after committing it (FaultAfterCommit 1),
// that Create reports apierr.ErrOutcomeUnknown and that the resource can
// then be found by identity: what apply's find-before-retry relies on.
func RunOutcomeUnknown(t *testing.T, env Env) {
	ctx := testContext(t)
	want := env.Desired(0)
	_, err := env.Provider.Create(ctx, want)
	if !errors.Is(err, apierr.ErrOutcomeUnknown) {
		t.Fatalf("Create with the answer dropped = %v, want an error classified ErrOutcomeUnknown", err)
	}
	for _, class := range []error{apierr.ErrUnavailable, apierr.ErrThrottled, apierr.ErrNotFound, apierr.ErrInvalid} {
		if errors.Is(err, class) {
			t.Errorf("Create error is also classified %v; a lost answer must be only ErrOutcomeUnknown", class)
		}
	}
	objs := read(t, ctx, env)
	if n := countKey(objs, want.Key()); n != 1 {
		t.Fatalf("after the lost answer, Read finds %d resources with key %s, want 1 (the create committed)", n, want.Key())
	}
}

// testContext bounds every step: a hung call fails the test instead of
// the whole binary.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
