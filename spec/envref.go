package spec

import (
	"regexp"
	"strings"
)

// envRefPattern matches one ${env:NAME} reference. Secrets live in the
// environment of the run, never in the files (design §3).
var envRefPattern = regexp.MustCompile(`^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}`)

// escapeSeq is the escape of the format: "$${" stands for a literal "${",
// so that a value the API holds, such as "${env:X}" sent as is, can be
// written down (a live header value that contains "${env:" could otherwise
// not be imported).
const escapeSeq = "$${"

// IsEnvRef reports whether s is exactly one ${env:NAME} reference, the only
// form allowed for secret fields.
func IsEnvRef(s string) bool {
	m := envRefPattern.FindStringIndex(s)
	return m != nil && m[1] == len(s)
}

// EnvRefs returns the variable names referenced in s, in order; escaped
// ones ("$${env:A}") are text, not references.
func EnvRefs(s string) []string {
	var names []string
	scanRefs(s, func(name string) { names = append(names, name) }, nil)
	return names
}

// Escape returns s written so that resolving it yields s again: every "${"
// becomes "$${". `logctl import` writes live values through it.
func Escape(s string) string {
	return strings.ReplaceAll(s, "${", escapeSeq)
}

// scanRefs walks s left to right: an escape "$${" is the text "${", a
// well-formed reference calls ref with its name, anything else is text. out,
// when not nil, receives the text. It returns the first "${env:" that is
// neither escaped nor well formed ("" when there is none).
func scanRefs(s string, ref func(name string), out *strings.Builder) (bad string) {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '$')
		if j < 0 {
			writeText(out, s[i:])
			break
		}
		writeText(out, s[i:i+j])
		i += j
		switch rest := s[i:]; {
		case strings.HasPrefix(rest, escapeSeq):
			writeText(out, "${")
			i += len(escapeSeq)
		case strings.HasPrefix(rest, "${env:"):
			if m := envRefPattern.FindStringSubmatch(rest); m != nil {
				ref(m[1])
				i += len(m[0])
				continue
			}
			if bad == "" {
				bad = rest
			}
			writeText(out, "$")
			i++
		default:
			writeText(out, "$")
			i++
		}
	}
	return bad
}

func writeText(out *strings.Builder, s string) {
	if out != nil {
		out.WriteString(s)
	}
}

// malformedEnvRef returns the first "${env:" occurrence in s that is not a
// well-formed reference, or "" when there is none. Other ${...} forms are left
// alone: EdgeOne itself expands ${batchSize} in header values.
func malformedEnvRef(s string) string {
	if !strings.Contains(s, "${env:") {
		return ""
	}
	bad := scanRefs(s, func(string) {}, nil)
	if j := strings.IndexByte(bad, '}'); j >= 0 {
		bad = bad[:j+1]
	}
	if len(bad) > 40 {
		bad = bad[:40] + "…"
	}
	return bad
}

// expandEnv replaces every reference in s using lookup and every escape by
// the text it stands for; it returns the names that lookup did not know.
// Values from the environment are taken as they are (never scanned again).
func expandEnv(s string, lookup func(string) (string, bool)) (string, []string) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var missing []string
	var out strings.Builder
	out.Grow(len(s))
	scanRefs(s, func(name string) {
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		out.WriteString(v)
	}, &out)
	return out.String(), missing
}
