// Package spec owns the desired-state YAML of logctl: the Go types of format
// version 1 (design §3), loading files and directories with yaml.v3 while
// keeping node positions, strict decoding that reports every problem as a
// Diagnostic with file:line:col and a fix hint, defaults, identities, the
// ${env:NAME} references that keep secrets out of the files, and the JSON
// Schema generated from the same types. EnvVars lists the references with
// their positions from a parse alone, so a run can tell which variables it
// needs before any file is valid.
//
// A big file that a conservative scan finds simple (one document, no
// anchors, aliases, tags or block scalars, list items at one indentation) is
// parsed as a skeleton plus batches of list items, so that a file of 100,000
// resources never holds its whole yaml.v3 tree; any doubt sends it down the
// whole-file path, and both give the same documents and diagnostics. Such a
// file's position index keeps each list item but not its insides: Locate
// parses an item's text again when a position inside it is asked for
// (lazyitems.go).
//
// Memory at 100,000 resources is a design target (under 512 MiB for a
// whole plan), so the loader shares what repeats: short strings are
// interned (Interner), Resolve copies only the parts that hold a reference,
// and LoadWith can hand each resource of the policy input to a converter as
// it is parsed (the policy engine's own form), so that the plain form of
// all resources never exists at once (ConvertInput, ReleaseInput), or, for
// a split file, keep none of them (DeferItems): InputItems parses them
// again from the file when they are asked for (deferred.go).
//
// Hostile or accidental input is bounded (limits.go): 64 MiB per file and
// 128 MiB per run, regular files only (a named pipe called *.yaml is
// reported, not waited on), aliases that expand past two million nodes,
// nesting deeper than 16 levels (the format needs 8), and messages of at
// most 2 KB however long the key or value they quote.
//
// Loading never stops at the first problem: all diagnostics of all files are
// collected and returned together, so a CI run shows everything at once.
package spec
