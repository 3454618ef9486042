// Package ratelimit paces client calls per API action at the vendor's
// documented quota, so that logctl does not provoke RequestLimitExceeded in
// the first place; retries with back-off (in reconcile) only cover what
// pacing cannot foresee, such as other clients on the same account.
//
// Each action has its own token bucket (golang.org/x/time/rate) with a
// burst of one: calls leave evenly spaced, 1/quota apart. A larger burst would be allowed by a token
// bucket on the server, but a server that counts calls per fixed one-second
// window (as the emulator's tests assert) can see a burst and the refill
// that follows it inside the same window and refuse the excess.
//
// A Set holds the buckets of one provider and is shared by all its
// goroutines; waits end early when the caller's context is done, and a wait
// that could not finish before the context's deadline is refused at once.
// The package is a leaf: it imports nothing from logctl.
package ratelimit
