// Package redact keeps secret values out of everything logctl prints or
// posts. A Set is filled, as the run goes, with the values that came from
// ${env:NAME} references and with the cloud and GitHub credentials; it
// then replaces each of them with "(sensitive)", the word the plan already
// uses, wherever it appears: in vendor error messages that quote a request
// parameter back, in rendered plans and results, in the PR comment and the
// job summary.
//
// A value is matched in the forms an API or logctl may print it in: as
// is, URL-encoded (query, path and user-info escaping), JSON-escaped and
// Go-quoted. Values shorter than MinLen characters are not redacted: a
// two-letter secret would shred every word it occurs in, and a value that
// short protects nothing anyway.
//
// Redaction sits at the output boundary (Writer wraps stdout and stderr)
// because the values reach messages through code logctl does not own: a
// vendor's error text, an SDK's formatted error.
//
// The package is a leaf: it imports nothing of logctl.
package redact
