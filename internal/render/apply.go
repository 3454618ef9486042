package render

import (
	"bufio"
	"fmt"
	"io"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/reconcile"
)

// ApplyCounts tallies the results of an apply.
type ApplyCounts struct {
	Created, Updated, Replaced, Deleted, Failed, Skipped int
}

// ApplyReport counts results per outcome.
func ApplyReport(results []reconcile.Result) ApplyCounts {
	var c ApplyCounts
	for _, r := range results {
		switch {
		case r.Change.Action == diff.ActionNoop:
		case r.Status == reconcile.StatusFailed:
			c.Failed++
		case r.Status == reconcile.StatusSkipped:
			c.Skipped++
		case r.Change.Action == diff.ActionCreate:
			c.Created++
		case r.Change.Action == diff.ActionUpdate:
			c.Updated++
		case r.Change.Action == diff.ActionReplace:
			c.Replaced++
		case r.Change.Action == diff.ActionDelete:
			c.Deleted++
		}
	}
	return c
}

// ApplySummaryLine is the closing line of an apply.
func ApplySummaryLine(c ApplyCounts) string {
	s := fmt.Sprintf("Apply complete: %d created, %d updated, %d replaced, %d deleted, %d failed.",
		c.Created, c.Updated, c.Replaced, c.Deleted, c.Failed)
	if c.Skipped > 0 {
		s += fmt.Sprintf(" %d not attempted.", c.Skipped)
	}
	return s
}

// ResultLine is one finished change, e.g. `+ deliveryTask "a" created (id 1)`.
func ResultLine(r reconcile.Result) string {
	what := fmt.Sprintf("%s %s %q", symbol(r.Change.Action), r.Change.Kind, r.Change.Name)
	switch r.Status {
	case reconcile.StatusFailed:
		return fmt.Sprintf("%s failed: %v", what, r.Err)
	case reconcile.StatusSkipped:
		return fmt.Sprintf("%s not attempted: %v", what, r.Err)
	case reconcile.StatusWaiting:
		return fmt.Sprintf("%s waiting: %s", what, r.Note)
	}
	past := map[diff.Action]string{diff.ActionCreate: "created", diff.ActionUpdate: "updated",
		diff.ActionReplace: "replaced", diff.ActionDelete: "deleted"}[r.Change.Action]
	line := fmt.Sprintf("%s %s", what, past)
	if r.LiveID != "" {
		line += " (id " + r.LiveID + ")"
	}
	if r.Note != "" {
		line += ": " + r.Note
	}
	return line
}

// Apply writes the apply report: failed and not-attempted changes with
// their errors, then the closing line.
func Apply(w io.Writer, results []reconcile.Result, opts PlanOptions) error {
	bw := bufio.NewWriter(w)
	st := textStyle{color: opts.Color}
	c := ApplyReport(results)
	if c.Failed+c.Skipped > 0 {
		fmt.Fprintln(bw, "\n"+st.paint(ansiBold+ansiRed, "Not done:"))
		for _, r := range results {
			if r.Status == reconcile.StatusFailed || r.Status == reconcile.StatusSkipped {
				fmt.Fprintf(bw, "  %s\n", ResultLine(r))
			}
		}
	}
	fmt.Fprintf(bw, "\n%s\n", st.paint(ansiBold, ApplySummaryLine(c)))
	return bw.Flush()
}
