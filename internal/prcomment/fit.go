package prcomment

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Section is one block of a comment, as the renderer produced it.
type Section struct {
	Markdown string
	// Priority orders what goes first when the comment is too long:
	// droppable sections with the lowest priority are dropped first, and
	// among equals the later one in the comment.
	Priority int
	// Droppable sections (e.g. one change's <details>) may be left out;
	// the others (header, summary, findings) are always kept.
	Droppable bool
}

// Fit joins sections in order into at most limit characters (Unicode code
// points, as GitHub counts; use BodyBudget(dir)). When they do not fit, it
// drops droppable sections from the least important up and ends with the
// line "N more changes — see the job summary" (design §8). If the kept
// sections alone are still too long, the text is cut at a line boundary,
// open code fences and <details> are closed, and the last line says the
// comment was truncated. Each section is given a trailing newline if it
// lacks one; a limit too small even for the last line yields a cut line.
func Fit(sections []Section, limit int) string {
	texts := make([]string, len(sections))
	total := 0
	for i, s := range sections {
		texts[i] = s.Markdown
		if texts[i] != "" && !strings.HasSuffix(texts[i], "\n") {
			texts[i] += "\n"
		}
		total += utf8.RuneCountInString(texts[i])
	}
	if total <= limit {
		return strings.Join(texts, "")
	}
	keep := make([]bool, len(texts))
	for i := range keep {
		keep[i] = true
	}
	dropped := 0
	for _, i := range dropOrder(sections) {
		keep[i] = false
		dropped++
		total -= utf8.RuneCountInString(texts[i])
		if total+utf8.RuneCountInString(pointer(dropped, false)) <= limit {
			break
		}
	}
	text := joinKept(texts, keep)
	if p := pointer(dropped, false); total+utf8.RuneCountInString(p) <= limit {
		return text + p
	}
	return truncate(text, dropped, limit)
}

// dropOrder lists the droppable sections in the order they go: lowest
// priority first, later before earlier among equals.
func dropOrder(sections []Section) []int {
	var idx []int
	for i, s := range sections {
		if s.Droppable {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if pa, pb := sections[a].Priority, sections[b].Priority; pa != pb {
			return pa - pb
		}
		return b - a
	})
	return idx
}

func joinKept(texts []string, keep []bool) string {
	var b strings.Builder
	for i, t := range texts {
		if keep[i] {
			b.WriteString(t)
		}
	}
	return b.String()
}

// pointer is the closing line that sends readers to the job summary.
// Every section ends in a newline, so the leading one makes a blank line:
// the pointer cannot become a row of a table or part of a paragraph above.
func pointer(dropped int, truncated bool) string {
	switch {
	case truncated && dropped == 0:
		return "\nComment truncated to fit GitHub's limit — see the job summary\n"
	case truncated:
		return fmt.Sprintf("\nComment truncated to fit GitHub's limit; %s — see the job summary\n", moreChanges(dropped))
	}
	return "\n" + moreChanges(dropped) + " — see the job summary\n"
}

func moreChanges(n int) string {
	if n == 1 {
		return "1 more change"
	}
	return fmt.Sprintf("%d more changes", n)
}
