package render

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// The SARIF 2.1.0 subset logctl writes (OASIS SARIF v2.1.0, §3). Only the
// properties used are declared; the tests validate the output against the
// published 2.1.0 JSON schema.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	toolInfoURI  = "https://github.com/logctl/logctl"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	ShortDescription     *sarifText        `json:"shortDescription,omitempty"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifRuleConfig  `json:"defaultConfiguration,omitempty"`
	Properties           map[string]string `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]string  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// renderFindingsSARIF writes one SARIF run: the rule catalog (policy
// METADATA plus every other rule id that occurs, such as schema.*) and one
// result per finding. A waived finding keeps its level and carries an
// accepted suppression of kind "external" (the exception lives in a policy,
// outside the analysed file), which code scanning shows as dismissed.
func renderFindingsSARIF(w io.Writer, fs []policy.Finding, opts FindingOptions) error {
	fs = withRepoPaths(fs, opts.RepoPath)
	rules := sarifRules(opts.Rules, fs)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.ID] = i
	}
	results := make([]sarifResult, 0, len(fs))
	for _, f := range fs {
		results = append(results, sarifResultOf(f, index[f.Rule], opts.BaseDir))
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{
		Tool: sarifTool{Driver: sarifDriver{Name: "logctl", Version: opts.ToolVersion,
			InformationURI: toolInfoURI, Rules: rules}},
		// yaml.v3 counts columns in characters, not UTF-16 code units.
		ColumnKind: "unicodeCodePoints",
		Results:    results,
	}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

func sarifResultOf(f policy.Finding, ruleIndex int, baseDir string) sarifResult {
	loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: sarifURI(f.Pos.File, baseDir)}}
	if f.Pos.Line > 0 {
		loc.Region = &sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Column}
	}
	r := sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(string(f.Severity)),
		Message:   sarifText{Text: messageWithHint(f)},
		Locations: []sarifLocation{{PhysicalLocation: loc}},
	}
	props := map[string]string{"kind": string(f.Kind), "name": f.Name, "path": f.Path}
	for k, v := range props {
		if v == "" {
			delete(props, k)
		}
	}
	if len(props) > 0 {
		r.Properties = props
	}
	if f.Waived {
		just := "waived"
		if f.WaivedBy != "" {
			just = "waived by " + f.WaivedBy
		}
		r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: just}}
	}
	return r
}

// sarifLevel maps a severity to a SARIF level (§3.27.10): error and warning
// map to themselves, anything milder to note.
func sarifLevel(sev string) string {
	switch sev {
	case "error", "warning":
		return sev
	}
	return "note"
}

// sarifURI makes file a relative URI reference from baseDir with forward
// slashes and percent-encoding, the form code scanning resolves against the
// repository root.
func sarifURI(file, baseDir string) string {
	p := file
	if baseDir != "" && filepath.IsAbs(file) {
		if rel, err := filepath.Rel(baseDir, file); err == nil {
			p = rel
		}
	}
	u := url.URL{Path: filepath.ToSlash(p)}
	return u.String()
}

// sarifRules lists every rule of the catalog and every other rule id that
// occurs in the findings, sorted by id, so that each result has a ruleIndex.
// The loader's rules (schema.*, env.*) take their titles from spec.Rules.
func sarifRules(meta []policy.RuleMeta, fs []policy.Finding) []sarifRule {
	byID := map[string]sarifRule{}
	for _, m := range meta {
		r := sarifRuleOf(m)
		byID[r.ID] = r
	}
	loader := map[string]string{}
	for _, r := range spec.Rules() {
		loader[r.ID] = r.Title
	}
	for _, f := range fs {
		if _, ok := byID[f.Rule]; ok {
			continue
		}
		r := sarifRule{ID: f.Rule, DefaultConfiguration: &sarifRuleConfig{Level: sarifLevel(string(f.Severity))}}
		if title, ok := loader[f.Rule]; ok {
			r.ShortDescription = &sarifText{Text: title}
		}
		if strings.HasPrefix(f.Rule, "schema.") {
			r.FullDescription = &sarifText{Text: "The YAML file does not match the logctl format (see `logctl schema`)."}
		}
		byID[f.Rule] = r
	}
	rules := make([]sarifRule, 0, len(byID))
	for _, r := range byID {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules
}

// sarifRuleOf turns a rule's METADATA into a SARIF reportingDescriptor
// (§3.49): title as short description, description and vendor source as
// full description, the first related resource as help URI.
func sarifRuleOf(m policy.RuleMeta) sarifRule {
	r := sarifRule{ID: m.ID, DefaultConfiguration: &sarifRuleConfig{Level: sarifLevel(string(m.Severity))}}
	if m.Title != "" {
		r.ShortDescription = &sarifText{Text: m.Title}
	}
	full := strings.TrimSpace(m.Description)
	if m.Source != "" {
		full = strings.TrimSpace(full + " Source: " + m.Source + ".")
	}
	if full != "" {
		r.FullDescription = &sarifText{Text: full}
	}
	// helpUri must be an absolute URI (§3.49.12); anything else is left out.
	if u, err := url.Parse(m.URL); err == nil && u.IsAbs() {
		r.HelpURI = m.URL
	}
	props := map[string]string{}
	if m.Source != "" {
		props["source"] = m.Source
	}
	if m.Package != "" {
		props["package"] = m.Package
	}
	if len(props) > 0 {
		r.Properties = props
	}
	return r
}
