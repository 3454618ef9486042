package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/offlinelogs"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Shell completion: cobra's "completion bash|zsh|fish|powershell" command
// prints the scripts; the scripts call "logctl __complete ARGS..." and the
// functions below give the values of the flags that have a fixed set or
// whose values the files name.

// idCompletions are the flags whose values are ids the files declare.
var idCompletions = map[string]func(*spec.Document) []string{
	"zone":      zoneIDs,
	"topic":     topicIDs,
	"project":   projectIDs,
	"log-group": logGroupIDs,
}

// registerCompletions gives every command under root the value
// completions of its flags.
func registerCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		fs := c.Flags()
		if f := fs.Lookup("output"); f != nil {
			c.RegisterFlagCompletionFunc("output", fixed(outputFormats(f.Usage)))
		}
		if fs.Lookup("type") != nil && c.Parent() != nil && c.Parent().Name() == "logs" {
			c.RegisterFlagCompletionFunc("type", fixed([]string{string(offlinelogs.KindL7), string(offlinelogs.KindL4)}))
		}
		if fs.Lookup("api-version") != nil {
			c.RegisterFlagCompletionFunc("api-version", fixed([]string{teo.Version, teo.LegacyVersion}))
		}
		for name, ids := range idCompletions {
			if fs.Lookup(name) != nil {
				c.RegisterFlagCompletionFunc(name, fromFiles(ids))
			}
		}
	}
	walk(root)
}

// outputFormats reads the formats from an -o flag's usage, which every
// command ends with its list ("output `format`: text|json"), so the
// completions cannot drift from the help.
func outputFormats(usage string) []string {
	i := strings.LastIndex(usage, ": ")
	if i < 0 {
		return nil
	}
	return strings.Split(strings.TrimSpace(usage[i+2:]), "|")
}

func fixed(values []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// fromFiles completes with the ids that the files named on the command
// line (the current directory when none is) declare. The files are only
// parsed (no policy, no environment): completion must be quick, and a
// file that does not load offers nothing rather than an error.
func fromFiles(ids func(*spec.Document) []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		paths := args
		if len(paths) == 0 {
			paths = []string{"."}
		}
		doc, _, err := spec.Load(paths)
		if err != nil || doc == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		out := ids(doc)
		slices.Sort(out)
		return slices.Compact(out), cobra.ShellCompDirectiveNoFileComp
	}
}

// The ids each flag completes come from the targets plan would read
// (reconcile.Targets: declared resources and scopes alike), so completion
// offers exactly what the files make logctl touch.
func zoneIDs(doc *spec.Document) []string {
	return targetIDs(doc, func(t reconcile.Target) []string { return []string{t.ZoneID} })
}

func topicIDs(doc *spec.Document) []string {
	return targetIDs(doc, func(t reconcile.Target) []string { return []string{t.TopicID} })
}

// projectIDs also offers the default project, which a file may set with
// no dump yet.
func projectIDs(doc *spec.Document) []string {
	out := targetIDs(doc, func(t reconcile.Target) []string { return []string{t.ProjectID} })
	if h := doc.Defaults.Huawei; h != nil {
		out = appendID(out, h.ProjectID)
	}
	return out
}

func logGroupIDs(doc *spec.Document) []string {
	return targetIDs(doc, func(t reconcile.Target) []string { return t.LogGroups })
}

func targetIDs(doc *spec.Document, ids func(reconcile.Target) []string) (out []string) {
	for _, t := range reconcile.Targets(doc) {
		for _, id := range ids(t) {
			out = appendID(out, id)
		}
	}
	return out
}

// appendID skips empty ids and ${env:} references, which are no id to
// type.
func appendID(out []string, id string) []string {
	if id == "" || strings.Contains(id, "${") {
		return out
	}
	return append(out, id)
}
