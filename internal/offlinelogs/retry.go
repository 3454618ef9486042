package offlinelogs

import (
	"errors"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/retry"
)

// defaultRetry is the policy of the listing calls and the downloads, as
// design §6 asks of every client call: jittered exponential back-off from
// 250 ms to 10 s, six tries, and at most two minutes of waiting in all for
// one call or one package (the downloads themselves are not counted).
var defaultRetry = retry.Policy{Tries: 6, Initial: 250 * time.Millisecond, Max: 10 * time.Second, MaxWait: 2 * time.Minute}

// retryListing reports whether a listing call may be sent again. Listing is
// a read, so besides throttling and unavailability a call whose answer was
// lost (apierr.ErrOutcomeUnknown, which includes a call that hit the
// client's per-call timeout) is safe to repeat, unlike a create. retry.Do
// stops anyway once the caller's context is done.
func retryListing(err error) bool {
	return apierr.Retryable(err) || errors.Is(err, apierr.ErrOutcomeUnknown)
}
