package spec

import "strings"

// Suggest returns the candidate closest to s by edit distance (case
// ignored) when it is close enough to be a plausible typo, for a "did you
// mean"; else "". The policies use it for values outside a catalog.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", len(s)/2+2
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if strings.ToLower(c) == ls {
			return c
		}
		if d := levenshtein(ls, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist > 3 {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
