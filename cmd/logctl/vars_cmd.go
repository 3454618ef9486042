package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/spec"
)

type varsOptions struct {
	output string
	names  bool
}

func newVarsCmd(a *app) *cobra.Command {
	var o varsOptions
	cmd := &cobra.Command{
		Use:   "vars [PATH...]",
		Short: "List the ${env:NAME} variables the YAML references, and whether each is set",
		Long: `Vars lists the environment variables that the YAML files reference as
${env:NAME} (a directory is read recursively for *.yaml and *.yml; the
default is the current directory), with file:line:col of every use and
whether the variable is set in the environment. A variable set to an empty
or blank value counts as not set, as plan and apply count it.

Values are never printed. Nothing is read from a cloud, and the files only
have to be YAML: a file that lint rejects still reports its references.

Output formats (-o): text (one line per variable and a summary), json
({"formatVersion": "1", "variables": [{"name", "set", "uses": [{"file",
"line", "column"}]}]}, sorted by name). --names prints the names alone, one
per line, for scripts.

Exit codes: 0 listed (whether or not the variables are set), 1 a path that
cannot be read or a file that is not YAML (named with its line).`,
		Example: `  # Which secrets does the config in logs/ need, and are they exported?
  logctl vars logs/

  # The variables still missing, for a script:
  logctl vars -o json logs/ | jq -r '.variables[] | select(.set | not) | .name'

  # GitHub Actions: export exactly the secrets the files reference, no more.
  # The step sees all secrets as JSON (env: SECRETS: ${{ toJSON(secrets) }});
  # only the referenced ones reach the job's environment, masked:
  logctl vars --names logs/ | while read -r name; do
    value="$(jq -r --arg n "$name" '.[$n] // empty' <<<"$SECRETS")"
    [ -n "$value" ] || { echo "::error::secret $name is not set"; exit 1; }
    echo "::add-mask::$value"
    delim="EOF_$(openssl rand -hex 16)"
    printf '%s<<%s\n%s\n%s\n' "$name" "$delim" "$value" "$delim" >> "$GITHUB_ENV"
  done`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVars(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "text", "output `format`: text|json")
	f.BoolVar(&o.names, "names", false, "print only the variable names, one per line")
	cmd.MarkFlagsMutuallyExclusive("output", "names")
	return cmd
}

func runVars(a *app, o varsOptions, paths []string) error {
	if o.output != "text" && o.output != "json" {
		return withCode(exitError, fmt.Errorf("vars: unknown output format %q (want text or json)", o.output))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	vars, err := spec.EnvVars(paths)
	if err != nil {
		return withCode(exitError, fmt.Errorf("vars: %w", err))
	}
	isSet := spec.EnvLookup(a.getenv)
	set := make([]bool, len(vars))
	for i, v := range vars {
		_, set[i] = isSet(v.Name)
	}
	switch {
	case o.names:
		for _, v := range vars {
			fmt.Fprintln(a.stdout, v.Name)
		}
	case o.output == "json":
		err = writeVarsJSON(a.stdout, vars, set)
	default:
		err = writeVarsText(a.stdout, vars, set)
	}
	if err != nil {
		return withCode(exitError, fmt.Errorf("vars: %w", err))
	}
	return nil
}

// writeVarsText prints one aligned line per variable and a summary.
func writeVarsText(w io.Writer, vars []spec.EnvVar, set []bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	files := map[string]bool{}
	nset := 0
	for i, v := range vars {
		state := "not set"
		if set[i] {
			state, nset = "set", nset+1
		}
		uses := make([]string, len(v.Uses))
		for j, u := range v.Uses {
			uses[j], files[u.File] = u.String(), true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Name, state, strings.Join(uses, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(vars) == 0 {
		_, err := fmt.Fprintln(w, "no ${env:NAME} references")
		return err
	}
	_, err := fmt.Fprintf(w, "%s (%d set, %d not set) in %s\n",
		render.Count(len(vars), "variable"), nset, len(vars)-nset, render.Count(len(files), "file"))
	return err
}

// varsJSON is the -o json document; its shape is a published contract.
type varsJSON struct {
	FormatVersion string    `json:"formatVersion"`
	Variables     []varJSON `json:"variables"`
}

type varJSON struct {
	Name string       `json:"name"`
	Set  bool         `json:"set"`
	Uses []varUseJSON `json:"uses"`
}

type varUseJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func writeVarsJSON(w io.Writer, vars []spec.EnvVar, set []bool) error {
	doc := varsJSON{FormatVersion: "1", Variables: make([]varJSON, len(vars))}
	for i, v := range vars {
		uses := make([]varUseJSON, len(v.Uses))
		for j, u := range v.Uses {
			uses[j] = varUseJSON{File: u.File, Line: u.Line, Column: u.Column}
		}
		doc.Variables[i] = varJSON{Name: v.Name, Set: set[i], Uses: uses}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
