package policy

import (
	"bytes"
	"context"
	"testing"
)

// TestBuiltinPolicies runs the Rego unit tests of the built-in policies.
func TestBuiltinPolicies(t *testing.T) {
	var out bytes.Buffer
	passed, failed, err := Test(context.Background(), nil, &out, testing.Verbose())
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 || passed == 0 {
		t.Fatalf("%d passed, %d failed:\n%s", passed, failed, out.String())
	}
	t.Logf("%d Rego tests passed", passed)
}
