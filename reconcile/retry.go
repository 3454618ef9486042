package reconcile

import (
	"time"

	"github.com/logctl/logctl/internal/retry"
)

// DefaultRetry suits the vendors' 20/s quotas: throttling clears within a
// second, so a few short waits are enough. The total wait is bounded so a
// Retry-After from a vendor cannot hold an apply for long; the next run
// picks up what is left.
func DefaultRetry() retry.Policy {
	return retry.Policy{Tries: 8, Initial: 100 * time.Millisecond, Max: 3 * time.Second, MaxWait: time.Minute}
}
