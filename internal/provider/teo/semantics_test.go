package teo

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/provider/providertest"
)

// testClock is real time plus an offset that waits move forward: the SDK
// signs with the real clock, so the emulator's may only run ahead a little.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *testClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	return ctx.Err()
}

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
