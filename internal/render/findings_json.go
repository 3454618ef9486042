package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/logctl/logctl/policy"
)

// FindingsFormatVersion is the version of the findings JSON document of
// `lint -o json`. The first form had no version (count it as 1) and folded
// the fix hint into the message; version 2 has formatVersion and "hint".
const FindingsFormatVersion = "2"

// jsonFinding is one finding in the shape of design §5. The field order and
// names are the contract: CI scripts parse them.
type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Path     string `json:"path"`
	Waived   bool   `json:"waived,omitempty"`
	WaivedBy string `json:"waivedBy,omitempty"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

type jsonFindings struct {
	FormatVersion string        `json:"formatVersion"`
	Findings      []jsonFinding `json:"findings"`
	Summary       jsonSummary   `json:"summary"`
}

// toJSONFindings converts findings, never returning nil: an empty list is
// [] in JSON.
func toJSONFindings(fs []policy.Finding) []jsonFinding {
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFinding{
			Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, Hint: f.Hint,
			File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column,
			Kind: string(f.Kind), Name: f.Name, Path: f.Path,
			Waived: f.Waived, WaivedBy: f.WaivedBy,
		})
	}
	return out
}

// renderFindingsJSON prints {"formatVersion": "2", "findings": [...],
// "summary": {"errors": N, "warnings": N}} (design §5). The summary counts
// what fails a run, so a waived finding appears in the list with
// "waived": true but is not counted.
func renderFindingsJSON(w io.Writer, fs []policy.Finding, _ FindingOptions) error {
	out := jsonFindings{FormatVersion: FindingsFormatVersion, Findings: toJSONFindings(fs)}
	c := CountFindings(fs)
	out.Summary = jsonSummary{Errors: c.Errors, Warnings: c.Warnings}
	if err := writeJSON(w, out); err != nil {
		return fmt.Errorf("write json findings: %w", err)
	}
	return nil
}

// writeJSON is the one JSON encoding of every document logctl prints:
// indented, with "<", ">" and "&" as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
