package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/engine"
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
	res, err := a.lint(o, paths)
	if err != nil {
		return err
	}
	findings := res.Findings
	opts := render.FindingOptions{
		Color:       colorOutput(a),
		Files:       len(res.Doc.Files),
		Rules:       res.Rules,
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

// readLive reads the live state of what doc touches as lint --live sees it,
// with the findings of the region check made first.
func (a *app) readLive(doc *spec.Document) (*diff.Live, []policy.Finding, error) {
	cloud, err := a.openCloud(a.ctx)
	if err != nil {
		return nil, nil, withCode(exitError, err)
	}
	defer cloud.stop()
	live, found, err := a.newEngine(cloud).ReadLive(a.ctx, doc)
	if err != nil {
		return nil, nil, withCode(exitError, fmt.Errorf("lint: %w", explainAPIError(err)))
	}
	return live, found, nil
}

// lint runs the engine's lint. With --live the cloud session opens only
// when the engine asks for providers: files with schema errors are not
// read against the clouds.
func (a *app) lint(o lintOptions, paths []string) (*engine.Linted, error) {
	eng := a.newEngine(&cloudSession{getenv: a.getenv, secrets: a.secrets})
	var cloud *cloudSession
	eng.Providers = func(doc *spec.Document) (map[spec.Kind]reconcile.Provider, error) {
		var err error
		if cloud, err = a.openCloud(a.ctx); err != nil {
			return nil, err
		}
		return newProviders(cloud.getenv, providerOptions{CreateAPI: doc.CreateAPI(), TencentSite: doc.TencentSite()})
	}
	res, err := eng.Lint(a.ctx, engine.LintRequest{Paths: paths, PolicyDirs: o.policyDirs, Live: o.live})
	if cloud != nil {
		cloud.stop()
	}
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("lint: %w", explainAPIError(err)))
	}
	return res, nil
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
