// Package workload generates deterministic lint workloads: valid delivery
// tasks, exports and dumps spread over one or more YAML files. Every
// resource passes the built-in policies, so a lint of the output measures
// the full cost of a clean run (the common case in CI). bench/gen is its
// command line; the policy and lint benchmarks call it directly.
package workload

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Config is the workload size and where it goes.
type Config struct {
	Tasks, Exports, Dumps int
	Files                 int    // resources are spread round-robin over this many files
	Out                   string // output directory, created if missing
	// Zones and Topics spread the tasks over that many EdgeOne zones and
	// the exports over that many CLS topics: the plan reads one target per
	// zone and per topic. Zero means 10 each.
	Zones, Topics int
}

// Write writes files workload-0000.yaml ... each holding an even share
// of every kind; the first file also carries defaults and scopes.
func Write(c Config) error {
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	for f := range c.Files {
		name := filepath.Join(c.Out, fmt.Sprintf("workload-%04d.yaml", f))
		if err := writeFile(name, c, f); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(name string, c Config, f int) (err error) {
	fh, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	defer func() {
		if cerr := fh.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", name, cerr)
		}
	}()
	w := bufio.NewWriterSize(fh, 1<<20)
	fmt.Fprintln(w, "version: 1")
	if f == 0 {
		writeHeader(w)
	}
	zones, topics := c.Zones, c.Topics
	if zones < 1 {
		zones = 10
	}
	if topics < 1 {
		topics = 10
	}
	section(w, "deliveryTasks", c.Tasks, c.Files, f, func(w io.Writer, i int) { writeTask(w, i, zones) })
	section(w, "exports", c.Exports, c.Files, f, func(w io.Writer, i int) { writeExport(w, i, topics) })
	section(w, "dumps", c.Dumps, c.Files, f, writeDump)
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

func writeHeader(w io.Writer) {
	fmt.Fprint(w, `defaults:
  tencent: {region: ap-guangzhou}
  huawei: {region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}
scopes:
  - {deliveryTasks: {zoneId: zone-bench0000000}}
  - {exports: {topicId: 00000000-0000-4000-8000-000000000000}}
  - {dumps: {logGroupId: 10000000-0000-4000-8000-000000000000}}
`)
}

// section writes the items i of one kind with i % files == f.
func section(w io.Writer, key string, n, files, f int, item func(io.Writer, int)) {
	if f >= n {
		return
	}
	fmt.Fprintf(w, "%s:\n", key)
	for i := f; i < n; i += files {
		item(w, i)
	}
}
