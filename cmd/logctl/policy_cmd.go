package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/policy"
)

func newPolicyCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Work with the Rego policies that lint checks",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newPolicyTestCmd(a))
	return cmd
}

func newPolicyTestCmd(a *app) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in and user policies",
		Long: `Run the Rego unit tests (rules named test_*) of the built-in policies and
of the policy directories given, the same directories you pass to
lint --policy. Data files (.json, .yaml) in those directories are loaded as
data, as with opa test. The report follows opa test; the exit code is 1 when
a test fails or a policy does not compile.`,
		Example: `  # The built-in policies only:
  logctl policy test

  # Your policies and their tests, together with the built-in ones:
  logctl policy test policies/

  # Print every test, with traces of the failing ones:
  logctl policy test -v policies/`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			passed, failed, err := policy.Test(a.ctx, dirs, a.stdout, verbose)
			if err != nil {
				return withCode(exitError, err)
			}
			if failed > 0 {
				return withCode(exitError, fmt.Errorf("%d of %s failed", failed, render.Count(passed+failed, "policy test")))
			}
			if passed == 0 {
				return withCode(exitError, fmt.Errorf("no policy tests found"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test and trace failures")
	return cmd
}
