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
// Names are compared case-insensitively (RFC 9110 §5.1).
var harmlessHeaders = []string{"Accept", "Content-Encoding", "Content-Type", "User-Agent", "Vendor"}

// HarmlessHeader reports whether a header of this name is known never to
// carry a secret.
func HarmlessHeader(name string) bool {
	name = strings.TrimSpace(name)
	return slices.ContainsFunc(harmlessHeaders, func(h string) bool { return strings.EqualFold(h, name) })
}

// HarmlessHeaders returns the names HarmlessHeader accepts, sorted.
func HarmlessHeaders() []string { return slices.Clone(harmlessHeaders) }
