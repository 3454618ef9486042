package main

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// envLookup turns a KEY=VALUE list into a getenv.
func envLookup(env []string) func(string) string {
	m := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

// readSandbox reads, through the providers the CLI uses, the live state of
// every zone, topic and project the repository in dir touches.
func readSandbox(t tb, dir string, env []string) (*spec.Document, *diff.Live) {
	t.Helper()
	doc, diags, err := spec.Load([]string{dir})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %s: %v %v", dir, err, diags)
	}
	getenv := envLookup(env)
	resolved, rd := doc.Resolve(func(k string) (string, bool) { v := getenv(k); return v, v != "" })
	if rd.HasErrors() {
		t.Fatalf("resolve: %v", rd)
	}
	providers, err := newProviders(getenv, providerOptions{CreateAPI: doc.CreateAPI(), Timeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	live, err := (&reconcile.Reader{Providers: providers}).Read(ctx, reconcile.Targets(resolved))
	if err != nil {
		t.Fatalf("read the live state: %v", err)
	}
	return resolved, live
}

// gone: a task the vendor still lists while it deletes it is not a
// duplicate (async-delete).
func gone(status string) bool { return status == "deleting" || status == "deleted" }

// checkNoDuplicates: every declared task, export and dump of the sandbox is
// live exactly once, and, with scopes, nothing else of the sandbox is.
func checkNoDuplicates(t tb, dir string, env []string, sb sandbox) {
	t.Helper()
	doc, live := readSandbox(t, dir, env)
	tasks := map[string]int{}
	for _, lt := range live.DeliveryTasks {
		if strings.HasPrefix(lt.Task.Name, sb.prefix) && !gone(lt.Status) {
			tasks[lt.Task.Name]++
		}
	}
	var want []string
	for _, d := range doc.DeliveryTasks {
		want = append(want, d.Name)
	}
	checkOnce(t, "delivery task", tasks, want, sb.scopes)

	exports := map[string]int{}
	for _, le := range live.Exports {
		if strings.HasPrefix(le.Export.Query, sb.prefix) {
			exports[le.Export.Query]++
		}
	}
	want = want[:0]
	for _, e := range doc.Exports {
		want = append(want, e.Query)
	}
	checkOnce(t, "export", exports, want, sb.scopes)

	dumps := map[string]int{}
	for _, ld := range live.Dumps {
		if len(ld.Dump.LogStreamIDs) == 1 && sb.ownsStream(ld.Dump.LogGroupID, ld.Dump.LogStreamIDs[0]) {
			dumps[ld.Dump.LogStreamIDs[0]]++
		}
	}
	want = want[:0]
	for _, d := range doc.Dumps {
		want = append(want, d.LogStreamIDs...)
	}
	checkOnce(t, "dump of stream", dumps, want, sb.scopes)
}

// ownsStream: the stream is one of the sandbox's, in that group.
func (sb sandbox) ownsStream(group, stream string) bool {
	for _, g := range sb.groups {
		if g.id == group && slices.Contains(g.streams, stream) {
			return true
		}
	}
	return false
}

func checkOnce(t tb, what string, got map[string]int, want []string, exact bool) {
	t.Helper()
	for _, w := range want {
		if got[w] != 1 {
			t.Errorf("%s %s is live %d times, want once", what, w, got[w])
		}
	}
	if !exact {
		return
	}
	for k, n := range got {
		if !slices.Contains(want, k) {
			t.Errorf("%s %s is live %d times but no longer declared", what, k, n)
		}
	}
}
