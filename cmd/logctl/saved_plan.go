package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/logctl/logctl/engine"
	"github.com/logctl/logctl/reconcile"
)

// loadPlan plans again from the files a saved plan was made from and
// today's live state, and refuses (exit 5) unless that plan is the saved
// one (engine.Replan).
func (a *app) loadPlan(cloud *cloudSession, path string, policyDirs []string) (*planned, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("apply: %w", err))
	}
	sp, err := reconcile.ReadSavedPlan(f)
	f.Close()
	if err != nil {
		return nil, withCode(exitError, err)
	}
	if err := engine.CheckInputs(sp.Inputs); err != nil {
		return nil, a.engineError("", err)
	}
	fmt.Fprintf(a.stderr, "Planning again from %s to check the saved plan...\n", strings.Join(sp.Inputs.Paths, ", "))
	eng, done := a.planEngine(cloud)
	defer done()
	pl, err := eng.Replan(a.ctx, sp, policyDirs)
	if err != nil {
		return nil, a.engineError("", err)
	}
	return &planned{Planned: pl}, nil
}
