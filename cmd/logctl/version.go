package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// What a release build stamps with the linker (GoReleaser's defaults):
//
//	-ldflags "-X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}}"
//
// They are the fallback: the build info of the binary says more when it
// knows anything (versionOf).
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// versionInfo is what `logctl version` prints; -o json gives it as is.
type versionInfo struct {
	FormatVersion string `json:"formatVersion"`
	Version       string `json:"version"`
	Commit        string `json:"commit"`
	Date          string `json:"date"`
	GoVersion     string `json:"goVersion"`
	Platform      string `json:"platform"`
}

// linkerStamp is the values -X set, passed in so tests can vary them.
type linkerStamp struct{ version, commit, date string }

// currentVersion describes the running binary.
func currentVersion() versionInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return versionOf(bi, linkerStamp{version, commit, date})
}

// versionOf prefers the build info and falls back to the linker stamp, then
// to "dev". `go install …@v1.2.3` records v1.2.3 as the main module's
// version; a build in a Git checkout records the commit and its time as
// vcs.revision and vcs.time (and, since Go 1.24, a version derived from
// the tags); a build without either says "(devel)", which is no version.
func versionOf(bi *debug.BuildInfo, s linkerStamp) versionInfo {
	v := versionInfo{FormatVersion: "1", Version: s.version, Commit: s.commit, Date: s.date,
		GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
			v.Version = mv
		}
		if bi.GoVersion != "" {
			v.GoVersion = bi.GoVersion
		}
		settings := map[string]string{}
		for _, kv := range bi.Settings {
			settings[kv.Key] = kv.Value
		}
		v.Commit = firstNonEmpty(settings["vcs.revision"], v.Commit)
		v.Date = firstNonEmpty(settings["vcs.time"], v.Date)
		if settings["GOOS"] != "" && settings["GOARCH"] != "" {
			v.Platform = settings["GOOS"] + "/" + settings["GOARCH"]
		}
	}
	v.Version = firstNonEmpty(v.Version, "dev")
	return v
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// String is the one-line text form, leaving out what is unknown:
// "logctl v1.2.3 (commit 0123abc…, 2026-12-04T10:00:00Z, go1.26.0, linux/amd64)".
func (v versionInfo) String() string {
	var parts []string
	if v.Commit != "" {
		parts = append(parts, "commit "+v.Commit)
	}
	if v.Date != "" {
		parts = append(parts, v.Date)
	}
	parts = append(parts, v.GoVersion, v.Platform)
	return fmt.Sprintf("logctl %s (%s)", v.Version, strings.Join(parts, ", "))
}

func newVersionCmd(a *app) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, Go version and platform",
		Long: `Version prints the version of logctl, the commit it was built from and
when, the Go version and the platform. A binary installed with
'go install github.com/logctl/logctl/cmd/logctl@v1.2.3' reports v1.2.3; one
built from a Git checkout reports the commit; 'dev' means neither is known.
'logctl --version' prints the same line.`,
		Example: `  logctl version
  logctl --version

  # For scripts and bug reports:
  logctl version -o json | jq -r .version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := currentVersion()
			switch output {
			case "text":
				_, err := fmt.Fprintln(a.stdout, v)
				return err
			case "json":
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(v)
			}
			return withCode(exitError, fmt.Errorf("version: unknown output format %q (want text or json)", output))
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output `format`: text|json")
	return cmd
}
