package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/logctl/logctl/policy"
)

// GitHub Actions shows at most 10 error, 10 warning and 10 notice
// annotations per step and 50 per job (actions/toolkit
// docs/problem-matchers.md, "Limitations"); commands past that are dropped
// without a word. The github format therefore annotates at most this many
// findings of each severity, errors first, and says how many it left out.
const githubAnnotationsPerType = 10

// renderFindingsGitHub prints GitHub Actions workflow commands:
//
//	::error file=examples/a.yaml,line=12,col=5,title=teo.sample-range::sample must be 1..1000
//
// Errors come first, then warnings, each capped at githubAnnotationsPerType
// (21 commands at most with the closing notice, well within the job's 50).
// Findings past the cap are printed as plain log lines, so the log still has
// all of them, and one ::notice:: counts them. Waived findings are not
// annotated (they need no action); they are printed as plain log lines
// marked "waived", so they are never silent.
func renderFindingsGitHub(w io.Writer, fs []policy.Finding, opts FindingOptions) error {
	fs = withRepoPaths(fs, opts.RepoPath)
	bw := bufio.NewWriter(w)
	var errs, warns, waived []policy.Finding
	for _, f := range fs {
		switch {
		case f.Waived:
			waived = append(waived, f)
		case isError(f):
			errs = append(errs, f)
		default:
			warns = append(warns, f)
		}
	}
	var over []policy.Finding
	for _, group := range []struct {
		cmd string
		fs  []policy.Finding
	}{{"error", errs}, {"warning", warns}} {
		n := min(len(group.fs), githubAnnotationsPerType)
		for _, f := range group.fs[:n] {
			fmt.Fprintln(bw, githubCommand(group.cmd, f))
		}
		over = append(over, group.fs[n:]...)
	}
	for _, f := range over {
		fmt.Fprintln(bw, plainFindingLine(f))
	}
	for _, f := range waived {
		fmt.Fprintln(bw, plainFindingLine(f))
	}
	if len(over) > 0 {
		msg := fmt.Sprintf("%s not annotated: GitHub shows at most %d annotations per type and step; all findings are in this log",
			Count(len(over), "finding"), githubAnnotationsPerType)
		fmt.Fprintf(bw, "::notice title=%s::%s\n", githubProperty("logctl lint"), githubData(msg))
	}
	fmt.Fprintln(bw, summaryLine(CountFindings(fs), opts.Files))
	return bw.Flush()
}

// githubCommand formats one annotation. Line and col are left out when the
// finding is about a whole file (position unknown), as GitHub then
// annotates the file itself.
func githubCommand(cmd string, f policy.Finding) string {
	props := []string{"file=" + githubProperty(f.Pos.File)}
	if f.Pos.Line > 0 {
		props = append(props, "line="+strconv.Itoa(f.Pos.Line))
		if f.Pos.Column > 0 {
			props = append(props, "col="+strconv.Itoa(f.Pos.Column))
		}
	}
	props = append(props, "title="+githubProperty(f.Rule))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(messageWithHint(f))
}

// plainFindingLine is a finding as an ordinary log line, not a command.
func plainFindingLine(f policy.Finding) string {
	sev := string(f.Severity)
	msg := messageWithHint(f)
	if f.Waived {
		sev = "waived"
		msg += " " + waivedNote(f)
	}
	// The line starts with the position, never "::", so a message cannot
	// turn it into a workflow command; line breaks would, so they go.
	line := fmt.Sprintf("%s: %s %s: %s", f.Pos, sev, f.Rule, msg)
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(line)
}

// githubData escapes a workflow command's message, as the runner's
// ActionCommand unescaping expects: % first, then CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command property value: the data
// escapes plus ':' and ',' which would otherwise end the value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
