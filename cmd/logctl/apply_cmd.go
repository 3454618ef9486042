package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/engine"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/reconcile"
)

type applyOptions struct {
	policyDirs  []string
	planFile    string
	autoApprove bool
	force       bool
	parallelism int
	// replaceSecrets re-sends the secrets of every delivery task that has
	// some, for rotating secrets the API returns masked.
	replaceSecrets bool
}

func newApplyCmd(a *app) *cobra.Command {
	var o applyOptions
	cmd := &cobra.Command{
		Use:   "apply [PATH...] | apply --plan FILE",
		Short: "Make the live state match the files",
		Long: `Apply plans (or loads a saved plan), shows the plan, asks for confirmation
on a terminal (not for a saved plan: applying it is the approval), and
carries it out:

  - deletes and entity releases before creates and claims, so moving a
    domain from one task to another never trips the vendor's uniqueness
    rules; a replace creates the new resource first when the rules allow;
  - every call rate limited at the vendor's quota and retried with backoff
    on throttling, 5xx and network errors; a create whose response was lost
    is looked up before it is sent again, and each CLS export create first
    looks for an identical export (another run may have made it), so nothing
    is duplicated;
  - a failure does not stop independent changes; the report lists what was
    done, what failed and what was not attempted, and the next apply
    finishes the job;
  - afterwards the live state is read again and must plan to no change.

One apply at a time: apply locks .logctl/apply.lock in the configuration's
directory (with --emulator, the state file) and refuses to start while another
run on this machine holds it, naming that run (pid, host, start time, command).
The lock dies with its process, so there is never a stale lock to remove.
Applies on different machines do not see each other: in CI, run one apply per
directory at a time (a concurrency group).

Secrets the API returns masked (******) cannot be compared: the plan says
so in a note and leaves them alone. After rotating such a secret, run
apply --replace-secrets: every delivery task that carries secrets
(accessId, accessKey, secret headers) is updated and sends them again.

Safety valve: in a scope with at least 10 live resources (safety.minResources),
a plan that deletes or replaces more than 30% of them (safety.maxPercent) is
refused with exit 4 unless --force is given.

A saved plan (--plan) records the files it was made from and their digests,
and the target it was made against (the --emulator state file, or the
endpoints, a digest of the Tencent SecretId and the Huawei project id).
Apply refuses another target, then plans again from those files and today's
live state and carries out that plan only if it is the saved one: changes,
settings and the safety valve always come from the files, never from the
plan file.

Exit codes: 0 success, 1 error or partial apply, 3 policy deny, 4 unsafe plan
refused, 5 saved plan refused (another target, the files or the live state
moved since it was made, or the plan file was edited).`,
		Example: `  # Apply against the embedded emulator:
  logctl apply --emulator --auto-approve examples/

  # In CI on merge to main:
  logctl apply --auto-approve logs/

  # After rotating S3 or endpoint credentials the API shows masked:
  logctl apply --replace-secrets logs/

  # Apply exactly what was reviewed; refuses (exit 5) if the files or the
  # live state moved since:
  logctl plan --out plan.json logs/
  logctl apply --plan plan.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.planFile != "" && len(args) > 0 {
				return withCode(exitError, fmt.Errorf("apply: give either paths or --plan, not both"))
			}
			if err := checkParallelism(o.parallelism); err != nil {
				return withCode(exitError, fmt.Errorf("apply: %w", err))
			}
			if o.planFile != "" && o.replaceSecrets {
				return withCode(exitError, fmt.Errorf("apply: --replace-secrets makes a new plan; it cannot change a saved --plan"))
			}
			return runApply(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.policyDirs, "policy", nil, "add the Rego policies and data files of `DIR` (repeatable)")
	f.StringVar(&o.planFile, "plan", "", "apply the saved plan in `FILE` (from plan --out) after planning again and finding the same changes")
	f.BoolVar(&o.autoApprove, "auto-approve", false, "do not ask for confirmation (required without a terminal)")
	f.BoolVar(&o.force, "force", false, "pass the safety valve: allow deleting or replacing a large part of a scope")
	addParallelism(f, &o.parallelism, 4, "changes applied within a phase (rate limits still apply)")
	f.BoolVar(&o.replaceSecrets, "replace-secrets", false, "re-send the secrets of every delivery task that has some (rotate secrets the API masks)")
	return cmd
}

func runApply(a *app, o applyOptions, paths []string) error {
	unlock, err := a.lockApply(paths, o.planFile)
	if err != nil {
		return err
	}
	defer unlock()
	cloud, err := a.openCloud(a.ctx)
	if err != nil {
		return withCode(exitError, err)
	}
	defer cloud.stop()
	var pl *planned
	if o.planFile != "" {
		pl, err = a.loadPlan(cloud, o.planFile, o.policyDirs)
	} else {
		pl, err = a.makePlan(cloud, o.policyDirs, paths, planFor{apply: true})
	}
	if err != nil {
		return err
	}
	if o.replaceSecrets {
		pl.ResendSecrets()
	}
	if err := render.Plan(a.stdout, "text", pl.Plan, render.PlanOptions{Color: colorOutput(a)}); err != nil {
		return withCode(exitError, err)
	}
	if unsafe := pl.Unsafe(); len(unsafe) > 0 && !o.force {
		var lines []string
		for _, u := range unsafe {
			lines = append(lines, "  "+u.String())
		}
		return withCode(exitUnsafe, fmt.Errorf("apply: the safety valve refused this plan:\n%s\nreview it, then re-run with --force if it is intended", strings.Join(lines, "\n")))
	}
	if !pl.Plan.HasChanges() {
		return nil
	}
	// As in Terraform, applying a saved plan is the approval: it was
	// reviewed, and it is carried out only if a plan made now is the same.
	if err := a.confirm(o.autoApprove || o.planFile != ""); err != nil {
		return err
	}
	eng := a.newEngine(cloud)
	prog := newProgress(a, countChanges(pl.Plan))
	results := eng.Apply(a.ctx, pl.Planned, engine.ApplyOptions{Parallelism: o.parallelism, Progress: prog.report})
	prog.close()
	return a.finishApply(eng, pl.Planned, results)
}

// confirm asks on a terminal; without one it requires --auto-approve.
func (a *app) confirm(autoApprove bool) error {
	if autoApprove {
		return nil
	}
	in, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return withCode(exitError, fmt.Errorf("apply: no terminal to confirm on; re-run with --auto-approve to apply without confirmation"))
	}
	fmt.Fprint(a.stdout, "\nDo you want to apply these changes? Only 'yes' will be accepted: ")
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		return withCode(exitError, fmt.Errorf("apply cancelled"))
	}
	return nil
}

func countChanges(p *diff.Plan) int {
	s := p.Summary
	return s.Create + s.Update + s.Replace + s.Delete
}

// finishApply prints the report, then re-reads and re-plans to verify.
func (a *app) finishApply(eng *engine.Engine, pl *engine.Planned, results []reconcile.Result) error {
	rep := render.ApplyReport(results)
	if err := render.Apply(a.stdout, results, render.PlanOptions{Color: colorOutput(a)}); err != nil {
		return withCode(exitError, err)
	}
	if after, err := eng.Verify(a.ctx, pl); err != nil {
		fmt.Fprintf(a.stderr, "Warning: could not verify the result: %v\n", explainAPIError(err))
	} else if after.HasChanges() {
		fmt.Fprintf(a.stdout, "\nThe live state still differs from the files after applying (%s); run logctl plan to see it.\n", render.PlanSummaryLine(after.Summary))
		if rep.Failed == 0 {
			return withCode(exitError, fmt.Errorf("apply: drift remains after a complete apply"))
		}
	}
	if rep.Failed > 0 || rep.Skipped > 0 {
		return withCode(exitError, fmt.Errorf("apply: %s failed and %d %s not attempted; fix the cause and run apply again",
			render.Count(rep.Failed, "change"), rep.Skipped, render.Verb(rep.Skipped, "was", "were")))
	}
	return nil
}

// progress shows how far apply is: on a terminal a bar with counts and
// ETA (github.com/schollz/progressbar) under the lines of the finished
// changes, otherwise one line per finished change.
type progress struct {
	w     io.Writer
	total int
	bar   *progressbar.ProgressBar // nil when stderr is not a terminal
}

func newProgress(a *app, total int) *progress {
	p := &progress{w: a.stderr, total: total}
	if f, ok := fileOf(a.stderr); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) report(done, _ int, r reconcile.Result) {
	if r.Change.Action == diff.ActionNoop {
		return
	}
	line := render.ResultLine(r)
	if p.bar == nil {
		fmt.Fprintln(p.w, line)
		return
	}
	// The line goes above the bar: clear the bar, print, draw it again.
	p.bar.Clear()
	fmt.Fprintln(p.w, line)
	p.bar.Set(min(done, p.total))
}

func (p *progress) close() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
