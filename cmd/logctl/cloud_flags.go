package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// cloudCommands are the commands that talk to a cloud, by path under
// logctl: only they have --emulator and --emulator-state.
var cloudCommands = []string{"plan", "apply", "import", "logs list", "logs download", "lint", "map"}

// liveOnlyCommands read a cloud only with --live: --emulator without it
// would silently do nothing, so it is refused.
var liveOnlyCommands = map[string]bool{"lint": true, "map": true}

// emulatorFlags holds --emulator and --emulator-state as given; resolve
// turns them into app.emulatorState.
type emulatorFlags struct {
	on        bool
	state     string
	legacyArg string // the FILE of a deprecated --emulator=FILE
}

// emulatorSwitch is --emulator: a switch (--emulator, --emulator=true or
// false). It used to take an optional state file, so --emulator=FILE is
// still understood, with a deprecation notice, and never a bare
// "--emulator FILE", whose FILE is a path argument like any other.
type emulatorSwitch struct{ f *emulatorFlags }

func (s emulatorSwitch) String() string   { return strconv.FormatBool(s.f.on) }
func (s emulatorSwitch) Type() string     { return "bool" }
func (s emulatorSwitch) IsBoolFlag() bool { return true }
func (s emulatorSwitch) Set(v string) error {
	if b, err := strconv.ParseBool(v); err == nil {
		s.f.on = b
		return nil
	}
	s.f.on, s.f.legacyArg = true, v
	return nil
}

// addCloudFlags gives the cloud commands under root the emulator flags,
// and root hidden copies of them so that "logctl --emulator plan" still
// finds the plan command (cobra strips root's flags to find it, then the
// command parses them as its own).
func addCloudFlags(a *app, root *cobra.Command) {
	if a.emulator == nil {
		a.emulator = &emulatorFlags{}
	}
	for _, path := range cloudCommands {
		cmd, rest, err := root.Find(strings.Fields(path))
		if err != nil || cmd == root || len(rest) > 0 {
			continue
		}
		defineEmulatorFlags(cmd.Flags(), a.emulator)
		cmd.PreRunE = chainPreRun(cmd.PreRunE, func(cmd *cobra.Command, _ []string) error {
			return a.resolveEmulator(cmd)
		})
	}
	defineEmulatorFlags(root.Flags(), &emulatorFlags{})
	for _, name := range []string{"emulator", "emulator-state"} {
		root.Flags().MarkHidden(name)
	}
}

func defineEmulatorFlags(fs *pflag.FlagSet, f *emulatorFlags) {
	fl := fs.VarPF(emulatorSwitch{f}, "emulator", "",
		"run against an in-process emulator of the clouds (no cloud account needed; state in --emulator-state)")
	fl.NoOptDefVal = "true"
	fs.StringVar(&f.state, "emulator-state", defaultEmulatorState, "with --emulator, keep the emulated clouds in `FILE`")
}

// resolveEmulator sets app.emulatorState from the flags of cmd: the state
// file with --emulator, "" (the real clouds) without.
func (a *app) resolveEmulator(cmd *cobra.Command) error {
	f := a.emulator
	stateSet := cmd.Flags().Changed("emulator-state")
	if f.legacyArg != "" {
		if stateSet {
			return fmt.Errorf("--emulator=%s and --emulator-state: give the state file once, with --emulator-state", f.legacyArg)
		}
		fmt.Fprintf(a.stderr, "Note: --emulator=FILE is deprecated; use --emulator --emulator-state %s\n", f.legacyArg)
		f.state = f.legacyArg
	}
	if file := stateFileAfterSwitch(a.args); file != "" {
		return fmt.Errorf("--emulator takes no value, so %s would be read as a configuration file; to keep the emulator's state there, use --emulator --emulator-state %s", file, file)
	}
	if stateSet && !f.on {
		return fmt.Errorf("--emulator-state applies only with --emulator; add --emulator to use the emulator")
	}
	if f.on && liveOnlyCommands[cmd.Name()] {
		if live := cmd.Flags().Lookup("live"); live != nil && live.Value.String() != "true" {
			return fmt.Errorf("%s reads no cloud without --live, so --emulator does nothing here; add --live", cmd.Name())
		}
	}
	if !f.on {
		a.emulatorState = ""
		return nil
	}
	if strings.TrimSpace(f.state) == "" {
		return fmt.Errorf("--emulator-state: want a file name")
	}
	a.emulatorState = f.state
	return nil
}

// stateFileAfterSwitch returns the argument after a bare --emulator when it
// names a .json file: that is the old "--emulator STATE_FILE" spelling
// (configuration files are YAML), which must not pass as a path.
func stateFileAfterSwitch(args []string) string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--emulator" && strings.HasSuffix(args[i+1], ".json") && !strings.HasPrefix(args[i+1], "-") {
			return args[i+1]
		}
	}
	return ""
}

// chainPreRun runs first, then next.
func chainPreRun(first, next func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	if first == nil {
		return next
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := first(cmd, args); err != nil {
			return err
		}
		return next(cmd, args)
	}
}
