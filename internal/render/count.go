package render

import (
	"strconv"
	"strings"
)

// Count is n and the noun, in the number English wants: "0 resources",
// "1 resource", "2 policies". Every count logctl prints goes through it.
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Noun(n, noun)
}

// Noun is the singular noun for n == 1 and its plural otherwise. The last
// word of a phrase takes the plural ("live resource" → "live resources").
func Noun(n int, singular string) string {
	s := singular
	switch {
	case n == 1 || s == "":
		return s
	case len(s) > 1 && s[len(s)-1] == 'y' && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") || strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// Verb picks the verb form that agrees with n: Verb(1, "is", "are").
func Verb(n int, singular, plural string) string {
	if n == 1 {
		return singular
	}
	return plural
}
