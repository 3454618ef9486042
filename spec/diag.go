package spec

import (
	"fmt"
	"sort"
)

// Pos is a place in a source file. Line and Column are 1-based; zero means
// unknown (for example a problem about a whole file).
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// String formats the position as file:line:col, dropping unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// Severity says whether a diagnostic blocks the run.
type Severity string

// Severities, as they appear in JSON and SARIF output.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is a problem the user must fix (or at least look at): what is
// wrong (Summary), how to fix it (Detail), and where (Pos). Rule is a stable
// id such as "schema.unknown-key" so that tools can filter on it.
type Diagnostic struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
	Pos      Pos      `json:"pos"`
	Path     string   `json:"path,omitempty"`
}

func (d Diagnostic) Error() string {
	s := fmt.Sprintf("%s: %s", d.Pos, d.Summary)
	if d.Detail != "" {
		s += " (" + d.Detail + ")"
	}
	return s
}

// Diagnostics is a list of problems; it is an error when any is an error.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic has error severity.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column and rule, for stable output.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		return a.Rule < b.Rule
	})
}

// Err returns the diagnostics as an error when at least one is an error.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return &DiagnosticsError{Diags: ds}
}

// DiagnosticsError wraps error diagnostics so they can travel as an error
// and still be rendered one by one.
type DiagnosticsError struct{ Diags Diagnostics }

func (e *DiagnosticsError) Error() string {
	n := 0
	first := ""
	for _, d := range e.Diags {
		if d.Severity == SeverityError {
			if n == 0 {
				first = d.Error()
			}
			n++
		}
	}
	if n == 1 {
		return first
	}
	if n == 2 {
		return first + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", first, n-1)
}
