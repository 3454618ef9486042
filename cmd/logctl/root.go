package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/redact"
)

// Exit codes, as in design §4. They follow Terraform's -detailed-exitcode for
// 0/1/2 so that CI scripts port unchanged.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2
	exitDeny    = 3
	exitUnsafe  = 4
	exitStale   = 5
)

// exitError carries a specific exit code out of a cobra RunE.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *codeError) Unwrap() error { return e.err }

// withCode wraps err so that run returns code. A nil err with a non-zero code
// means "already reported, just exit".
func withCode(code int, err error) error { return &codeError{code: code, err: err} }

// app is what every subcommand needs from the outside world. Nothing else is
// global: tests build an app with their own writers and environment.
type app struct {
	ctx    context.Context
	args   []string // the command line after "logctl", to name a lock's holder
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// emulatorState is set by --emulator (to --emulator-state's file): when
	// set, the clients talk to an in-process emulator keeping its state in
	// this file; "" means the real clouds.
	emulatorState string
	emulator      *emulatorFlags
	// noColor is --no-color: plain text even on a terminal.
	noColor bool
	// secrets holds the credentials and every resolved ${env:} value;
	// stdout and stderr redact them, and so must anything posted.
	secrets *redact.Set
}

// credentialVars are the environment variables holding credentials: their
// values are redacted from all output (the key IDs are not secret and help
// diagnose a wrong key, so they stay).
var credentialVars = []string{
	"TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN",
	"HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
	"GITHUB_TOKEN",
}

// run is the whole command: main passes the process's streams and
// environment, tests their own.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	secrets := &redact.Set{}
	for _, name := range credentialVars {
		secrets.Add(getenv(name))
	}
	// Everything printed passes the redactor: a vendor error may quote a
	// secret request parameter back (design: secrets never leak).
	rout, rerr := redact.NewWriter(secrets, stdout), redact.NewWriter(secrets, stderr)
	a := &app{ctx: ctx, args: args, stdin: stdin, stdout: rout, stderr: rerr, getenv: getenv, secrets: secrets}
	code := a.execute()
	rout.Flush()
	rerr.Flush()
	return code
}

// execute runs the subcommand a.args names and returns the exit code.
func (a *app) execute() int {
	stdin, stdout, stderr := a.stdin, a.stdout, a.stderr
	root := newRootCmd(a)
	root.SetArgs(a.args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(a.ctx)
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		if ce.err != nil {
			fmt.Fprintf(stderr, "Error: %v\n", ce.err)
		}
		return ce.code
	}
	fmt.Fprintf(stderr, "Error: %v\n", err)
	return exitError
}

// fileOf returns the file behind w, looking through the redacting
// writers, to ask whether it is a terminal.
func fileOf(w io.Writer) (*os.File, bool) {
	for {
		switch x := w.(type) {
		case *os.File:
			return x, true
		case interface{ Unwrap() io.Writer }:
			w = x.Unwrap()
		default:
			return nil, false
		}
	}
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "logctl",
		Short: "GitOps for cloud log delivery: lint, plan and apply log pipelines kept as YAML",
		Long: `logctl keeps EdgeOne real-time log delivery tasks, CLS log exports and
Huawei LTS log transfers as YAML in a Git repository. It lints the YAML with
Rego policies, diffs it against the live state read from the cloud APIs, and
applies the difference.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --version without cobra's -v shorthand, printing what `version` prints.
	root.Version = currentVersion().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print the version and exit")
	root.PersistentFlags().BoolVar(&a.noColor, "no-color", false, "never use colors (as NO_COLOR=1 does); colors are used only on a terminal")
	// The explicit registry of subcommands: one constructor per file.
	root.AddCommand(
		newVersionCmd(a),
		newEmulatorCmd(a),
		newLintCmd(a),
		newPlanCmd(a),
		newApplyCmd(a),
		newImportCmd(a),
		newLogsCmd(a),
		newSchemaCmd(a),
		newPolicyCmd(a),
		newVarsCmd(a),
		newMapCmd(a),
	)
	addCloudFlags(a, root)
	registerCompletions(root)
	noticesToStderr(root, a.stderr)
	return root
}

// noticesToStderr sends pflag's notices (a deprecated flag was used) to
// stderr: cobra prints them on its output stream, which is stdout here, where
// they would break -o json.
func noticesToStderr(c *cobra.Command, stderr io.Writer) {
	c.Flags().SetOutput(stderr)
	for _, sub := range c.Commands() {
		noticesToStderr(sub, stderr)
	}
}
