package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/logctl/logctl/engine"
	"github.com/logctl/logctl/internal/provider/lts"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
)

// target is where this command's clients point, as a saved plan records it.
// With --emulator only the state file counts: the overlay's endpoint and
// keys are the emulator's own. fileSite is defaults.tencent.site of the
// files, or "" (then the site variables decide).
func (a *app) target(cloud *cloudSession, fileSite string) reconcile.SavedTarget {
	if a.emulatorState != "" {
		return reconcile.SavedTarget{Emulator: a.emulatorState}
	}
	getenv := cloud.getenv
	t := reconcile.SavedTarget{
		TencentEndpoint: strings.TrimRight(strings.TrimSpace(getenv(envTencentEndpoint)), "/"),
		HuaweiEndpoint:  strings.TrimRight(strings.TrimSpace(getenv(envHuaweiEndpoint)), "/"),
		HuaweiProject:   strings.TrimSpace(getenv(lts.EnvProjectID)),
	}
	t.TencentSite, t.TencentSiteFromFiles = fileSite, fileSite != ""
	if site, err := tencent.ResolveSite(fileSite, getenv); err == nil {
		t.TencentSite = site
	}
	if id := getenv(tencent.EnvSecretID); id != "" && getenv(tencent.EnvSessionToken) == "" {
		t.TencentKey = reconcile.KeyDigest(id)
	}
	return t
}

// applyCommand is the command that applies a saved plan against the same
// target, for the hint plan prints.
func (a *app) applyCommand(planFile string) string {
	args := []string{"logctl", "apply"}
	switch a.emulatorState {
	case "":
	case defaultEmulatorState:
		args = append(args, "--emulator")
	default:
		args = append(args, "--emulator", "--emulator-state", shellQuote(a.emulatorState))
	}
	return strings.Join(append(args, "--plan", shellQuote(planFile)), " ")
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '=' || r == ':' || r == '+' ||
			r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// loadPlan plans again from the files a saved plan was made from and
// today's live state, and refuses (exit 5) unless that plan is the saved
// one, made against the same target (engine.Replan).
func (a *app) loadPlan(cloud *cloudSession, path string, policyDirs []string) (*planned, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("apply: %w", err))
	}
	sp, err := reconcile.ReadSavedPlan(f)
	f.Close()
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("%s: %w", path, err))
	}
	// Before anything is read: a plan reviewed against one target is no
	// approval for another.
	if why := sp.Target.Mismatch(a.target(cloud, "")); why != "" {
		return nil, withCode(exitStale, fmt.Errorf("apply: %s; nothing was applied. Plan against this target (logctl plan --out) and review that plan", why))
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
