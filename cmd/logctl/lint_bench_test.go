package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/logctl/logctl/bench/workload"
)

// BenchmarkLint measures a whole `logctl lint` run in-process (load, policy
// compile, evaluation, text output) on the design §9 workload: 10,000
// delivery tasks, 1,000 exports and 1,000 dumps, in one file and spread
// over 100 files. Targets: ≤ 2 s and ≤ 1.2 s per run on two cores.
// bench/lint.sh times the built binary on the same workloads.
func BenchmarkLint(b *testing.B) {
	for _, files := range []int{1, 100} {
		b.Run(fmt.Sprintf("files=%d", files), func(b *testing.B) {
			dir := b.TempDir()
			c := workload.Config{Tasks: 10000, Exports: 1000, Dumps: 1000, Files: files, Out: dir}
			if err := workload.Write(c); err != nil {
				b.Fatal(err)
			}
			getenv := func(string) string { return "" }
			for b.Loop() {
				var stderr bytes.Buffer
				code := run(context.Background(), []string{"lint", dir}, nil, io.Discard, &stderr, getenv)
				if code != exitOK {
					b.Fatalf("lint exited with %d: %s", code, stderr.String())
				}
			}
		})
	}
}
