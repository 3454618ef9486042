package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

type mapOptions struct {
	output     string
	live       bool
	policyDirs []string
}

func newMapCmd(a *app) *cobra.Command {
	var o mapOptions
	cmd := &cobra.Command{
		Use:   "map [PATH...]",
		Short: "Show what data goes where: destinations, fields, sampling, jurisdictions",
		Long: `Map prints the data map of the YAML: for each destination (CLS topic,
S3 bucket, HTTP endpoint, OBS bucket, EdgeOne log analysis, CLS export
files) the tasks, exports and transfers that feed it, from which entities,
with which fields and custom fields (header, cookie and body captures
named), at which sample, under which conditions, over which transport,
and the jurisdiction of source and destination where the configuration
tells it (EdgeOne area, CLS/LTS/S3 region). What it cannot tell stays
"unknown". Personal fields are marked from the privacy catalog that the
privacy.* lint rules use; --policy adds the team's settings, so that hosts
it declares its own or places in a jurisdiction read as the rules read them.

With --live it maps what runs instead: the live state of every zone, CLS
topic and LTS project the files touch, read as plan reads it (credentials
from the environment, or --emulator).

Output formats (-o): ` + strings.Join(render.MapFormats(), ", ") + `. The mermaid
format is a flowchart that GitHub renders in Markdown files and comments.

Exit codes: 0 success, 1 the files or the live state could not be read.`,
		Example: `  # The data map of a config repository, for a privacy review:
  logctl map -o markdown logs/ > data-map.md

  # A diagram for the README (GitHub renders mermaid code blocks):
  logctl map -o mermaid logs/

  # With the team's privacy settings (examples/policies/privacy.json):
  logctl map --policy examples/policies examples/

  # What runs today, against the embedded emulator:
  logctl map --live --emulator examples/

  # Every flow that carries personal data out of the account, with jq:
  logctl map -o json logs/ | jq '.destinations[] | select(.external) | .flows[] | select(any(.fields[]; .personal)) | .name'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMap(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "text", "output `format`: "+strings.Join(render.MapFormats(), "|"))
	f.BoolVar(&o.live, "live", false, "map the live state instead of the files (needs credentials, or --emulator)")
	f.StringArrayVar(&o.policyDirs, "policy", nil, "read the team's privacy settings (data.logctl.privacy ownHosts, hostJurisdictions) from the data files of `DIR` (repeatable)")
	return cmd
}

func runMap(a *app, o mapOptions, paths []string) error {
	if !slices.Contains(render.MapFormats(), o.output) {
		return withCode(exitError, fmt.Errorf("map: unknown output format %q (want one of %s)", o.output, strings.Join(render.MapFormats(), ", ")))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	doc, diags, err := spec.Load(paths)
	if err != nil {
		return withCode(exitError, fmt.Errorf("map: %w", err))
	}
	if diags.HasErrors() {
		a.printDiagnostics(diags)
		return withCode(exitError, fmt.Errorf("map: the files have errors; run logctl lint"))
	}
	cat, err := policy.PrivacyWith(o.policyDirs)
	if err != nil {
		return withCode(exitError, fmt.Errorf("map: %w", err))
	}
	var m *datamap.Map
	if o.live {
		live, found, err := a.readLive(doc)
		if err != nil {
			return err
		}
		// A dump in another region than its project's: the live read was
		// not made, so there is no map of what runs to show.
		if err := a.reportFindings(found, doc); err != nil {
			return err
		}
		if live == nil {
			return withCode(exitError, fmt.Errorf("map: the live state was not read"))
		}
		m = datamap.Live(live, cat)
	} else {
		m = datamap.Desired(doc, cat)
	}
	if err := render.DataMap(a.stdout, o.output, m); err != nil {
		return withCode(exitError, fmt.Errorf("map: %w", err))
	}
	return nil
}
