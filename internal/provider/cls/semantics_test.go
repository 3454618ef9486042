package cls

import (
	"testing"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/provider/providertest"
)

// TestConformanceUnderSwitches runs the conformance suite against the
// readings that concern exports (reads that lag, a plain FailedOperation
// for an unknown export) and all switches at once.
func TestConformanceUnderSwitches(t *testing.T) {
	for _, name := range []string{"describe-lag=2s", "not-found-plain", "all"} {
		t.Run(name, func(t *testing.T) {
			sem, err := semantics.Parse(name)
			if err != nil {
				t.Fatal(err)
			}
			providertest.Run(t, func(t *testing.T) providertest.Env {
				// Whole pages: every read-back walks the topic, and
				// paging itself is proven by TestConformance.
				env := confEnv(t, emulator.Options{Semantics: sem})
				env.Provider.(*Provider).pageSize, env.PageSize = MaxDescribeLimit, 0
				return env
			})
		})
	}
}
