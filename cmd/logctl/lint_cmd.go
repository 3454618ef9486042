package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

type lintOptions struct {
	policyDirs []string
	output     string
	strict     bool
	live       bool
}

func newLintCmd(a *app) *cobra.Command {
	var o lintOptions
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check the YAML against the format and the built-in and user policies",
		Long: `Lint loads the YAML files that the paths name (a directory is read
recursively for *.yaml and *.yml; the default is the current directory),
checks them against the format (unknown keys, wrong types, missing fields,
resources declared twice) and evaluates the built-in Rego policies, which
encode the vendors' rules, plus any --policy directories.

Every problem is reported with file:line:col, its rule id and a fix hint;
all problems are reported together. A finding waived by a policy exception
is shown as waived and does not fail the run.

Output formats (-o): ` + strings.Join(render.FindingFormats(), ", ") + `.

Exit codes: 0 no error findings (warnings allowed unless --strict),
3 error findings (or warnings with --strict), 1 the input could not be
linted (a path that cannot be read, a policy that does not compile).`,
		Example: `  # Lint the config repository in the current directory:
  logctl lint

  # Lint two directories with an extra set of team policies:
  logctl lint logs/ shared/logs.yaml --policy policies/

  # In a GitHub Actions step: annotations on the changed lines, warnings fail:
  logctl lint -o github --strict logs/

  # For code scanning: upload the SARIF file with github/codeql-action/upload-sarif:
  logctl lint -o sarif logs/ > logctl.sarif

  # Machine-readable findings, e.g. count errors per rule with jq:
  logctl lint -o json logs/ | jq '.findings | group_by(.rule) | map({(.[0].rule): length}) | add'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.policyDirs, "policy", nil, "add the Rego policies and data files of `DIR` (repeatable)")
	f.StringVarP(&o.output, "output", "o", "text", "output `format`: "+strings.Join(render.FindingFormats(), "|"))
	f.BoolVar(&o.strict, "strict", false, "fail (exit 3) on warnings too")
	f.BoolVar(&o.live, "live", false, "also read the live state, so uniqueness rules see resources no file declares (needs credentials, or --emulator)")
	return cmd
}

func runLint(a *app, o lintOptions, paths []string) error {
	if !slices.Contains(render.FindingFormats(), o.output) {
		return withCode(exitError, fmt.Errorf("lint: unknown output format %q (want one of %s)",
			o.output, strings.Join(render.FindingFormats(), ", ")))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, err := loadWithPolicies(a, o.policyDirs, paths)
	if err != nil {
		return withCode(exitError, fmt.Errorf("lint: %w", err))
	}
	doc, diags, eng := files.doc, files.diags, files.eng
	var live *diff.Live
	var regionFound []policy.Finding
	if o.live && !diags.HasErrors() {
		if live, regionFound, err = a.readLiveForLint(doc); err != nil {
			return err
		}
	}
	ev, err := files.prepare()
	if err != nil {
		return withCode(exitError, fmt.Errorf("lint: %w", err))
	}
	var liveIn map[string]any
	if live != nil {
		if liveIn, err = liveInput(live, ev.Convert, true); err != nil {
			return withCode(exitError, fmt.Errorf("lint: %w", err))
		}
	}
	findings, err := lintFindingsLive(a, ev, doc, diags, liveIn)
	if err != nil {
		return withCode(exitError, fmt.Errorf("lint: %w", err))
	}
	if len(regionFound) > 0 {
		findings = append(findings, regionFound...)
		render.SortFindings(findings)
	}
	opts := render.FindingOptions{
		Color:       colorOutput(a),
		Files:       len(doc.Files),
		Rules:       eng.Rules(),
		ToolVersion: currentVersion().Version,
		RepoPath:    a.workspaceRepoPath(),
	}
	if wd, err := os.Getwd(); err == nil {
		opts.BaseDir = wd
	}
	if err := render.Findings(a.stdout, o.output, findings, opts); err != nil {
		return withCode(exitError, fmt.Errorf("lint: %w", err))
	}
	c := render.CountFindings(findings)
	if c.Errors > 0 || (o.strict && c.Warnings > 0) {
		return withCode(exitDeny, nil)
	}
	return nil
}

// loadedFiles is what loadWithPolicies returns.
type loadedFiles struct {
	doc   *spec.Document
	diags spec.Diagnostics
	eng   *policy.Engine
	conv  *policy.Converter // converted doc's resources as they were parsed
}

// prepare converts what is left of doc's policy input for the engine.
func (l *loadedFiles) prepare() (*policy.Evaluation, error) {
	return l.eng.PrepareWith(l.doc, l.conv)
}

// loadWithPolicies loads the files and compiles the policies at the same
// time: neither depends on the other. Both failures are reported when both
// happen. The resources are converted to the policies' input as they are
// parsed, so that 100,000 of them are never all held in plain form.
func loadWithPolicies(a *app, policyDirs, paths []string) (*loadedFiles, error) {
	type built struct {
		engine *policy.Engine
		err    error
	}
	engineCh := make(chan built, 1)
	go func() {
		e, err := policy.New(a.ctx, policy.Options{UserDirs: policyDirs})
		engineCh <- built{e, err}
	}()
	conv := policy.NewConverter()
	doc, diags, err := spec.LoadWith(paths, spec.LoadOptions{ConvertItem: conv.ConvertItem})
	eng := <-engineCh
	if err != nil || eng.err != nil {
		return nil, errors.Join(err, eng.err)
	}
	return &loadedFiles{doc: doc, diags: diags, eng: eng.engine, conv: conv}, nil
}

// readLiveForLint reads the live state of what the files touch, as the
// policies' data.logctl.live. The resource ids that decide what to read are
// never secrets, so no ${env:} reference needs resolving here.
//
// It also checks each dump's region against its project's (IAM); after a
// region error nothing is read: the calls would only fail.
func (a *app) readLiveForLint(doc *spec.Document) (*diff.Live, []policy.Finding, error) {
	cloud, err := a.openCloud(a.ctx)
	if err != nil {
		return nil, nil, withCode(exitError, err)
	}
	defer cloud.stop()
	providers, err := newProviders(cloud.getenv, providerOptions{CreateAPI: doc.CreateAPI(), TencentSite: doc.TencentSite()})
	if err == nil {
		err = checkCredentials(providers, reconcile.Targets(doc))
	}
	if err != nil {
		return nil, nil, withCode(exitError, fmt.Errorf("lint: %w", err))
	}
	found := regionFindings(a.ctx, providers, doc, doc)
	if render.CountFindings(found).Errors > 0 {
		return nil, found, nil
	}
	targets := reconcile.Targets(doc)
	fmt.Fprintf(a.stderr, "Reading the live state of %s...\n", describeTargets(targets))
	live, err := (&reconcile.Reader{Providers: providers}).Read(a.ctx, targets)
	if err != nil {
		return nil, nil, withCode(exitError, fmt.Errorf("lint: %w", explainAPIError(err)))
	}
	// As plan does: what the files' scopes delete or replace does not count.
	// Deletes and replaces never depend on a secret, so the raw files do.
	return liveAfter(live, diff.Compute(doc, doc, live), true), found, nil
}

// lintFindingsLive turns the loader's diagnostics into findings, evaluates
// the prepared policies, with the live state as data.logctl.live (nil: none
// was read), and drops the policy findings that repeat a schema finding at
// the same path (sample: high is a type error; "sample out of range" on top
// of it would only be noise).
func lintFindingsLive(a *app, ev *policy.Evaluation, doc *spec.Document, diags spec.Diagnostics, live map[string]any) ([]policy.Finding, error) {
	findings := make([]policy.Finding, 0, len(diags))
	schemaPaths := map[string]bool{}
	for _, d := range diags {
		findings = append(findings, diagnosticFinding(doc, d))
		if d.Path != "" {
			schemaPaths[d.Path] = true
		}
	}
	pf, err := ev.Eval(a.ctx, live)
	if err != nil {
		return nil, err
	}
	for _, f := range pf {
		if f.Path != "" && schemaPaths[f.Path] {
			continue
		}
		findings = append(findings, f)
	}
	render.SortFindings(findings)
	return findings, nil
}

// diagnosticFinding makes a loader diagnostic a finding, so that every
// output format carries it with file:line. The fix (Detail) is the
// finding's hint: its own field in JSON, a second "hint:" line elsewhere.
func diagnosticFinding(doc *spec.Document, d spec.Diagnostic) policy.Finding {
	f := policy.Finding{Rule: d.Rule, Severity: policy.Severity(d.Severity), Message: d.Summary, Hint: d.Detail, Pos: d.Pos, Path: d.Path}
	if kind, name, ok := doc.ResourceAt(d.Path); ok {
		f.Kind, f.Name = kind, name
	}
	return f
}

// colorOutput reports whether the text format may use colors: stdout is a
// terminal, NO_COLOR (no-color.org) is unset or empty, and TERM is not
// "dumb".
func colorOutput(a *app) bool {
	if a.noColor || a.getenv("NO_COLOR") != "" || a.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := fileOf(a.stdout)
	return ok && term.IsTerminal(int(f.Fd()))
}
