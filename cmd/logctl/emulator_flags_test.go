package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEmulatorFlagsOnlyOnCloudCommands: --emulator and --emulator-state are
// on exactly the commands that talk to a cloud.
func TestEmulatorFlagsOnlyOnCloudCommands(t *testing.T) {
	root := newRootCmd(&app{})
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c == root {
			return
		}
		path := strings.TrimPrefix(c.CommandPath(), "logctl ")
		want := slices.Contains(cloudCommands, path)
		for _, name := range []string{"emulator", "emulator-state"} {
			if got := c.Flags().Lookup(name) != nil; got != want {
				t.Errorf("%s: has --%s = %v, want %v", path, name, got, want)
			}
		}
		if want {
			seen++
		}
	}
	walk(root)
	if seen != len(cloudCommands) {
		t.Errorf("found %d of the cloud commands %v", seen, cloudCommands)
	}
}
