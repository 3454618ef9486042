package spec

import (
	"regexp"
	"strings"
)

// envRefPattern matches one ${env:NAME} reference. Secrets live in the
// environment of the run, never in the files (design §3).
var envRefPattern = regexp.MustCompile(`\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}`)

// IsEnvRef reports whether s is exactly one ${env:NAME} reference, the only
// form allowed for secret fields.
func IsEnvRef(s string) bool {
	m := envRefPattern.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s)
}

// EnvRefs returns the variable names referenced in s, in order.
func EnvRefs(s string) []string {
	if !strings.Contains(s, "${env:") {
		return nil
	}
	var names []string
	for _, m := range envRefPattern.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	return names
}

// malformedEnvRef returns the first "${env:" occurrence in s that is not a
// well-formed reference, or "" when there is none. Other ${...} forms are left
// alone: EdgeOne itself expands ${batchSize} in header values.
func malformedEnvRef(s string) string {
	if !strings.Contains(s, "${env:") {
		return ""
	}
	rest := envRefPattern.ReplaceAllString(s, "")
	i := strings.Index(rest, "${env:")
	if i < 0 {
		return ""
	}
	bad := rest[i:]
	if j := strings.IndexByte(bad, '}'); j >= 0 {
		bad = bad[:j+1]
	}
	if len(bad) > 40 {
		bad = bad[:40] + "…"
	}
	return bad
}

// expandEnv replaces every reference in s using lookup; it returns the names
// that lookup did not know.
func expandEnv(s string, lookup func(string) (string, bool)) (string, []string) {
	if !strings.Contains(s, "${env:") {
		return s, nil
	}
	var missing []string
	out := envRefPattern.ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[len("${env:") : len(ref)-1]
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	return out, missing
}
