// Command gen writes a deterministic lint workload (see bench/workload):
//
//	go run ./bench/gen -tasks 10000 -exports 1000 -dumps 1000 -files 1 -out DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/logctl/logctl/bench/workload"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	var c workload.Config
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.Tasks, "tasks", 10000, "delivery tasks")
	fs.IntVar(&c.Exports, "exports", 1000, "CLS exports")
	fs.IntVar(&c.Dumps, "dumps", 1000, "LTS dumps")
	fs.IntVar(&c.Files, "files", 1, "files to spread the resources over")
	fs.IntVar(&c.Zones, "zones", 10, "EdgeOne zones the tasks are spread over")
	fs.IntVar(&c.Topics, "topics", 10, "CLS topics the exports are spread over")
	fs.StringVar(&c.Out, "out", "", "output directory (created)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if c.Out == "" || c.Files < 1 {
		fmt.Fprintln(stderr, "gen: -out DIR is required and -files must be at least 1")
		return 2
	}
	if err := workload.Write(c); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}
