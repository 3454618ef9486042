package spec

import (
	"slices"
	"strings"
)

// harmlessHeaders are the custom endpoint headers whose values are never
// secret. Every other header value is treated as a credential: the API does
// not say which headers carry one, and names are no guide (X-Sig, X-Auth,
// Ocp-Apim-Subscription-Key, X-Functions-Key all do). `logctl import`
// writes a literal value only for these, and lint refuses a literal value
// in any other header not marked `secret: false` (the built-in rule
// teo.header-literal-secret holds the same list; a test keeps them equal).
// Lower case: HTTP header names are case-insensitive (RFC 9110 §5.1).
var harmlessHeaders = []string{
	"accept",
	"content-encoding",
	"content-type",
	"user-agent",
	"vendor",
}

// HarmlessHeader reports whether a header of this name is known never to
// carry a secret.
func HarmlessHeader(name string) bool {
	_, found := slices.BinarySearch(harmlessHeaders, strings.ToLower(strings.TrimSpace(name)))
	return found
}

// HarmlessHeaders returns the names HarmlessHeader accepts, sorted, in
// lower case.
func HarmlessHeaders() []string { return slices.Clone(harmlessHeaders) }
