// Package datamap computes the data map of a log-delivery configuration:
// for each destination (a CLS topic, an S3 bucket, an HTTP endpoint, an OBS
// bucket, EdgeOne's log analysis, a CLS export file) which sources feed it,
// with which fields, sample, conditions and transport, and in which
// jurisdiction source and destination lie where that can be known.
//
// The map is plain data, computed from the desired state (Desired) or the
// live state (Live) with the same code, so that Compare can say what a
// change adds, removes or widens. Which fields are personal and where a
// region is come from the privacy catalog of the policy package, the same
// catalog the privacy.* Rego rules read: the map and the findings cannot
// disagree. Nothing here does I/O; internal/render draws the map.
//
// A jurisdiction is never guessed: a region missing from the catalog, an
// endpoint host or a bucket whose region the API does not state stays
// "unknown".
package datamap
