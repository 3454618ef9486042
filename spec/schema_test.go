package spec

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The committed schema (used by editors through the modeline in every
// example) must be exactly what the types generate.
func TestSchemaGolden(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "../schema/logctl.schema.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./spec -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./spec -update", golden)
	}
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	props := m["properties"].(map[string]any)
	task := props["deliveryTasks"].(map[string]any)["items"].(map[string]any)
	if task["additionalProperties"] != false {
		t.Error("unknown keys must be rejected by the schema too")
	}
	if req := task["required"].([]any); len(req) != 7 {
		t.Errorf("delivery task required = %v", req)
	}
}
