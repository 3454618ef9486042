package main

import (
	"io"
	"strings"
	"testing"
)

// TestColorOutput checks the color decision on a real terminal (a
// pseudo-terminal) and on a plain writer.
func TestColorOutput(t *testing.T) {
	tty := openPTY(t)
	cases := []struct {
		name    string
		stdout  io.Writer
		env     map[string]string
		noColor bool
		want    bool
	}{
		{name: "terminal", stdout: tty, want: true},
		{name: "terminal with NO_COLOR", stdout: tty, env: map[string]string{"NO_COLOR": "1"}},
		{name: "terminal with empty NO_COLOR", stdout: tty, env: map[string]string{"NO_COLOR": ""}, want: true},
		{name: "dumb terminal", stdout: tty, env: map[string]string{"TERM": "dumb"}},
		{name: "terminal with --no-color", stdout: tty, noColor: true},
		{name: "not a terminal", stdout: &strings.Builder{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &app{stdout: tc.stdout, getenv: func(k string) string { return tc.env[k] }, noColor: tc.noColor}
			if got := colorOutput(a); got != tc.want {
				t.Errorf("colorOutput = %v, want %v", got, tc.want)
			}
		})
	}
}
