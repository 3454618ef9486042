package engine

import (
	"context"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// ApplyOptions tunes Apply.
type ApplyOptions struct {
	// Parallelism is how many changes run at once within a phase (rate
	// limits still apply); 0 is the applier's default.
	Parallelism int
	// Progress, when set, is called after each change finishes, one call
	// at a time, with the number done and the total.
	Progress func(done, total int, r reconcile.Result)
}

// Apply carries out the plan: pl must come from Plan with ForApply, or
// from Saved. It never stops at the first failure; the results list every
// change.
func (e *Engine) Apply(ctx context.Context, pl *Planned, opts ApplyOptions) []reconcile.Result {
	applier := &reconcile.Applier{Providers: pl.providers, Parallelism: opts.Parallelism, Progress: opts.Progress}
	return applier.Apply(ctx, pl.Plan, pl.resolved, pl.live)
}

// Verify reads the live state again and diffs it with the files: after a
// complete apply the plan it returns has no changes.
func (e *Engine) Verify(ctx context.Context, pl *Planned) (*diff.Plan, error) {
	live, err := (&reconcile.Reader{Providers: pl.providers}).Read(ctx, pl.Targets)
	if err != nil {
		return nil, err
	}
	return diff.Compute(pl.resolved, pl.Raw, live), nil
}

// ResendSecrets makes the plan send the secrets of every delivery task
// that has some again (apply --replace-secrets: the API masks them, so a
// rotated secret shows no difference). pl must be for apply.
func (p *Planned) ResendSecrets() { diff.ResendSecrets(p.Plan, p.resolved) }

// Unsafe is the safety valve's verdict on the plan: the scopes where it
// deletes or replaces too much.
func (p *Planned) Unsafe() []reconcile.Unsafe {
	return reconcile.CheckSafety(p.Plan, p.safety())
}

func (p *Planned) safety() spec.Safety {
	if p.resolved != nil {
		return p.resolved.Safety
	}
	return p.Raw.Safety
}
