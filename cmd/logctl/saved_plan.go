package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/provider/lts"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// newSavedPlan records the plan with what it was made from: the paths and
// policy directories as given and the digest of every YAML file loaded.
func newSavedPlan(pl *planned, paths, policyDirs []string, target reconcile.SavedTarget) (*reconcile.SavedPlan, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	in := reconcile.SavedInputs{Paths: paths, PolicyDirs: policyDirs}
	for _, name := range pl.raw.Files {
		sum, err := fileDigest(name)
		if err != nil {
			return nil, err
		}
		in.Files = append(in.Files, reconcile.SavedFile{Path: name, SHA256: sum})
	}
	return &reconcile.SavedPlan{FormatVersion: reconcile.SavedPlanVersion, Plan: pl.plan, Inputs: in, Target: target}, nil
}

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

func fileDigest(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// loadPlan plans again from the files a saved plan was made from and
// today's live state, and refuses (exit 5) unless that plan is the saved
// one: a plan file is a record of what was reviewed, never a source of
// changes or settings (an edited file could otherwise delete a declared
// task, or raise safety.maxPercent to pass the valve).
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
	if err := checkSavedInputs(sp.Inputs); err != nil {
		return nil, withCode(exitStale, err)
	}
	fmt.Fprintf(a.stderr, "Planning again from %s to check the saved plan...\n", strings.Join(sp.Inputs.Paths, ", "))
	dirs := slices.Concat(sp.Inputs.PolicyDirs, policyDirs)
	pl, err := a.makePlan(cloud, slices.Compact(dirs), sp.Inputs.Paths, planFor{apply: true})
	if err != nil {
		return nil, err
	}
	if !slices.Equal(pl.raw.Files, savedFileNames(sp.Inputs)) {
		return nil, withCode(exitStale, fmt.Errorf("apply: the set of files changed while planning; run logctl plan again"))
	}
	if stale := reconcile.CheckStale(sp.Plan, pl.live); len(stale) > 0 {
		return nil, withCode(exitStale, &reconcile.StaleError{Stale: stale})
	}
	if diffs := changesDiffer(sp.Plan, pl.plan); len(diffs) > 0 {
		return nil, withCode(exitStale, fmt.Errorf("apply: the saved plan is not what the files and the live state plan now (%s %s); nothing was applied. Run logctl plan --out again and review it:\n  %s",
			render.Count(len(diffs), "change"), render.Verb(len(diffs), "differs", "differ"), strings.Join(diffs, "\n  ")))
	}
	return pl, nil
}

func savedFileNames(in reconcile.SavedInputs) []string {
	names := make([]string, len(in.Files))
	for i, f := range in.Files {
		names[i] = f.Path
	}
	return names
}

// checkSavedInputs refuses when the files the plan was made from changed,
// went or were joined by others.
func checkSavedInputs(in reconcile.SavedInputs) error {
	now, err := spec.Files(in.Paths)
	if err != nil {
		return fmt.Errorf("apply: the files the plan was made from: %w", err)
	}
	var problems []string
	saved := map[string]string{}
	for _, f := range in.Files {
		saved[f.Path] = f.SHA256
	}
	for _, name := range now {
		want, ok := saved[name]
		delete(saved, name)
		switch sum, err := fileDigest(name); {
		case !ok:
			problems = append(problems, name+": new since the plan")
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
		case sum != want:
			problems = append(problems, name+": changed since the plan")
		}
	}
	for name := range saved {
		problems = append(problems, name+": gone since the plan")
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("apply: the files changed since the plan was made; run logctl plan again:\n  %s", strings.Join(problems, "\n  "))
}

// changesDiffer compares the changes of the saved plan with those of a
// plan made now, one line per resource whose change differs.
func changesDiffer(saved, now *diff.Plan) []string {
	index := func(p *diff.Plan) map[string]diff.Change {
		m := map[string]diff.Change{}
		for _, c := range p.Changes {
			if c.Action != diff.ActionNoop {
				m[string(c.Kind)+" "+c.Key] = c
			}
		}
		return m
	}
	a, b := index(saved), index(now)
	var out []string
	for k, c := range a {
		d, ok := b[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s %s %q: in the saved plan, not in a plan made now", c.Action, c.Kind, c.Name))
		case !sameChange(c, d):
			out = append(out, fmt.Sprintf("%s %s %q: the saved plan has %s with other details", d.Action, d.Kind, d.Name, c.Action))
		}
	}
	for k, d := range b {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("%s %s %q: in a plan made now, not in the saved plan", d.Action, d.Kind, d.Name))
		}
	}
	sort.Strings(out)
	return out
}

func sameChange(a, b diff.Change) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
