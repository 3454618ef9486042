package policy

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestPrivacyCatalogIsWhatRegoSees: the Go reading of the literal equals
// what the rules evaluate, so the map and the findings cannot disagree.
func TestPrivacyCatalogIsWhatRegoSees(t *testing.T) {
	src, err := builtinFS.ReadFile(privacyCatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Query("data.logctl.privacy.catalog"), rego.Module(privacyCatalogFile, string(src))).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v %v", rs, err)
	}
	b, _ := json.Marshal(rs[0].Expressions[0].Value)
	var fromRego PrivacyCatalog
	if err := json.Unmarshal(b, &fromRego); err != nil {
		t.Fatal(err)
	}
	got, err := Privacy()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(&fromRego, got); d != "" {
		t.Errorf("Go and Rego read different catalogs (-rego +go):\n%s", d)
	}
	if got.PersonalFields["ClientIP"] == "" || got.Regions["tencent"]["ap-guangzhou"] != "CN" {
		t.Errorf("catalog lacks the basics: %+v", got)
	}
}
