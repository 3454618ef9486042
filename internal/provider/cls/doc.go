// Package cls is logctl's provider for CLS log export tasks (service cls,
// API 2020-10-16). An export is a one-shot job: every field is immutable, so
// the provider only creates, lists and deletes.
//
// api.go holds the wire structs and thin typed calls over internal/tencent.
// CLS is regional: the client's region travels as X-TC-Region, so one client
// (and one API) serves one region.
package cls
