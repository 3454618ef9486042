// Package spec owns the desired-state YAML of logctl: the Go types of format
// version 1 (design §3), loading files and directories with yaml.v3 while
// keeping node positions, strict decoding that reports every problem as a
// Diagnostic with file:line:col and a fix hint, defaults, identities, the
// ${env:NAME} references that keep secrets out of the files, and the JSON
// Schema generated from the same types.
//
// Loading never stops at the first problem: all diagnostics of all files are
// collected and returned together, so a CI run shows everything at once.
package spec
