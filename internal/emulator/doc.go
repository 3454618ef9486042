// Package emulator is logctl's local cloud (design §7): one HTTP server
// that stands in for Tencent Cloud API 3.0 (EdgeOne teo and CLS, package
// tencent) and Huawei Cloud LTS (package huawei), faithful enough that the
// vendors' own SDKs cannot tell it from the cloud.
//
// The server owns what both services share: the world (zones, domains, L4
// proxies, functions, CLS topics, LTS projects, groups, streams, buckets),
// credentials, the state mutex and its atomic persistence to one JSON file
// ({"tencent": ..., "huawei": ...}), the live resources a world file seeds
// into a new state file, and the faults injected for tests.
//
// Routing: POST / is API 3.0 (teo and cls share the endpoint and are told
// apart by Host prefix, credential scope or action); /v2/{project_id}/... is
// LTS and /v3/auth/projects its IAM project list (a project's name is its
// region); /offline-logs/... serves the gzip packages DownloadL7Logs and
// DownloadL4Logs return; /cls-exports/... serves completed export files.
//
// The emulator is a leaf: it never imports logctl's client code, so a client
// bug cannot hide behind shared code.
package emulator
