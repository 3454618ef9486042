package policy

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/logctl/logctl/spec"
)

// TestHarmlessHeadersMatchSpec: the built-in rule teo.header-literal-secret
// and `logctl import` (through spec.HarmlessHeader) must agree on which
// headers may hold a literal value, or import would write files lint refuses.
func TestHarmlessHeadersMatchSpec(t *testing.T) {
	mods, err := builtinModules(false)
	if err != nil {
		t.Fatal(err)
	}
	opts := []func(*rego.Rego){rego.Query("data.logctl.teo.harmless_headers")}
	for _, m := range mods {
		opts = append(opts, rego.ParsedModule(m))
	}
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v, %d results", err, len(rs))
	}
	var got []string
	for _, v := range rs[0].Expressions[0].Value.([]any) {
		got = append(got, v.(string))
	}
	slices.Sort(got)
	var want []string
	for _, h := range spec.HarmlessHeaders() {
		want = append(want, strings.ToLower(h))
	}
	if !slices.Equal(got, want) {
		t.Errorf("Rego harmless_headers = %v, spec.HarmlessHeaders() = %v", got, want)
	}
}
