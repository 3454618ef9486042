package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/logctl/logctl/spec"
)

// Evaluation is one document readied for the policies, so that it can be
// evaluated more than once: plan lints the files before any API call, then
// again with the live state, target by target (EvalSubset). The files'
// pass builds the policy input of one chunk of resources at a time; the
// whole input is built once, and only when something needs all of it. The
// second pass re-runs only the packages that read data.logctl.live.
//
// An Evaluation may be used by several goroutines at once.
type Evaluation struct {
	e     *Engine
	doc   *spec.Document
	frame ast.Object // the input without its resource lists: version, defaults, scopes

	mu       sync.Mutex
	base     map[string][]Finding // per package, of the last evaluation without live state
	conv     *converter           // knows the input's shared terms; locks itself
	released atomic.Bool          // ReleaseFiles let the files' input go

	// input is the whole input, built when something needs all of the
	// files at once (whole): a user package, an exception, lint --live.
	// The built-in packages of the files' pass see a chunk at a time,
	// built from the document's items when the chunk is evaluated.
	wholeMu sync.Mutex
	input   ast.Value

	chunkSize int // resources per chunk of the files' pass; 0 is chunkSize
}

// Prepare readies doc for evaluation. The resources are converted to the
// policies' form when a chunk of them is evaluated (or all at once, for
// the packages that need all of them: whole), so that the form of 100,000
// resources is not held through the pass; doc must not change while the
// Evaluation is in use.
func (e *Engine) Prepare(doc *spec.Document) (*Evaluation, error) {
	return e.PrepareWith(doc, nil)
}

// PrepareWith is Prepare with the Converter that converted doc's resources
// while it loaded (spec.LoadOptions.ConvertItem); nil is a new one.
func (e *Engine) PrepareWith(doc *spec.Document, c *Converter) (*Evaluation, error) {
	if c == nil {
		c = NewConverter()
	}
	frame, err := c.c.value(doc.InputFrame())
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	obj, ok := frame.(ast.Object)
	if !ok {
		obj = ast.NewObject()
	}
	return &Evaluation{e: e, doc: doc, frame: obj, conv: c.c}, nil
}

// whole returns the whole input, converting the document's resources in
// place the first time (spec.Document.ConvertInput), so that 100,000
// resources are never held twice.
func (v *Evaluation) whole() (ast.Value, error) {
	if v.isReleased() {
		return nil, errReleased
	}
	v.wholeMu.Lock()
	defer v.wholeMu.Unlock()
	if v.input != nil {
		return v.input, nil
	}
	var input ast.Value
	// Both steps under the document's lock: another Prepare of the same
	// document may be replacing its items meanwhile.
	err := v.doc.ConvertInput(func(in map[string]any) (err error) {
		if err = convertInput(in, v.conv); err != nil {
			return err
		}
		input, err = v.conv.value(in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	v.input = input
	return input, nil
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
	if v.isReleased() {
		return nil, errReleased
	}
	if live == nil {
		return v.evalBase(ctx)
	}
	input, err := v.whole()
	if err != nil {
		return nil, err
	}
	v.mu.Lock()
	base := v.base
	v.mu.Unlock()
	groups := v.e.groups
	if base != nil {
		groups = v.e.liveGroups
	}
	byPkg, err := v.runLive(ctx, groups, input, live)
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
// packages' rules chunk by chunk: each chunk's input is built from the
// document's items when its first job starts and let go when its last job
// ends, so that only the chunks being evaluated are held in the policies'
// form.
func (v *Evaluation) runChunked(ctx context.Context) (map[string][]Finding, error) {
	// Terms built so far (the frame, a load's) are shared already: the
	// tables need not live through the evaluation.
	v.conv.reset()
	var jobs []evalJob
	size := v.chunkSize
	if size <= 0 {
		size = chunkSize
	}
	for _, sub := range chunks(v.doc, size) {
		in := &chunkInput{v: v, sub: sub, users: len(v.e.chunkGroups)}
		for _, g := range v.e.chunkGroups {
			jobs = append(jobs, evalJob{g: g, input: in.get, done: in.done})
		}
	}
	if len(jobs) == 0 {
		// No resources: the chunkable rules still see the (empty) files.
		for _, g := range v.e.chunkGroups {
			jobs = append(jobs, evalJob{g: g, input: v.whole})
		}
	}
	wholeInput := v.frameInput
	if v.e.wholeReadsFiles {
		wholeInput = v.whole
	}
	for _, g := range v.e.wholeGroups {
		jobs = append(jobs, evalJob{g: g, input: wholeInput})
	}
	raw, err := evalJobs(ctx, jobs, nil)
	if err != nil {
		return nil, err
	}
	var input ast.Value // what exceptions narrow; only they need it
	if len(v.e.exceptions) > 0 {
		if input, err = v.whole(); err != nil {
			return nil, err
		}
	}
	return v.settle(ctx, dedupe(raw), input, nil)
}

func (v *Evaluation) frameInput() (ast.Value, error) { return v.frame, nil }

// chunkInput is the input of one chunk, shared by the jobs of its groups:
// built by the first to start, dropped when the last has ended.
type chunkInput struct {
	v   *Evaluation
	sub Subset

	mu    sync.Mutex
	users int // jobs not yet ended
	input ast.Value
	err   error
	built bool
}

func (c *chunkInput) get() (ast.Value, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.built {
		c.input, c.err = c.v.itemsInput(c.sub)
		c.built = true
	}
	return c.input, c.err
}

func (c *chunkInput) done() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.users--; c.users == 0 {
		c.input = nil
	}
}

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
