package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/logctl/logctl/policy"
)

// jsonFinding is one finding in the shape of design §5. The field order and
// names are the contract: CI scripts parse them.
type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
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
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

// renderFindingsJSON prints {"findings": [...], "summary": {"errors": N,
// "warnings": N}} (design §5). The summary counts what fails a run, so a
// waived finding appears in the list with "waived": true but is not counted.
func renderFindingsJSON(w io.Writer, fs []policy.Finding, _ FindingOptions) error {
	out := jsonFindings{Findings: make([]jsonFinding, 0, len(fs))}
	for _, f := range fs {
		out.Findings = append(out.Findings, jsonFinding{
			Rule: f.Rule, Severity: string(f.Severity), Message: f.Message,
			File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column,
			Kind: string(f.Kind), Name: f.Name, Path: f.Path,
			Waived: f.Waived, WaivedBy: f.WaivedBy,
		})
	}
	c := CountFindings(fs)
	out.Summary = jsonSummary{Errors: c.Errors, Warnings: c.Warnings}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json findings: %w", err)
	}
	return nil
}
