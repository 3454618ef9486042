package providertest

import (
	"errors"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/reconcile"
)

// lifecycle: create → read back (no-op plan) → update → read (no-op
// against the change) → delete → read (gone) → delete again (not found).
func lifecycle(t *testing.T, env Env) {
	ctx := testContext(t)
	want := env.Desired(0)
	id, err := env.Provider.Create(ctx, want)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if id == "" {
		t.Fatal("Create returned an empty id")
	}
	live := mustFind(t, read(t, ctx, env), id)
	assertPlan(t, "after create", []reconcile.Object{want}, []reconcile.Object{live}, diff.Summary{Noop: 1})

	if env.Change == nil {
		err := env.Provider.Update(ctx, live, want)
		if !errors.Is(err, apierr.ErrInvalid) {
			t.Errorf("Update of an immutable kind = %v, want an error classified ErrInvalid", err)
		}
	} else {
		changed := env.Change(want)
		// The change must be visible to diff, or this step proves nothing.
		assertPlan(t, "change before update", []reconcile.Object{changed}, []reconcile.Object{live}, diff.Summary{Update: 1})
		if err := env.Provider.Update(ctx, live, changed); err != nil {
			t.Fatalf("Update: %v", err)
		}
		live = mustFind(t, read(t, ctx, env), id)
		assertPlan(t, "after update", []reconcile.Object{changed}, []reconcile.Object{live}, diff.Summary{Noop: 1})
	}

	if err := env.Provider.Delete(ctx, live); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if objs := read(t, ctx, env); findID(objs, id) != nil {
		t.Errorf("Read after Delete still lists %s", id)
	}
	err = env.Provider.Delete(ctx, live)
	if !errors.Is(err, apierr.ErrNotFound) {
		t.Errorf("second Delete = %v, want an error classified ErrNotFound", err)
	}
}

// variants: every further shape reads back as a no-op plan, together.
func variants(t *testing.T, env Env) {
	if len(env.Variants) == 0 {
		t.Skip("the provider lists no variants")
	}
	ctx := testContext(t)
	for i, v := range env.Variants {
		if _, err := env.Provider.Create(ctx, v); err != nil {
			t.Fatalf("Create variant %d (%s): %v", i, v.Key(), err)
		}
	}
	objs := read(t, ctx, env)
	assertPlan(t, "variants", env.Variants, objs, diff.Summary{Noop: len(env.Variants)})
	for _, o := range objs {
		if err := env.Provider.Delete(ctx, o); err != nil {
			t.Errorf("Delete %s: %v", o.ID, err)
		}
	}
}

// pagination: Read costs one list call per page (design §9), empty or not.
func pagination(t *testing.T, env Env) {
	ctx := testContext(t)
	n := 5
	if env.PageSize > 0 {
		n = 2*env.PageSize + 1 // two full pages and a partial one
	}
	assertReadCost(t, env, 0)
	for i := range n {
		if _, err := env.Provider.Create(ctx, env.Desired(i)); err != nil {
			t.Fatalf("Create %d: %v", i, err)
		}
	}
	assertReadCost(t, env, n)
}

func assertReadCost(t *testing.T, env Env, n int) {
	t.Helper()
	before := env.Server.Requests()[env.ReadAction]
	objs := read(t, testContext(t), env)
	calls := env.Server.Requests()[env.ReadAction] - before
	if len(objs) != n {
		t.Errorf("Read of %d resources returned %d", n, len(objs))
	}
	want := 1
	if env.PageSize > 0 && n > 0 {
		want = (n + env.PageSize - 1) / env.PageSize
	}
	if env.ConfirmsEnd && n > 0 {
		want++ // the empty page that ends the list
	}
	t.Logf("read %d resources (page size %d) in %d %s calls", n, env.PageSize, calls, env.ReadAction)
	if calls != want {
		t.Errorf("Read of %d resources with page size %d made %d %s calls, want %d", n, env.PageSize, calls, env.ReadAction, want)
	}
}
