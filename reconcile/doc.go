// Package reconcile runs logctl against the clouds: it reads the live state
// through providers (concurrently, one call per page per scope), hands both
// sides to diff, and applies plans in a safe order with retries and
// find-before-retry, stale-plan checks and the safety valve.
//
// It declares the Provider interface it consumes; the implementations live in
// internal/provider/{teo,cls,lts} and are registered explicitly by the CLI.
package reconcile
