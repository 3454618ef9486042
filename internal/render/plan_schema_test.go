package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// planSchemaFile is the published contract of plan JSON.
const planSchemaFile = "../../schema/plan.schema.json"

func compilePlanSchema(t *testing.T) *jsonschema.Schema {
	return compileSchema(t, planSchemaFile, "plan.schema.json", false)
}

// compileSchema compiles the JSON schema in file under name; assertFormat
// also checks "format" keywords (date-time, uri...), which draft 2020-12
// treats as annotations only.
func compileSchema(t *testing.T, file, name string, assertFormat bool) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if assertFormat {
		c.AssertFormat()
	}
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, b []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(v)
}

// TestPlanGoldensMatchSchema validates every plan golden, as rendered and
// as diff computes it, and the document of a plan whose lint failed.
func TestPlanGoldensMatchSchema(t *testing.T) {
	sch := compilePlanSchema(t)
	rendered, _ := filepath.Glob("testdata/plan/*.json")
	computed, _ := filepath.Glob("../../diff/testdata/*/plan.golden.json")
	if len(rendered) == 0 || len(computed) == 0 {
		t.Fatal("no plan goldens")
	}
	for _, path := range append(rendered, computed...) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateJSON(t, sch, b); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	var buf bytes.Buffer
	fs := []policy.Finding{{Rule: "schema.unknown-key", Severity: policy.SeverityError, Message: `unknown key "smaple"`,
		Hint: `did you mean "sample"?`, Pos: spec.Pos{File: "a.yaml", Line: 3, Column: 5}, Kind: spec.KindDeliveryTask, Name: "t"}}
	if err := PlanLintFailedJSON(&buf, fs); err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(t, sch, buf.Bytes()); err != nil {
		t.Errorf("lint failed document: %v\n%s", err, buf.String())
	}
	if strings.Contains(buf.String(), `"changes"`) {
		t.Errorf("a plan whose lint failed has no changes:\n%s", buf.String())
	}
}

// TestPlanSchemaRejects keeps the schema strict: the format-1 encoding of
// values, a secret shown, and a plan without its summary all fail.
func TestPlanSchemaRejects(t *testing.T) {
	sch := compilePlanSchema(t)
	ok := `{"formatVersion":"2","changes":[],"unmanaged":[],"summary":{"create":0,"update":0,"replace":0,"delete":0,"noop":0}}`
	if err := validateJSON(t, sch, []byte(ok)); err != nil {
		t.Fatalf("an empty plan: %v", err)
	}
	change := func(field string) string {
		return `{"formatVersion":"2","changes":[{"kind":"deliveryTask","name":"t","key":"z/t","place":{"zoneId":"z"},"action":"update","fields":[` +
			field + `]}],"unmanaged":[],"summary":{"create":0,"update":1,"replace":0,"delete":0,"noop":0}}`
	}
	if err := validateJSON(t, sch, []byte(change(`{"path":"sample","before":1000,"after":605}`))); err != nil {
		t.Fatalf("a native value: %v", err)
	}
	for name, doc := range map[string]string{
		"format 1":                      strings.Replace(ok, `"2"`, `"1"`, 1),
		"no summary":                    `{"formatVersion":"2","changes":[],"unmanaged":[]}`,
		"secret shown":                  change(`{"path":"customEndpoint.accessKey","before":"(sensitive)","after":"k-123","sensitive":true}`),
		"unknown member":                change(`{"path":"sample","after":5,"note":"x"}`),
		"findings and changes mixed up": `{"formatVersion":"2","findings":[],"scopes":[]}`,
	} {
		if err := validateJSON(t, sch, []byte(doc)); err == nil {
			t.Errorf("%s: the schema accepts %s", name, doc)
		}
	}
	// The plan as diff computes it (no findings member) is valid too: it
	// is the plan member of a saved plan.
	var buf bytes.Buffer
	if err := writeJSON(&buf, &diff.Plan{FormatVersion: diff.FormatVersion, Changes: []diff.Change{}, Unmanaged: []diff.Resource{}}); err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(t, sch, buf.Bytes()); err != nil {
		t.Errorf("a bare plan: %v", err)
	}
}
