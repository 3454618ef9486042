package prcomment

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkUpsertManyComments edits our comment on a PR with 1,000 other
// comments (11 pages of 100) over loopback: the cost of one CI run's
// comment update, dominated by listing.
func BenchmarkUpsertManyComments(b *testing.B) {
	h := newHarness(b)
	for i := range 1000 {
		h.emu.AddComment(owner, repo, prNum, human, fmt.Sprintf("review comment %d", i))
	}
	markdown := strings.Repeat("| task | change |\n", 3000) // ~54,000 characters
	b.ResetTimer()
	for i := range b.N {
		if _, err := h.upsert("logs", fmt.Sprintf("%s%d\n", markdown, i)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n := len(h.comments()); n != 1001 {
		b.Fatalf("%d comments, want 1001", n)
	}
}
