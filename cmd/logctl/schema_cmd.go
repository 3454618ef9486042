package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/spec"
)

func newSchemaCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft-07) of the YAML format",
		Long: `Print the JSON Schema (draft-07) of the logctl YAML format to stdout.

The schema is generated from the same Go types the loader decodes into, so an
editor using it and logctl lint never disagree on which keys exist. Point the
YAML language server at it with a modeline on the first line of each file.`,
		Example: `  # Save the schema next to your config and reference it from each file:
  logctl schema > schema/logctl.schema.json
  # then start every YAML file with
  #   # yaml-language-server: $schema=../schema/logctl.schema.json

  # List the top-level keys:
  logctl schema | jq '.properties | keys'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := spec.JSONSchema()
			if err != nil {
				return fmt.Errorf("generate schema: %w", err)
			}
			if _, err := fmt.Fprintf(a.stdout, "%s\n", b); err != nil {
				return fmt.Errorf("write schema: %w", err)
			}
			return nil
		},
	}
}
