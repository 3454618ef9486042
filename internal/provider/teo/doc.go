// Package teo is logctl's provider for EdgeOne (service teo, API 2022-09-01)
// real-time log delivery tasks and offline log packages.
//
// api.go and logs_api.go hold the wire: request and response structs written
// from the vendor reference with the SDK's omission rules (a nil pointer or
// nil slice is left out, a non-nil empty slice is sent as []), and thin typed
// calls over internal/tencent. The rest of the package converts between the
// wire and the spec and implements the reconcile provider on top.
package teo
