package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Engine runs lint, plan and apply in one environment: where the providers
// come from and how ${env:} references resolve. Its zero value is not
// usable: Providers is required for anything that reads the live state.
type Engine struct {
	// Providers builds the provider registry for a document; the document
	// chooses some client settings (spec.Document.CreateAPI).
	Providers func(doc *spec.Document) (map[spec.Kind]reconcile.Provider, error)
	// Lookup resolves ${env:NAME} references; nil resolves none.
	Lookup func(name string) (string, bool)
	// Check, when set, runs once the providers are built and before any
	// read: checks that need the clients but not the live state (the
	// credentials each target needs, the regions of the LTS projects).
	// resolved holds the values, raw places the findings. An error stops
	// the run; error findings stop a plan before the read, and lint reads
	// nothing after them.
	Check func(ctx context.Context, providers map[spec.Kind]reconcile.Provider, targets []reconcile.Target, resolved, raw *spec.Document) ([]policy.Finding, error)
	// Observer is told what the engine finds as it goes.
	Observer Observer
	// ReadWindow is how many resources' live state a plan may hold read
	// and not yet planned; 0 means 40,000 (some 50 MB). The reads run
	// ahead of the files' pass within it, and then of the diff.
	ReadWindow int
}

// Observer receives what a run finds while it runs, so that a caller can
// show it in order (findings before "reading..."). Every field may be nil.
type Observer struct {
	// Linted receives the findings of the files' pass, before any API
	// call; doc places them. A non-nil error stops the run with it.
	Linted func(findings []policy.Finding, doc *spec.Document) error
	// Checked receives the findings of Engine.Check, before any read.
	Checked func(findings []policy.Finding, doc *spec.Document) error
	// LiveFindings receives the findings of the live policy pass that the
	// files' pass did not have.
	LiveFindings func(findings []policy.Finding, doc *spec.Document) error
	// Reading is told which targets are about to be read, and why: "plan"
	// or "lint" (lint --live, map --live).
	Reading func(purpose string, targets []reconcile.Target)
	// TargetRead is handed each target's live state as a plan takes it in,
	// and TargetDone is told when the plan has let it go (unless the plan
	// is for apply, which keeps it): what a plan holds at once can be
	// counted.
	TargetRead func(t reconcile.Target, live *diff.Live)
	TargetDone func(t reconcile.Target)
}

// ErrDenied is returned when a policy pass found errors: nothing was
// planned.
var ErrDenied = errors.New("lint found errors; nothing was planned")

// MissingEnvError lists the ${env:NAME} references that did not resolve.
type MissingEnvError struct {
	Diagnostics spec.Diagnostics
}

func (e *MissingEnvError) Error() string {
	if len(e.Diagnostics) == 1 {
		return "1 environment variable is missing"
	}
	return fmt.Sprintf("%d environment variables are missing", len(e.Diagnostics))
}

func (e *Engine) lookup(name string) (string, bool) {
	if e.Lookup == nil {
		return "", false
	}
	return e.Lookup(name)
}

func (e *Engine) providers(doc *spec.Document) (map[spec.Kind]reconcile.Provider, error) {
	if e.Providers == nil {
		return nil, errors.New("engine: no providers configured")
	}
	return e.Providers(doc)
}

func (o Observer) linted(fs []policy.Finding, doc *spec.Document) error {
	if o.Linted == nil {
		return nil
	}
	return o.Linted(fs, doc)
}

func (o Observer) checked(fs []policy.Finding, doc *spec.Document) error {
	if o.Checked == nil || len(fs) == 0 {
		return nil
	}
	return o.Checked(fs, doc)
}

func (e *Engine) check(ctx context.Context, providers map[spec.Kind]reconcile.Provider, targets []reconcile.Target, resolved, raw *spec.Document) ([]policy.Finding, error) {
	if e.Check == nil {
		return nil, nil
	}
	return e.Check(ctx, providers, targets, resolved, raw)
}

func (o Observer) liveFindings(fs []policy.Finding, doc *spec.Document) error {
	if o.LiveFindings == nil {
		return nil
	}
	return o.LiveFindings(fs, doc)
}

func (o Observer) targetRead(t reconcile.Target, live *diff.Live) {
	if o.TargetRead != nil {
		o.TargetRead(t, live)
	}
}

func (o Observer) targetDone(t reconcile.Target) {
	if o.TargetDone != nil {
		o.TargetDone(t)
	}
}

func (o Observer) reading(purpose string, ts []reconcile.Target) {
	if o.Reading != nil {
		o.Reading(purpose, ts)
	}
}

// hasErrors reports whether any finding fails the run (waived ones never
// do).
func hasErrors(fs []policy.Finding) bool {
	for _, f := range fs {
		if f.Severity == policy.SeverityError && !f.Waived {
			return true
		}
	}
	return false
}
