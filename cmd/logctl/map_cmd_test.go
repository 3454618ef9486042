package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestReadmeDataMapIsCurrent keeps the diagram in the README's "Data
// governance" section equal to what `logctl map -o mermaid examples/`
// prints, so that it cannot go stale.
func TestReadmeDataMapIsCurrent(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"map", "-o", "mermaid", "examples/"}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Data governance\n")
	_, block, ok2 := strings.Cut(section, "```mermaid\n")
	block, _, ok3 := strings.Cut(block, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no mermaid block under \"## Data governance\"")
	}
	if block != stdout.String() {
		t.Errorf("README.md's data map is stale; replace its mermaid block with the output of\n  logctl map -o mermaid examples/\n\ngot in README:\n%s\nwant:\n%s", block, stdout.String())
	}
}
