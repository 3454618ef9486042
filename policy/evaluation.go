package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/logctl/logctl/spec"
)

// Evaluation is one document converted to policy input once, so that it
// can be evaluated more than once: plan lints the files before any API
// call, then again with the live state. Converting 100,000 resources
// costs hundreds of megabytes and a good share of a pass; the second pass
// also re-runs only the packages that read data.logctl.live.
//
// An Evaluation may be used by several goroutines at once.
type Evaluation struct {
	e     *Engine
	doc   *spec.Document
	input ast.Value

	mu   sync.Mutex
	base map[string][]Finding // per package, of the last evaluation without live state
	conv *converter           // knows the input's shared terms; locks itself

	chunkSize int        // resources per chunk of the files' pass; 0 is chunkSize
	frame     ast.Object // the input without its resource lists, once released
}

// Prepare converts doc to the policies' input. The resources of doc's input
// are replaced by their terms in place (spec.Document.ConvertInput), so that
// 100,000 resources are never held twice; doc must not change otherwise
// while the Evaluation is in use.
func (e *Engine) Prepare(doc *spec.Document) (*Evaluation, error) {
	return e.PrepareWith(doc, nil)
}

// PrepareWith is Prepare with the Converter that converted doc's resources
// while it loaded (spec.LoadOptions.ConvertItem); nil is a new one.
func (e *Engine) PrepareWith(doc *spec.Document, c *Converter) (*Evaluation, error) {
	if c == nil {
		c = NewConverter()
	}
	conv := c.c
	var input ast.Value
	// Both steps under the document's lock: another Prepare of the same
	// document may be replacing its items meanwhile.
	err := doc.ConvertInput(func(in map[string]any) (err error) {
		if err = convertInput(in, conv); err != nil {
			return err
		}
		input, err = conv.value(in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	return &Evaluation{e: e, doc: doc, input: input, conv: conv}, nil
}

// Convert turns one plain value of the live state (a resource shaped as the
// YAML) into the form Eval takes without converting it again. Converting
// the live resources one at a time as they are built, instead of handing
// Eval plain values, keeps only one resource in plain form at a time; equal
// parts of live and desired resources share one term.
func (v *Evaluation) Convert(x any) (any, error) {
	t, err := v.conv.resource(x)
	if err != nil {
		return nil, fmt.Errorf("live state: %w", err)
	}
	return t, nil
}

// Eval evaluates the policies as Engine.Eval does. With live state and an
// earlier evaluation without it, only the packages that read
// data.logctl.live are evaluated again; the findings of the others cannot
// change and are taken from the earlier evaluation.
func (v *Evaluation) Eval(ctx context.Context, live map[string]any) ([]Finding, error) {
	if v.released() {
		return nil, errReleased
	}
	if live == nil {
		return v.evalBase(ctx)
	}
	v.mu.Lock()
	base := v.base
	v.mu.Unlock()
	groups := v.e.groups
	if base != nil {
		groups = v.e.liveGroups
	}
	byPkg, err := v.runLive(ctx, groups, v.input, live)
	if err != nil {
		return nil, err
	}
	for pkg, fs := range base {
		if !v.e.livePkgs[pkg] {
			byPkg[pkg] = fs
		}
	}
	return flatten(byPkg), nil
}

// runLive runs groups over input with live as data.logctl.live.
func (v *Evaluation) runLive(ctx context.Context, groups []*queryGroup, input ast.Value, live map[string]any) (map[string][]Finding, error) {
	liveAST, err := v.conv.value(live)
	if err != nil {
		return nil, fmt.Errorf("live state: %w", err)
	}
	// Every term is built by now: the sharing tables (~20 MB at 100,000
	// resources) need not live through the evaluation, its peak. A later
	// Convert starts them afresh and only shares less.
	v.conv.reset()
	txn, err := v.e.liveTxn(ctx, liveAST)
	if err != nil {
		return nil, err
	}
	defer v.e.store.Abort(ctx, txn)
	return v.run(ctx, groups, input, txn)
}

// errReleased: Eval after ReleaseFiles, a caller's mistake.
var errReleased = errors.New("policy input: the files' input was released")

// evalBase evaluates every rule without live state, once.
func (v *Evaluation) evalBase(ctx context.Context) ([]Finding, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.base == nil {
		byPkg, err := v.runChunked(ctx)
		if err != nil {
			return nil, err
		}
		v.base = byPkg
	}
	return flatten(v.base), nil
}

// run evaluates the groups' rules and their exceptions and returns the
// placed findings by package.
func (v *Evaluation) run(ctx context.Context, groups []*queryGroup, input ast.Value, txn storage.Transaction) (map[string][]Finding, error) {
	raw, err := evalGroups(ctx, groups, input, txn)
	if err != nil {
		return nil, err
	}
	return v.settle(ctx, raw, input, txn)
}

// runChunked is run of every rule without live state, the chunkable
// packages' rules chunk by chunk.
func (v *Evaluation) runChunked(ctx context.Context) (map[string][]Finding, error) {
	// The files' terms are all built: the sharing tables (~20 MB at
	// 100,000 resources) need not live through their evaluation.
	v.conv.reset()
	var jobs []evalJob
	size := v.chunkSize
	if size <= 0 {
		size = chunkSize
	}
	for _, sub := range chunks(v.input, size) {
		for _, g := range v.e.chunkGroups {
			jobs = append(jobs, evalJob{g: g, input: func() (ast.Value, error) { return v.subsetInput(sub) }})
		}
	}
	if len(jobs) == 0 {
		// No resources: the chunkable rules still see the (empty) files.
		for _, g := range v.e.chunkGroups {
			jobs = append(jobs, evalJob{g: g, input: v.wholeInput})
		}
	}
	for _, g := range v.e.wholeGroups {
		jobs = append(jobs, evalJob{g: g, input: v.wholeInput})
	}
	raw, err := evalJobs(ctx, jobs, nil)
	if err != nil {
		return nil, err
	}
	return v.settle(ctx, dedupe(raw), v.input, nil)
}

func (v *Evaluation) wholeInput() (ast.Value, error) { return v.input, nil }

// settle caps, places and waives raw findings, by package.
func (v *Evaluation) settle(ctx context.Context, raw []rawFinding, input ast.Value, txn storage.Transaction) (map[string][]Finding, error) {
	raw, capped := capFindings(raw)
	findings := make([]Finding, 0, len(raw))
	for _, f := range raw {
		findings = append(findings, place(v.doc, f))
	}
	if err := v.e.waive(ctx, input, raw, findings, txn); err != nil {
		return nil, err
	}
	byPkg := map[string][]Finding{}
	for i, f := range raw {
		byPkg[f.rule.pkg] = append(byPkg[f.rule.pkg], findings[i])
	}
	if capped != nil {
		capped.Pos = v.doc.Locate("")
		byPkg[""] = append(byPkg[""], *capped)
	}
	return byPkg, nil
}

// flatten returns a new, sorted slice of all findings: callers may keep
// or change it without touching the Evaluation's copy.
func flatten(byPkg map[string][]Finding) []Finding {
	n := 0
	for _, fs := range byPkg {
		n += len(fs)
	}
	out := make([]Finding, 0, n)
	for _, fs := range byPkg {
		out = append(out, fs...)
	}
	sortFindings(out)
	return slices.Clip(out)
}
