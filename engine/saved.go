package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// RefusedError is a saved plan refused: the files it was made from
// changed, or a plan made now differs from it.
type RefusedError struct{ msg string }

func (e *RefusedError) Error() string { return e.msg }

func refused(format string, args ...any) error {
	return &RefusedError{msg: fmt.Sprintf(format, args...)}
}

// Save records the plan with what it was made from: the paths and policy
// directories as given, the digest of every YAML file loaded, and the
// target the clients pointed at.
func Save(pl *Planned, paths, policyDirs []string, target reconcile.SavedTarget) (*reconcile.SavedPlan, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	in := reconcile.SavedInputs{Paths: paths, PolicyDirs: policyDirs}
	for _, name := range pl.Raw.Files {
		sum, err := fileDigest(name)
		if err != nil {
			return nil, err
		}
		in.Files = append(in.Files, reconcile.SavedFile{Path: name, SHA256: sum})
	}
	return &reconcile.SavedPlan{FormatVersion: reconcile.SavedPlanVersion, Plan: pl.Plan, Inputs: in, Target: target}, nil
}

func fileDigest(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Replan plans again from the files a saved plan was made from and today's
// live state, for Apply, and refuses (a *RefusedError or a
// *reconcile.StaleError) unless that plan is the saved one: a plan file is
// a record of what was reviewed, never a source of changes or settings (an
// edited file could otherwise delete a declared task, or raise
// safety.maxPercent to pass the valve). Call CheckInputs first.
func (e *Engine) Replan(ctx context.Context, sp *reconcile.SavedPlan, policyDirs []string) (*Planned, error) {
	dirs := slices.Concat(sp.Inputs.PolicyDirs, policyDirs)
	pl, err := e.Plan(ctx, PlanRequest{Paths: sp.Inputs.Paths, PolicyDirs: slices.Compact(dirs), ForApply: true})
	if err != nil {
		return nil, err
	}
	if !slices.Equal(pl.Raw.Files, savedFileNames(sp.Inputs)) {
		return nil, refused("the set of files changed while planning; run logctl plan again")
	}
	if stale := reconcile.CheckStale(sp.Plan, pl.live); len(stale) > 0 {
		return nil, &reconcile.StaleError{Stale: stale}
	}
	if diffs := changesDiffer(sp.Plan, pl.Plan); len(diffs) > 0 {
		differ := "changes differ"
		if len(diffs) == 1 {
			differ = "change differs"
		}
		return nil, refused("the saved plan is not what the files and the live state plan now (%d %s); nothing was applied. Run logctl plan --out again and review it:\n  %s",
			len(diffs), differ, strings.Join(diffs, "\n  "))
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

// CheckInputs refuses (a *RefusedError) when the files the plan was made
// from changed, went or were joined by others.
func CheckInputs(in reconcile.SavedInputs) error {
	now, err := spec.Files(in.Paths)
	if err != nil {
		return refused("the files the plan was made from: %v", err)
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
	return refused("the files changed since the plan was made; run logctl plan again:\n  %s", strings.Join(problems, "\n  "))
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
