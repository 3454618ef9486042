package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

type planOptions struct {
	policyDirs    []string
	output        string
	out           string
	detailedExit  bool
	githubComment bool
	showUnchanged bool
}

func newPlanCmd(a *app) *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan [PATH...]",
		Short: "Show what apply would change: lint, read the live state, diff",
		Long: `Plan lints the YAML (error findings stop it with exit 3 before any API
call), reads the live state of every zone, CLS topic and LTS project that the
files declare resources in or scope, and prints the difference:

  +    create            ~  update in place (only the changed fields)
  -/+  replace           -  delete (only inside a declared scope)

Live resources that no file declares and no scope covers are listed as
unmanaged and never touched. Secrets show as (sensitive); a rotated secret
shows as (sensitive, changed).

When the safety valve would refuse the plan (see apply --help), plan says
so: "apply will refuse this plan without --force: ...".

Output formats (-o): ` + strings.Join(render.PlanFormats(), ", ") + `. JSON (format 2,
schema/plan.schema.json) holds values as native JSON values and the lint
findings; when lint fails it holds the findings and no plan (exit 3).
--out FILE saves the plan, with a fingerprint of every live object it acts
on and the target it was made against, for "logctl apply --plan FILE".

Exit codes: 0 success (with --detailed-exitcode: no changes), 2 changes
pending (--detailed-exitcode), 3 policy deny, 1 any other error.`,
		Example: `  # A dry run against the embedded emulator (no cloud account needed):
  logctl plan --emulator examples/

  # Against the clouds, credentials from the environment:
  export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=...
  logctl plan logs/

  # Save the plan for a later, stale-checked apply:
  logctl plan --out plan.json logs/ && logctl apply --plan plan.json

  # Nightly drift check: exit 2 when the live state moved:
  logctl plan --detailed-exitcode logs/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPlan(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.policyDirs, "policy", nil, "add the Rego policies and data files of `DIR` (repeatable)")
	f.StringVarP(&o.output, "output", "o", "text", "output `format`: "+strings.Join(render.PlanFormats(), "|"))
	f.StringVar(&o.out, "out", "", "save the plan to `FILE` for apply --plan")
	f.BoolVar(&o.detailedExit, "detailed-exitcode", false, "exit 2 when there are changes, 0 when there are none")
	f.BoolVar(&o.showUnchanged, "show-unchanged", false, "list unchanged resources too")
	f.BoolVar(&o.githubComment, "github-comment", false, "in a GitHub Actions pull_request run, keep one PR comment with the findings and the plan, and write the job summary")
	return cmd
}

// planned is everything a plan run produced, for plan and apply alike.
type planned struct {
	raw, resolved *spec.Document
	live          *diff.Live
	plan          *diff.Plan
	targets       []reconcile.Target
	providers     map[spec.Kind]reconcile.Provider
	findings      []policy.Finding
	// dataChanges is how the plan changes the data map (live → desired),
	// computed only for the PR comment.
	dataChanges []datamap.Change
}

func runPlan(a *app, o planOptions, paths []string) error {
	if !slices.Contains(render.PlanFormats(), o.output) {
		return withCode(exitError, fmt.Errorf("plan: unknown output format %q (want one of %s)", o.output, strings.Join(render.PlanFormats(), ", ")))
	}
	if err := checkOutFile(o.out); err != nil {
		return withCode(exitError, fmt.Errorf("plan: %w", err))
	}
	cloud, err := a.openCloud(a.ctx)
	if err != nil {
		return withCode(exitError, err)
	}
	defer cloud.stop()
	pl, err := a.makePlan(cloud, o.policyDirs, paths, planFor{dataMap: o.githubComment})
	if o.githubComment && pl != nil {
		a.postComment(paths, pl)
	}
	if err != nil {
		var ce *codeError
		if o.output == "json" && pl != nil && errors.As(err, &ce) && ce.code == exitDeny {
			// A script reads why from stdout: the findings, no plan.
			if jerr := render.PlanLintFailedJSON(a.stdout, pl.findings); jerr != nil {
				return withCode(exitError, jerr)
			}
		}
		return err
	}
	opts := render.PlanOptions{Color: colorOutput(a), ShowNoop: o.showUnchanged, Findings: pl.findings}
	if err := render.Plan(a.stdout, o.output, pl.plan, opts); err != nil {
		return withCode(exitError, fmt.Errorf("plan: %w", err))
	}
	if o.out != "" {
		sp, err := newSavedPlan(pl, paths, o.policyDirs, a.target(cloud, pl.raw.TencentSite()))
		if err == nil {
			err = writeSavedPlan(o.out, sp)
		}
		if err != nil {
			return withCode(exitError, fmt.Errorf("plan: %w", err))
		}
		fmt.Fprintf(a.stderr, "Saved the plan to %s; apply it with: %s\n", o.out, a.applyCommand(o.out))
	}
	if o.detailedExit && pl.plan.HasChanges() {
		return withCode(exitChanges, nil)
	}
	return nil
}

// makePlan lints, resolves the environment, reads the live state and
// diffs. Lint errors stop it before any API call (exit 3).
//
// planFor.apply keeps the resolved files and the live state for apply. Without
// it both are let go once the diff is computed, before the live policy
// pass: at 100,000 resources that pass holds the policies' form of the
// files and of the live state, and the typed live state (~80 MB) is no
// longer needed by then.
// planFor.dataMap also computes the change of the data map, for the PR
// comment's "what data goes where" section.
func (a *app) makePlan(cloud *cloudSession, policyDirs, paths []string, pf planFor) (*planned, error) {
	forApply := pf.apply
	defer tuneGC(a.getenv)()
	in, err := a.loadAndLint(cloud, policyDirs, paths)
	if err != nil {
		return nil, err
	}
	raw, findings, resolved := in.raw, in.findings, in.resolved
	in.resolved = nil
	pl := &planned{raw: raw, findings: findings}
	if err := a.reportFindings(findings, raw); err != nil {
		return pl, err
	}
	for _, name := range in.notices {
		cloud.notice(name)
	}
	if in.rdiags.HasErrors() {
		a.printDiagnostics(in.rdiags)
		return nil, withCode(exitError, fmt.Errorf("%s %s missing", render.Count(len(in.rdiags), "environment variable"), render.Verb(len(in.rdiags), "is", "are")))
	}
	pl.targets = in.targets
	pl.providers, err = newProviders(cloud.getenv, providerOptions{CreateAPI: raw.CreateAPI(), TencentSite: raw.TencentSite()})
	if err != nil {
		return nil, withCode(exitError, err)
	}
	if err := checkCredentials(pl.providers, pl.targets); err != nil {
		return nil, withCode(exitError, err)
	}
	if rf := regionFindings(a.ctx, pl.providers, resolved, raw); len(rf) > 0 {
		pl.findings = append(pl.findings, rf...)
		if err := a.reportFindings(rf, raw); err != nil {
			return pl, err
		}
	}
	reader := &reconcile.Reader{Providers: pl.providers}
	fmt.Fprintf(a.stderr, "Reading the live state of %s...\n", describeTargets(pl.targets))
	live, err := reader.Read(a.ctx, pl.targets)
	if err != nil {
		return nil, withCode(exitError, explainAPIError(err))
	}
	plan := diff.Compute(resolved, raw, live)
	if pf.dataMap {
		// Before the live pass, which lets the live resources go.
		if pl.dataChanges, err = dataMapChanges(policyDirs, raw, live); err != nil {
			return nil, withCode(exitError, err)
		}
	}
	if forApply {
		pl.resolved, pl.live = resolved, live
	}
	// Second pass: uniqueness rules now see live resources no file declares,
	// as the plan leaves them. The prepared evaluation re-runs only the
	// packages that read them.
	liveFindings, err := evalLive(a, in.eval, liveAfter(live, plan, !forApply), !forApply)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	// No more policy evaluation: the policies' form of the files can go.
	in.eval = nil
	raw.ReleaseInput()
	extra := newFindings(findings, liveFindings)
	pl.findings = append(pl.findings, extra...)
	if err := a.reportFindings(extra, raw); err != nil {
		return pl, err
	}
	pl.plan = plan
	return pl, nil
}

// planFor says what a plan is made for.
type planFor struct {
	apply   bool // apply it: keep the resolved files and the live state
	dataMap bool // the PR comment: compute the change of the data map
}

// dataMapChanges compares the data map of what runs with that of the files,
// under the team's privacy catalog.
func dataMapChanges(policyDirs []string, raw *spec.Document, live *diff.Live) ([]datamap.Change, error) {
	cat, err := policy.PrivacyWith(policyDirs)
	if err != nil {
		return nil, fmt.Errorf("plan: data map: %w", err)
	}
	return datamap.Compare(datamap.Live(live, cat), datamap.Desired(raw, cat)), nil
}

// evalLive evaluates the policies again with the live state as
// data.logctl.live. With release, each live resource is cleared once
// converted (liveInput), and live must not be used afterwards.
func evalLive(a *app, ev *policy.Evaluation, live *diff.Live, release bool) ([]policy.Finding, error) {
	in, err := liveInput(live, ev.Convert, release)
	if err != nil {
		return nil, err
	}
	return ev.Eval(a.ctx, in)
}

// lintedInput is what plan knows before any API call.
type lintedInput struct {
	eval     *policy.Evaluation // raw converted to policy input once, for both passes
	raw      *spec.Document
	findings []policy.Finding
	resolved *spec.Document   // raw with the ${env:} references resolved
	rdiags   spec.Diagnostics // missing environment variables
	notices  []string         // placeholders the emulator session has yet to note
	targets  []reconcile.Target
}

// loadAndLint compiles the policies while spec.Load parses the files, then
// runs the first policy pass while the environment is resolved: the pairs
// are independent, and none of it sends anything.
func (a *app) loadAndLint(cloud *cloudSession, policyDirs, paths []string) (*lintedInput, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, err := loadWithPolicies(a, policyDirs, paths)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	raw, diags := files.doc, files.diags
	in := &lintedInput{raw: raw}
	// With --emulator, resolving notes placeholder values on stderr: keep
	// the notes for makePlan to print after the findings, as before.
	notice := cloud.notice
	cloud.notice = func(name string) { in.notices = append(in.notices, name) }
	resolvedCh := make(chan struct{})
	go func() {
		defer close(resolvedCh)
		in.resolved, in.rdiags = raw.Resolve(cloud.lookup)
		in.targets = reconcile.Targets(in.resolved)
	}()
	if in.eval, err = files.prepare(); err == nil {
		in.findings, err = lintFindingsLive(a, in.eval, raw, diags, nil)
	}
	<-resolvedCh
	cloud.notice = notice
	if err != nil {
		return nil, withCode(exitError, err)
	}
	return in, nil
}

// reportFindings prints findings on stderr (stdout carries the plan) and
// turns error findings into exit 3.
func (a *app) reportFindings(findings []policy.Finding, doc *spec.Document) error {
	if len(findings) == 0 {
		return nil
	}
	if err := render.Findings(a.stderr, "text", findings, render.FindingOptions{Color: colorOutput(a), Files: len(doc.Files)}); err != nil {
		return withCode(exitError, err)
	}
	if render.CountFindings(findings).Errors > 0 {
		return withCode(exitDeny, fmt.Errorf("lint found errors; nothing was planned"))
	}
	return nil
}

// newFindings returns the findings of the live pass that the first pass did
// not have.
func newFindings(before, after []policy.Finding) []policy.Finding {
	seen := map[string]bool{}
	key := func(f policy.Finding) string { return f.Rule + "|" + f.Path + "|" + f.Message }
	for _, f := range before {
		seen[key(f)] = true
	}
	var out []policy.Finding
	for _, f := range after {
		if !seen[key(f)] {
			out = append(out, f)
		}
	}
	return out
}

func (a *app) printDiagnostics(ds spec.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintf(a.stderr, "%s: %s\n", d.Pos, d.Summary)
		if d.Detail != "" {
			fmt.Fprintf(a.stderr, "    hint: %s\n", d.Detail)
		}
	}
}

func describeTargets(ts []reconcile.Target) string {
	counts := map[spec.Kind]int{}
	for _, t := range ts {
		counts[t.Kind]++
	}
	var parts []string
	for _, k := range []struct {
		kind spec.Kind
		word string
	}{{spec.KindDeliveryTask, "zone"}, {spec.KindExport, "topic"}, {spec.KindDump, "project"}} {
		if n := counts[k.kind]; n > 0 {
			parts = append(parts, render.Count(n, k.word))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// writeSavedPlan writes through a temporary file renamed into place, so a
// reader never sees half a plan; errors name path, never the temporary.
func writeSavedPlan(path string, sp *reconcile.SavedPlan) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err == nil {
		err = sp.Write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			os.Remove(tmp)
		}
	}
	return outFileError(path, err)
}
