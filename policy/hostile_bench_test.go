package policy

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/spec"
)

// Inputs that look ordinary but once made lint slow (issue: ordinary-looking
// input must stay within the 2 s lint budget). Both are generated so the
// figures can be reproduced without fixtures.

// permutedFields writes n cls tasks whose fields are the same eight names in
// different orders. OPA hashes an array as the sum of its elements' hashes,
// so every permutation hashes alike: a table keyed by that hash degrades to
// a list scan per lookup.
func permutedFields(tb testing.TB, n int) string {
	tb.Helper()
	names := []string{"RequestID", "ClientIP", "RequestTime", "RequestHost", "RequestBytes",
		"RequestMethod", "RequestUrl", "EdgeResponseStatusCode"}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("version: 1\ndeliveryTasks:\n")
	for i := range n {
		rng.Shuffle(len(names), func(a, b int) { names[a], names[b] = names[b], names[a] })
		fmt.Fprintf(&b, "  - name: t%d\n    zoneId: zone-2z55fgysdtmc\n    type: cls\n    logType: l7-access-logs\n"+
			"    area: mainland\n    entities: [d%d.example.com]\n    fields: [%s]\n"+
			"    cls: {logSetId: a, topicId: b, logSetRegion: ap-guangzhou}\n", i, i, strings.Join(names, ", "))
	}
	return writeInput(tb, "tasks.yaml", b.String())
}

// nestedLists writes one task whose fields value is a list nested depth
// deep, in flow style: 2*depth bytes of brackets.
func nestedLists(tb testing.TB, depth int) string {
	tb.Helper()
	text := "version: 1\ndeliveryTasks:\n  - name: t\n    zoneId: zone-2z55fgysdtmc\n    type: cls\n" +
		"    logType: l7-access-logs\n    area: mainland\n    entities: [a]\n    fields: " +
		strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"
	return writeInput(tb, "nested.yaml", text)
}

func writeInput(tb testing.TB, name, text string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkHostileLint loads and evaluates each hostile input as lint does
// (the converter shares terms while the file loads). Budget: under 2 s each
// on two cores, like a clean lint of the design §9 workload.
//
//	go test ./policy -run '^$' -bench HostileLint -benchtime 3x
func BenchmarkHostileLint(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"permuted-fields-5000", func(tb testing.TB) string { return permutedFields(tb, 5000) }},
		{"nested-lists-2000", func(tb testing.TB) string { return nestedLists(tb, 2000) }},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			dir := in.dir(b)
			cpu := cpuTime(b)
			b.ResetTimer()
			for b.Loop() {
				c := NewConverter()
				doc, _, err := spec.LoadWith([]string{dir}, spec.LoadOptions{ConvertItem: c.ConvertItem})
				if err != nil {
					b.Fatal(err)
				}
				if doc == nil {
					continue
				}
				ev, err := e.PrepareWith(doc, c)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ev.Eval(ctx, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime(b)-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
