// Package retry owns the one retry policy of logctl: exponential back-off
// with jitter, a bound on the tries and on the total wait, and the answers'
// own Retry-After honoured in place of the computed wait. It is built on
// github.com/cenkalti/backoff/v5, so the loop, the jitter and the
// permanent-error handling are a maintained library's, and every caller
// (the vendor reads and writes of reconcile, the offline-log listing and
// downloads, the PR comment) retries the same way.
//
// What may be retried is the caller's call, through a classifier:
// Transient for writes (throttling and unavailability, where the request
// certainly had no effect) and Idempotent for reads, which may also repeat
// a call whose outcome is unknown.
package retry
