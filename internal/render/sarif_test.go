package render

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// sarifSchemaFile is the SARIF 2.1.0 JSON schema as published by the SARIF
// technical committee (2.1.0-rtm.5, the schema of the OASIS standard),
// vendored so the test runs offline.
const sarifSchemaFile = "testdata/sarif-2.1.0-rtm.5.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	return compileSchema(t, sarifSchemaFile, "sarif-2.1.0.json", true)
}

// TestSARIFValidatesAgainstSchema renders several finding sets and checks
// each log against the official schema, then checks what the schema cannot
// express: every ruleIndex points at the rule with the same id.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	abs, err := filepath.Abs("logs/abs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		fs   []policy.Finding
		opts FindingOptions
	}{
		{name: "fixture", fs: fixtureFindings(), opts: fixtureOptions()},
		{name: "no findings", opts: FindingOptions{Rules: fixtureRules()}},
		{name: "no catalog", fs: fixtureFindings()},
		{name: "absolute path", opts: FindingOptions{BaseDir: wd}, fs: []policy.Finding{{
			Rule: "x.y", Severity: "info", Message: "m", Pos: spec.Pos{File: abs, Line: 2, Column: 1}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Findings(&buf, "sarif", tc.fs, tc.opts); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Fatalf("SARIF output does not validate: %v\n%s", err, buf.String())
			}
			checkRuleIndexes(t, buf.Bytes(), len(tc.fs))
		})
	}
}

func checkRuleIndexes(t *testing.T, out []byte, nResults int) {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != nResults {
		t.Errorf("%d results, want %d", len(run.Results), nResults)
	}
	for i, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) {
			t.Errorf("result %d: ruleIndex %d out of range", i, r.RuleIndex)
			continue
		}
		if got := run.Tool.Driver.Rules[r.RuleIndex].ID; got != r.RuleID {
			t.Errorf("result %d: ruleIndex points at %q, ruleId is %q", i, got, r.RuleID)
		}
	}
}

// TestSARIFDetectsInvalid makes sure the schema check can fail: a log with
// a level SARIF does not know must be rejected.
func TestSARIFDetectsInvalid(t *testing.T) {
	sch := compileSARIFSchema(t)
	bad := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "logctl"}},
		"results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err == nil {
		t.Error("the schema accepted level \"fatal\"")
	}
}

func TestSARIFURI(t *testing.T) {
	cases := []struct {
		name, file, base, want string
	}{
		{name: "relative", file: "logs/a.yaml", want: "logs/a.yaml"},
		{name: "space", file: "logs/a dir/b.yaml", want: "logs/a%20dir/b.yaml"},
		{name: "absolute under base", file: "/repo/logs/a.yaml", base: "/repo", want: "logs/a.yaml"},
		{name: "colon in first segment", file: "a:b.yaml", want: "./a:b.yaml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sarifURI(tc.file, tc.base); got != tc.want {
				t.Errorf("sarifURI(%q, %q) = %q, want %q", tc.file, tc.base, got, tc.want)
			}
		})
	}
}

func TestSARIFLevel(t *testing.T) {
	for sev, want := range map[string]string{"error": "error", "warning": "warning", "info": "note", "": "note"} {
		if got := sarifLevel(sev); got != want {
			t.Errorf("sarifLevel(%q) = %q, want %q", sev, got, want)
		}
	}
}

// TestSARIFWithBuiltinRules renders the rule catalog of the real built-in
// policies: their METADATA (titles, sources, related resources) must make
// a valid log too, and every built-in rule must be listed.
func TestSARIFWithBuiltinRules(t *testing.T) {
	eng, err := policy.New(context.Background(), policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules := eng.Rules()
	if len(rules) == 0 {
		t.Fatal("the built-in policies have no documented rules")
	}
	var buf bytes.Buffer
	opts := FindingOptions{Rules: rules, ToolVersion: "test"}
	if err := Findings(&buf, "sarif", fixtureFindings(), opts); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := compileSARIFSchema(t).Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		listed[r.ID] = true
	}
	for _, m := range rules {
		if !listed[m.ID] {
			t.Errorf("rule %s is missing from tool.driver.rules", m.ID)
		}
	}
	checkRuleIndexes(t, buf.Bytes(), len(fixtureFindings()))
}
