package teo

import (
	"testing"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/provider/providertest"
)

// TestConformanceUnderSwitches runs the conformance suite against each
// other reading of the undocumented teo behaviours (emulator semantics),
// and all of them at once: the provider must pass under both readings.
func TestConformanceUnderSwitches(t *testing.T) {
	names := []string{
		"modify-keeps-omitted", "async-delete=3s", "describe-lag=2s", "not-found-plain",
		"mask-secrets", "refuse-legacy-logtypes", "strict-fields", "all",
	}
	if testing.Short() {
		names = names[len(names)-1:]
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			sem, err := semantics.Parse(name)
			if err != nil {
				t.Fatal(err)
			}
			providertest.Run(t, func(t *testing.T) providertest.Env {
				return confEnv(t, emulator.Options{Semantics: sem})
			})
		})
	}
}
