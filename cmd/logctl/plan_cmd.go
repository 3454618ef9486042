package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/engine"
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
		Long: `Plan lints the YAML (error findings stop it with exit 3 and nothing is
planned), reads the live state of every zone, CLS topic and LTS project that
the files declare resources in or scope, and prints the difference. The
reads (read-only calls) start while the policies run, once every ${env:}
reference resolves and the credentials are there; lint errors cancel them:

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

// planned is a plan with what the PR comment adds to it.
type planned struct {
	*engine.Planned
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
			if jerr := render.PlanLintFailedJSON(a.stdout, pl.Findings); jerr != nil {
				return withCode(exitError, jerr)
			}
		}
		return err
	}
	opts := render.PlanOptions{Color: colorOutput(a), ShowNoop: o.showUnchanged, Findings: pl.Findings}
	if err := render.Plan(a.stdout, o.output, pl.Plan, opts); err != nil {
		return withCode(exitError, fmt.Errorf("plan: %w", err))
	}
	if o.out != "" {
		sp, err := engine.Save(pl.Planned, paths, o.policyDirs, a.target(cloud, pl.Raw.TencentSite()))
		if err == nil {
			err = writeSavedPlan(o.out, sp)
		}
		if err != nil {
			return withCode(exitError, fmt.Errorf("plan: %w", err))
		}
		fmt.Fprintf(a.stderr, "Saved the plan to %s; apply it with: %s\n", o.out, a.applyCommand(o.out))
	}
	if o.detailedExit && pl.Plan.HasChanges() {
		return withCode(exitChanges, nil)
	}
	return nil
}

// planFor says what a plan is made for.
type planFor struct {
	apply   bool // apply it: keep the resolved files and the live state
	dataMap bool // the PR comment: compute the change of the data map
}

// makePlan runs the engine's plan: lint, resolve the environment, read the
// live state, diff. Lint errors stop it (exit 3) and cancel the reads,
// which run beside the policies.
func (a *app) makePlan(cloud *cloudSession, policyDirs, paths []string, pf planFor) (*planned, error) {
	eng, done := a.planEngine(cloud)
	defer done()
	var mapper *datamap.LiveMapper
	var cat *policy.PrivacyCatalog
	if pf.dataMap {
		var err error
		if cat, err = policy.PrivacyWith(policyDirs); err != nil {
			return nil, withCode(exitError, fmt.Errorf("plan: data map: %w", err))
		}
		// Each target as it is read, before the plan lets it go.
		mapper = datamap.NewLiveMapper(cat)
		read := eng.Observer.TargetRead
		eng.Observer.TargetRead = func(t reconcile.Target, live *diff.Live) {
			mapper.Add(live)
			if read != nil {
				read(t, live)
			}
		}
	}
	ep, err := eng.Plan(a.ctx, engine.PlanRequest{Paths: paths, PolicyDirs: policyDirs, ForApply: pf.apply})
	var pl *planned
	if ep != nil {
		pl = &planned{Planned: ep}
	}
	if err != nil {
		return pl, a.engineError("", err)
	}
	if mapper != nil {
		pl.dataChanges = datamap.Compare(mapper.Map(), datamap.Desired(pl.Raw, cat))
	}
	return pl, nil
}

// planEngine is the engine for one plan, until done is called. With
// --emulator, resolving notes placeholder values on stderr: the notes are
// held until the files' findings are printed, and dropped when those stop
// the plan.
func (a *app) planEngine(cloud *cloudSession) (eng *engine.Engine, done func()) {
	eng = a.newEngine(cloud)
	var notices []string
	notice := cloud.notice
	cloud.notice = func(name string) { notices = append(notices, name) }
	eng.Observer.Linted = func(fs []policy.Finding, doc *spec.Document) error {
		cloud.notice = notice
		if err := a.printFindings(fs, doc); err != nil {
			return err
		}
		if render.CountFindings(fs).Errors == 0 {
			for _, name := range notices {
				notice(name)
			}
		}
		return nil
	}
	return eng, func() { cloud.notice = notice }
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
