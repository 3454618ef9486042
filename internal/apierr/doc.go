// Package apierr holds the error classes that every cloud client in logctl
// reports and that the reconcile layer decides on with errors.Is.
//
// The Tencent (API 3.0) and Huawei (LTS REST) clients speak different error
// dialects; each maps its vendor codes onto the sentinels here so that retry,
// find-before-retry and user messages are written once, not per vendor.
// The package is a leaf: it imports nothing from logctl.
package apierr
