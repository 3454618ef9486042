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
// Error findings of the files' pass stop it before any API call with
// ErrDenied; the returned Planned then holds the files and the findings
// (nothing else), for a caller that reports them.
func (e *Engine) Plan(ctx context.Context, req PlanRequest) (*Planned, error) {
	in, err := e.loadAndLint(ctx, req.PolicyDirs, req.Paths)
	if err != nil {
		return nil, err
	}
	raw := in.raw
	pl := &Planned{Raw: raw, Findings: in.findings}
	if err := e.Observer.linted(in.findings, raw); err != nil {
		return pl, err
	}
	if hasErrors(in.findings) {
		return pl, ErrDenied
	}
	// The files' pass is done: what the live pass reads of the files is
	// in their typed form from here on (policy.Evaluation.ReleaseFiles).
	// The references are resolved after that, not beside the pass: the
	// copies they make (some 30 MB at 100,000 resources) would otherwise
	// add to the pass's peak, the plan's.
	in.eval.ReleaseFiles()
	if err := in.resolve(e.lookup); err != nil {
		return nil, err
	}
	pl.Targets = in.targets
	if pl.providers, err = e.providers(raw); err != nil {
		return nil, err
	}
	checked, err := e.check(ctx, pl.providers, pl.Targets, in.resolved, raw)
	if err != nil {
		return nil, err
	}
	if len(checked) > 0 {
		pl.Findings = append(pl.Findings, checked...)
		if err := e.Observer.checked(checked, raw); err != nil {
			return pl, err
		}
		if hasErrors(checked) {
			return pl, ErrDenied
		}
	}
	e.Observer.reading("plan", pl.Targets)
	plan, liveFindings, live, err := e.planTargets(ctx, in, pl.providers, req.ForApply)
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

// lintedInput is what plan knows before any API call.
type lintedInput struct {
	eval     *policy.Evaluation // raw converted to policy input once, for both passes
	raw      *spec.Document
	findings []policy.Finding
	resolved *spec.Document // raw with the ${env:} references resolved (resolve)
	targets  []reconcile.Target
}

// loadAndLint compiles the policies while spec.Load parses the files, then
// runs the files' policy pass. None of it sends anything.
func (e *Engine) loadAndLint(ctx context.Context, policyDirs, paths []string) (*lintedInput, error) {
	// A plan holds the typed files and the live state besides: the
	// resources of a large file are parsed again a chunk at a time in the
	// files' pass rather than held in the policies' form (some 90 MB at
	// 100,000 resources).
	f, err := load(ctx, policyDirs, paths, true)
	if err != nil {
		return nil, err
	}
	in := &lintedInput{raw: f.doc}
	if in.eval, err = f.prepare(); err == nil {
		in.findings, err = findings(ctx, in.eval, f.doc, f.diags, nil)
	}
	if err != nil {
		return nil, err
	}
	return in, nil
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
