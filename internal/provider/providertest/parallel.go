package providertest

import (
	"errors"
	"sync"
	"testing"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/reconcile"
)

// concurrency: parallel creates and deletes through one provider (run the
// suite under -race) give distinct ids, all listed, then all gone.
func concurrency(t *testing.T, env Env) {
	ctx := testContext(t)
	const n = 8
	want := make([]reconcile.Object, n)
	for i := range want {
		want[i] = env.Desired(i)
	}
	ids, errs := createAll(env.Provider, want)
	seen := map[string]bool{}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("parallel Create %d: %v", i, err)
		}
		if seen[ids[i]] {
			t.Fatalf("parallel creates returned the id %s twice", ids[i])
		}
		seen[ids[i]] = true
	}
	objs := read(t, ctx, env)
	for _, id := range ids {
		mustFind(t, objs, id)
	}
	var wg sync.WaitGroup
	delErrs := make([]error, len(objs))
	for i, o := range objs {
		wg.Go(func() { delErrs[i] = env.Provider.Delete(ctx, o) })
	}
	wg.Wait()
	if err := errors.Join(delErrs...); err != nil {
		t.Fatalf("parallel Delete: %v", err)
	}
	if left := read(t, ctx, env); len(left) != 0 {
		t.Errorf("after deleting everything, Read lists %d resources", len(left))
	}
}

// throttling: 40 creates fired at once through the provider are paced by
// its limiter and none is refused with RequestLimitExceeded (the provider
// does not retry, so a refusal would surface as ErrThrottled).
func throttling(t *testing.T, newEnv func(t *testing.T) Env) {
	const n = 40
	env := newEnv(t)
	want := make([]reconcile.Object, n)
	for i := range want {
		want[i] = env.Desired(i)
	}
	if env.Unlimited != nil {
		control := newEnv(t)
		_, errs := createAll(control.Unlimited, want)
		if countClass(errs, apierr.ErrThrottled) == 0 {
			t.Fatalf("control: %d unpaced creates were never throttled; the emulator's rate limits are off and this test proves nothing", n)
		}
	}
	_, errs := createAll(env.Provider, want)
	if k := countClass(errs, apierr.ErrThrottled); k > 0 {
		t.Errorf("%d of %d paced creates were throttled, want 0", k, n)
	}
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("paced creates: %v", err)
	}
	if got := env.Server.Requests()[env.CreateAction]; got != n {
		t.Errorf("%d creates sent %d %s requests, want %d", n, got, env.CreateAction, n)
	}
}

// createAll creates every object at once, one goroutine each.
func createAll(p reconcile.Provider, objs []reconcile.Object) ([]string, []error) {
	ctx := contextFor(len(objs))
	defer ctx.cancel()
	ids := make([]string, len(objs))
	errs := make([]error, len(objs))
	var wg sync.WaitGroup
	for i, o := range objs {
		wg.Go(func() { ids[i], errs[i] = p.Create(ctx, o) })
	}
	wg.Wait()
	return ids, errs
}

func countClass(errs []error, class error) int {
	n := 0
	for _, err := range errs {
		if errors.Is(err, class) {
			n++
		}
	}
	return n
}
