package policy

import (
	"context"
	"fmt"
	"io"

	"github.com/open-policy-agent/opa/v1/tester"
)

// Test runs the Rego unit tests (rules named test_*) of the built-in
// policies and of the given directories, printing a report to w in the
// format of `opa test` (failures in detail; every test when verbose).
func Test(ctx context.Context, dirs []string, w io.Writer, verbose bool) (passed, failed int, err error) {
	set, err := loadPolicies(dirs, true)
	if err != nil {
		return 0, 0, err
	}
	c, err := compile(set, true)
	if err != nil {
		return 0, 0, err
	}
	store := newStore(set.data)
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("policy tests: %w", err)
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(c).
		SetStore(store).
		SetModules(set.modules).
		CapturePrintOutput(true).
		EnableTracing(verbose).
		RunTests(ctx, txn)
	if err != nil {
		return 0, 0, fmt.Errorf("policy tests: %w", err)
	}
	counted := make(chan *tester.Result)
	go func() {
		defer close(counted)
		for r := range ch {
			switch {
			case r.Skip:
			case r.Pass():
				passed++
			default:
				failed++
			}
			counted <- r
		}
	}()
	rep := tester.PrettyReporter{Output: w, Verbose: verbose, FailureLine: true}
	if err := rep.Report(counted); err != nil {
		return passed, failed, fmt.Errorf("policy tests: %w", err)
	}
	return passed, failed, nil
}
