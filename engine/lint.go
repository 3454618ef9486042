package engine

import (
	"context"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// LintRequest says what to lint.
type LintRequest struct {
	Paths      []string // files and directories; none means "."
	PolicyDirs []string // user Rego and data, on top of the built-in policies
	// Live reads the live state of what the files touch, so that the
	// uniqueness rules see resources no file declares.
	Live bool
}

// Linted is what a lint produced.
type Linted struct {
	Doc      *spec.Document
	Findings []policy.Finding // sorted by position
	Rules    []policy.RuleMeta
}

// Lint loads the files, compiles the policies and evaluates them. An error
// means the input could not be linted (a path that cannot be read, a
// policy that does not compile, a failed read of the live state); error
// findings are not an error.
func (e *Engine) Lint(ctx context.Context, req LintRequest) (*Linted, error) {
	// Lint keeps every resource in the policies' form: it is as fast
	// as it gets that way, and a lint holds nothing else.
	f, err := load(ctx, req.PolicyDirs, req.Paths, false)
	if err != nil {
		return nil, err
	}
	var live *diff.Live
	var checked []policy.Finding
	if req.Live && !f.diags.HasErrors() {
		if live, checked, err = e.ReadLive(ctx, f.doc); err != nil {
			return nil, err
		}
	}
	ev, err := f.prepare()
	if err != nil {
		return nil, err
	}
	var liveIn map[string]any
	if live != nil {
		if liveIn, err = policy.LiveInput(policyLive(live), ev.Convert); err != nil {
			return nil, err
		}
	}
	fs, err := findings(ctx, ev, f.doc, f.diags, liveIn)
	if err != nil {
		return nil, err
	}
	if len(checked) > 0 {
		fs = append(fs, checked...)
		policy.SortByPosition(fs)
	}
	return &Linted{Doc: f.doc, Findings: fs, Rules: f.eng.Rules()}, nil
}

// ReadLive reads the live state of what the files of doc touch, as lint
// --live hands it to the policies (data.logctl.live): as the files' plan
// would leave it. The resource ids that decide what to read are
// never secrets, so no ${env:} reference needs resolving here. Engine.Check
// runs first; after its error findings nothing is read: the calls would
// only fail.
func (e *Engine) ReadLive(ctx context.Context, doc *spec.Document) (*diff.Live, []policy.Finding, error) {
	providers, err := e.providers(doc)
	if err != nil {
		return nil, nil, err
	}
	targets := reconcile.Targets(doc)
	checked, err := e.check(ctx, providers, targets, doc, doc)
	if err != nil {
		return nil, nil, err
	}
	if hasErrors(checked) {
		return nil, checked, nil
	}
	e.Observer.reading("lint", targets)
	live, err := (&reconcile.Reader{Providers: providers}).Read(ctx, targets)
	if err != nil {
		return nil, nil, err
	}
	// As plan does: what the files' scopes delete or replace does not count.
	// Deletes and replaces never depend on a secret, so the raw files do.
	return liveAfter(live, diff.Compute(doc, doc, live), true), checked, nil
}
