package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/logctl/logctl/engine"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// newEngine is the engine for one command: providers and ${env:} lookups
// of the cloud session, findings and progress on stderr (stdout carries
// the plan).
func (a *app) newEngine(cloud *cloudSession) *engine.Engine {
	return &engine.Engine{
		Providers: func(doc *spec.Document) (map[spec.Kind]reconcile.Provider, error) {
			return newProviders(cloud.getenv, providerOptions{CreateAPI: doc.CreateAPI(), TencentSite: doc.TencentSite()})
		},
		Lookup: cloud.lookup,
		Check: func(ctx context.Context, providers map[spec.Kind]reconcile.Provider, targets []reconcile.Target, resolved, raw *spec.Document) ([]policy.Finding, error) {
			if err := checkCredentials(providers, targets); err != nil {
				return nil, err
			}
			return regionFindings(ctx, providers, resolved, raw), nil
		},
		Observer: engine.Observer{
			Linted:       a.printFindings,
			Checked:      a.printFindings,
			LiveFindings: a.printFindings,
			Reading: func(_ string, ts []reconcile.Target) {
				fmt.Fprintf(a.stderr, "Reading the live state of %s...\n", describeTargets(ts))
			},
		},
	}
}

// printFindings prints findings on stderr.
func (a *app) printFindings(findings []policy.Finding, doc *spec.Document) error {
	if len(findings) == 0 {
		return nil
	}
	if err := render.Findings(a.stderr, "text", findings, render.FindingOptions{Color: colorOutput(a), Files: len(doc.Files)}); err != nil {
		return withCode(exitError, err)
	}
	return nil
}

// reportFindings prints findings on stderr and turns error findings into
// exit 3.
func (a *app) reportFindings(findings []policy.Finding, doc *spec.Document) error {
	if err := a.printFindings(findings, doc); err != nil {
		return err
	}
	if render.CountFindings(findings).Errors > 0 {
		return withCode(exitDeny, engine.ErrDenied)
	}
	return nil
}

// engineError gives an engine error its exit code: error findings exit 3,
// a stale or refused saved plan 5, anything else 1, with a hint for API
// errors; prefix goes before missing variables and other errors.
func (a *app) engineError(prefix string, err error) error {
	var missing *engine.MissingEnvError
	var stale *reconcile.StaleError
	var refused *engine.RefusedError
	var coded *codeError
	switch {
	case errors.As(err, &coded):
		return err
	case errors.Is(err, engine.ErrDenied):
		return withCode(exitDeny, err)
	case errors.As(err, &missing):
		a.printDiagnostics(missing.Diagnostics)
		return withCode(exitError, fmt.Errorf("%s%w", prefix, err))
	case errors.As(err, &stale):
		return withCode(exitStale, err)
	case errors.As(err, &refused):
		return withCode(exitStale, fmt.Errorf("apply: %w", err))
	}
	return withCode(exitError, fmt.Errorf("%s%w", prefix, explainAPIError(err)))
}
