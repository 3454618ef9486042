package cls

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
