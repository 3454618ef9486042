package engine

import (
	"context"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// PlanRequest says what to plan.
type PlanRequest struct {
	Paths      []string // files and directories; none means "."
	PolicyDirs []string // user Rego and data, on top of the built-in policies
	// ForApply keeps what Apply needs: the resolved files and the live
	// state. A plan only to show lets them go as soon as it can.
	ForApply bool
}

// Planned is what a plan produced.
type Planned struct {
	Raw      *spec.Document // the files as written (secrets unresolved)
	Plan     *diff.Plan
	Targets  []reconcile.Target
	Findings []policy.Finding // both policy passes

	// Kept for Apply (PlanRequest.ForApply, or a saved plan).
	resolved  *spec.Document
	live      *diff.Live
	providers map[spec.Kind]reconcile.Provider
}

// Plan lints, resolves the environment, reads the live state and diffs.
//
// The reads start while the files' policy pass runs, once the checks that
// need no pass have passed (every reference resolves, the credentials and
// Engine.Check): the reads wait for the quota, the pass for the cores
// (design §9). A missing variable, or a check's error findings, stop it
// before any read. Error findings of the files' pass stop it with
// ErrDenied, cancelling the reads in flight; nothing is planned. The
// returned Planned then holds the files and the findings (nothing else),
// for a caller that reports them. The observer hears of the files' pass
// first, whatever stopped the plan.
func (e *Engine) Plan(ctx context.Context, req PlanRequest) (*Planned, error) {
	f, err := load(ctx, req.PolicyDirs, req.Paths, true)
	if err != nil {
		return nil, err
	}
	in := &lintedInput{raw: f.doc}
	if in.eval, err = f.prepare(); err != nil {
		return nil, err
	}
	type passed struct {
		findings []policy.Finding
		err      error
	}
	pass := make(chan passed, 1)
	go func() {
		fs, err := findings(ctx, in.eval, f.doc, f.diags, nil)
		pass <- passed{fs, err}
	}()
	raw := in.raw
	pl := &Planned{Raw: raw}
	// Beside the pass: what must hold before any read.
	var checked []policy.Finding
	err = in.resolve(e.lookup)
	if err == nil {
		pl.Targets = in.targets
		pl.providers, err = e.providers(raw)
	}
	if err == nil {
		checked, err = e.check(ctx, pl.providers, pl.Targets, in.resolved, raw)
	}
	var reads *targetReads
	if err == nil && !hasErrors(checked) {
		reads = e.startReads(ctx, in, pl.providers, req.ForApply)
	}
	stop := func() {
		if reads != nil {
			reads.stop()
		}
	}
	p := <-pass
	if p.err != nil {
		stop()
		return nil, p.err
	}
	in.findings, pl.Findings = p.findings, p.findings
	if err := e.Observer.linted(in.findings, raw); err != nil {
		stop()
		return pl, err
	}
	if hasErrors(in.findings) {
		stop()
		return pl, ErrDenied
	}
	if err != nil {
		return nil, err
	}
	// The files' pass is done: what the live pass reads of the files is
	// in their typed form from here on.
	in.eval.ReleaseFiles()
	if len(checked) > 0 {
		pl.Findings = append(pl.Findings, checked...)
		if err := e.Observer.checked(checked, raw); err != nil {
			stop()
			return pl, err
		}
		if hasErrors(checked) {
			return pl, ErrDenied
		}
	}
	e.Observer.reading("plan", pl.Targets)
	plan, liveFindings, live, err := reads.plan(ctx, e, req.ForApply)
	if err != nil {
		return nil, err
	}
	if req.ForApply {
		pl.resolved, pl.live = in.resolved, live
	}
	// No more policy evaluation: the policies' form of the files can go.
	in.eval = nil
	raw.ReleaseInput()
	extra := newFindings(in.findings, liveFindings)
	pl.Findings = append(pl.Findings, extra...)
	if err := e.Observer.liveFindings(extra, raw); err != nil {
		return pl, err
	}
	if hasErrors(extra) {
		return pl, ErrDenied
	}
	pl.Plan = plan
	return pl, nil
}

// lintedInput is what plan knows of the files.
type lintedInput struct {
	eval     *policy.Evaluation // raw converted to policy input once, for both passes
	raw      *spec.Document
	findings []policy.Finding
	resolved *spec.Document // raw with the ${env:} references resolved (resolve)
	targets  []reconcile.Target
}

// resolve resolves the ${env:} references and finds the targets (a zone
// may be a reference); a missing variable is a *MissingEnvError.
func (in *lintedInput) resolve(lookup func(string) (string, bool)) error {
	var diags spec.Diagnostics
	in.resolved, diags = in.raw.Resolve(lookup)
	if diags.HasErrors() {
		return &MissingEnvError{Diagnostics: diags}
	}
	in.targets = reconcile.Targets(in.resolved)
	return nil
}

// newFindings returns the findings of the live pass that the first pass did
// not have, once each (the live pass runs per target), sorted.
func newFindings(before, after []policy.Finding) []policy.Finding {
	seen := map[string]bool{}
	key := func(f policy.Finding) string { return f.Rule + "|" + f.Path + "|" + f.Message }
	for _, f := range before {
		seen[key(f)] = true
	}
	var out []policy.Finding
	for _, f := range after {
		if k := key(f); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	policy.Sort(out)
	return out
}

// policyLive hands live to the policies.
func policyLive(live *diff.Live) policy.Live {
	return policy.Live{
		DeliveryTasks: each(live.DeliveryTasks, func(t *diff.LiveTask) *spec.DeliveryTask { return &t.Task }),
		Exports:       each(live.Exports, func(x *diff.LiveExport) *spec.Export { return &x.Export }),
		Dumps:         each(live.Dumps, func(d *diff.LiveDump) *spec.Dump { return &d.Dump }),
	}
}

func each[T, R any](items []T, get func(*T) *R) func(func(*R) bool) {
	return func(yield func(*R) bool) {
		for i := range items {
			if !yield(get(&items[i])) {
				return
			}
		}
	}
}
