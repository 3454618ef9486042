package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
)

// TestPlanGolden renders the plans of diff's golden cases in every format.
func TestPlanGolden(t *testing.T) {
	cases, _ := filepath.Glob("../../diff/testdata/*/plan.golden.json")
	if len(cases) == 0 {
		t.Fatal("no plans to render")
	}
	ext := map[string]string{"text": "txt", "markdown": "md", "json": "json"}
	for _, path := range cases {
		name := filepath.Base(filepath.Dir(path))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var p diff.Plan
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		for _, format := range PlanFormats() {
			t.Run(name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Plan(&buf, format, &p, PlanOptions{}); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", "plan", name+"."+ext[format])
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					os.WriteFile(golden, buf.Bytes(), 0o644)
				}
				want, _ := os.ReadFile(golden)
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs (run with -update):\n%s", golden, buf.String())
				}
			})
		}
	}
}

func TestPlanTextLongValuesAsLineDiff(t *testing.T) {
	p := &diff.Plan{Changes: []diff.Change{{Kind: "export", Name: "e", Action: diff.ActionReplace,
		Fields: []diff.FieldChange{{Path: "query", Before: `"status:200 AND host:a.example.com AND method:GET AND path:/api/v1"`,
			After: `"status:500 AND host:a.example.com AND method:GET AND path:/api/v1"`, ForcesReplace: true}}}},
		Summary: diff.Summary{Replace: 1}}
	var buf bytes.Buffer
	if err := Plan(&buf, "text", p, PlanOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"- status:200 AND", "+ status:500 AND", "# forces replacement", "Plan: 0 to create, 0 to update, 1 to replace, 0 to delete."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestPlanMarkdownEscapesNames(t *testing.T) {
	p := &diff.Plan{Changes: []diff.Change{{Kind: "deliveryTask", Name: "<img src=x onerror=alert(1)>", Action: diff.ActionCreate}}}
	var buf bytes.Buffer
	if err := Plan(&buf, "markdown", p, PlanOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<img") {
		t.Errorf("unescaped HTML:\n%s", buf.String())
	}
}

func TestPlanUnknownFormat(t *testing.T) {
	if err := Plan(&bytes.Buffer{}, "yaml", &diff.Plan{}, PlanOptions{}); err == nil || !strings.Contains(err.Error(), "text, markdown, json") {
		t.Fatalf("err = %v", err)
	}
}
