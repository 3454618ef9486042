package main

import (
	"fmt"

	"github.com/spf13/pflag"
)

// The bounds of --parallelism. Above 64 nothing goes faster: every call
// still waits for its vendor's rate limit (internal/ratelimit).
const (
	minParallelism = 1
	maxParallelism = 64
)

// addParallelism defines --parallelism N on fs, the one name for "how much
// at once" (as terraform apply -parallelism), with --parallel, the name
// logs download had, kept as a deprecated alias.
func addParallelism(fs *pflag.FlagSet, n *int, def int, what string) {
	fs.IntVar(n, "parallelism", def, fmt.Sprintf("%s at once (%d-%d)", what, minParallelism, maxParallelism))
	fs.IntVar(n, "parallel", def, "deprecated spelling of --parallelism")
	fs.MarkDeprecated("parallel", "use --parallelism")
}

// checkParallelism refuses a --parallelism out of range before anything is
// read or sent.
func checkParallelism(n int) error {
	if n < minParallelism || n > maxParallelism {
		return fmt.Errorf("--parallelism %d: want %d to %d", n, minParallelism, maxParallelism)
	}
	return nil
}
