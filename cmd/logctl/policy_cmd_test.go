package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPolicyTestCommand(t *testing.T) {
	failing := t.TempDir()
	err := os.WriteFile(filepath.Join(failing, "acme_test.rego"), []byte(`package logctl_test.acme

test_broken if {
	1 == 2
}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"built-in policies pass", []string{"policy", "test"}, exitOK, "PASS: "},
		{"a failing user test fails the run", []string{"policy", "test", failing}, exitError, "test_broken: FAIL"},
		{"a missing directory is an error", []string{"policy", "test", filepath.Join(failing, "nope")}, exitError, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.wantCode, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tc.wantOut, stdout.String())
			}
		})
	}
}
