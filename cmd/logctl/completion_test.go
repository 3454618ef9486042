package main

import (
	"regexp"
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

// TestOutputCompletionsFromUsage: every -o flag's usage ends with its
// formats ("...: text|json"), which completion offers; a command whose
// usage does not would offer nothing, or words that are no format.
func TestOutputCompletionsFromUsage(t *testing.T) {
	format := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		f := c.Flags().Lookup("output")
		if f == nil {
			return
		}
		got := outputFormats(f.Usage)
		if len(got) < 2 {
			t.Errorf("%s: -o usage %q names no list of formats", c.CommandPath(), f.Usage)
		}
		for _, v := range got {
			if !format.MatchString(v) {
				t.Errorf("%s: -o completion %q is not a format name (usage %q)", c.CommandPath(), v, f.Usage)
			}
		}
		if def := f.DefValue; len(got) > 0 && !slices.Contains(got, def) {
			t.Errorf("%s: -o default %q is not among the completions %v", c.CommandPath(), def, got)
		}
	}
	walk(newRootCmd(&app{}))
}
