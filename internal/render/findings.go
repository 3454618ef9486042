package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/logctl/logctl/policy"
)

// FindingOptions are what the finding renderers need beyond the findings.
// The caller fills them from its environment: render itself never looks at
// the terminal, the working directory or the clock.
type FindingOptions struct {
	// Color turns on ANSI colors in the text format.
	Color bool
	// Files is the number of files that were linted, for the summary line;
	// zero means "count the files that have findings".
	Files int
	// BaseDir is the directory SARIF artifact URIs are made relative to
	// (the working directory), so code scanning can match them to the
	// repository. Empty leaves the paths as they are.
	BaseDir string
	// RepoPath, when set, renames each finding's file in the github and
	// sarif formats; in GitHub Actions the caller makes it relative to the
	// repository root, so annotations and alerts land on the right file
	// whatever directory logctl ran in. Nil keeps the names as they are.
	RepoPath func(file string) string
	// Rules is the catalog of policy rules (from the policy engine's
	// METADATA) that SARIF lists in tool.driver.rules.
	Rules []policy.RuleMeta
	// ToolVersion is reported as the SARIF tool version.
	ToolVersion string
}

type findingRenderer func(w io.Writer, fs []policy.Finding, opts FindingOptions) error

// findingRenderers is the one table of finding formats: FindingFormats and
// Findings both read it, so --help can never list a format that is missing.
func findingRenderers() map[string]findingRenderer {
	return map[string]findingRenderer{
		"text":   renderFindingsText,
		"json":   renderFindingsJSON,
		"github": renderFindingsGitHub,
		"sarif":  renderFindingsSARIF,
	}
}

// FindingFormats returns the names of the finding formats, text first (the
// default), the rest sorted.
func FindingFormats() []string {
	names := []string{"text"}
	for name := range findingRenderers() {
		if name != "text" {
			names = append(names, name)
		}
	}
	sort.Strings(names[1:])
	return names
}

// Findings writes findings to w in the named format. The findings are
// rendered in the order of SortFindings whatever order they come in; the
// slice itself is not modified.
func Findings(w io.Writer, format string, findings []policy.Finding, opts FindingOptions) error {
	r, ok := findingRenderers()[format]
	if !ok {
		return fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(FindingFormats(), ", "))
	}
	sorted := append([]policy.Finding(nil), findings...)
	SortFindings(sorted)
	return r(w, sorted, opts)
}

// SortFindings orders findings by file, line, column and rule, keeping the
// order of findings that tie, so that output is stable from run to run.
func SortFindings(fs []policy.Finding) { policy.SortByPosition(fs) }

// FindingCounts sums up a set of findings. Waived findings count only as
// waived: they never fail a run.
type FindingCounts struct {
	Errors   int
	Warnings int
	Waived   int
	Files    int // distinct files with at least one finding
}

// CountFindings counts findings by outcome.
func CountFindings(fs []policy.Finding) FindingCounts {
	var c FindingCounts
	files := map[string]bool{}
	for _, f := range fs {
		files[f.Pos.File] = true
		switch {
		case f.Waived:
			c.Waived++
		case isError(f):
			c.Errors++
		default:
			c.Warnings++
		}
	}
	c.Files = len(files)
	return c
}

// withRepoPaths returns fs with each file renamed by repoPath (nil: fs
// itself). The caller's findings are not modified.
func withRepoPaths(fs []policy.Finding, repoPath func(string) string) []policy.Finding {
	if repoPath == nil {
		return fs
	}
	out := make([]policy.Finding, len(fs))
	for i, f := range fs {
		f.Pos.File = repoPath(f.Pos.File)
		out[i] = f
	}
	return out
}

func isError(f policy.Finding) bool { return string(f.Severity) == "error" }

// summaryLine is the closing line of the text and github formats, such as
// "2 errors, 1 warning (1 waived) in 3 files".
func summaryLine(c FindingCounts, files int) string {
	if files == 0 {
		files = c.Files
	}
	s := Count(c.Errors, "error") + ", " + Count(c.Warnings, "warning")
	if c.Waived > 0 {
		s += fmt.Sprintf(" (%d waived)", c.Waived)
	}
	return s + " in " + Count(files, "file")
}
