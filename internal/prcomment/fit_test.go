package prcomment

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func sec(md string, prio int, droppable bool) Section {
	return Section{Markdown: md, Priority: prio, Droppable: droppable}
}

func chars(s string) int { return utf8.RuneCountInString(s) }

func TestFit(t *testing.T) {
	header := sec("## Plan: 3 to create", 0, false) // 21 characters with its newline
	x, y := strings.Repeat("x", 60), strings.Repeat("y", 60)
	one := "\n1 more change — see the job summary\n"
	two := "\n2 more changes — see the job summary\n"
	truncated := "\nComment truncated to fit GitHub's limit — see the job summary\n"
	truncatedOne := "\nComment truncated to fit GitHub's limit; 1 more change — see the job summary\n"
	fence := "head\n```\n" + strings.Repeat("line\n", 40) + "```\n"
	details := "<details><summary>x</summary>\n\n" + strings.Repeat("z\n", 60) + "</details>\n"
	tests := []struct {
		name     string
		sections []Section
		limit    int
		want     string
	}{
		{
			name:     "fits: joined, newline added",
			sections: []Section{header, sec("a\n", 1, true), sec("b", 1, true)},
			limit:    100,
			want:     "## Plan: 3 to create\na\nb\n",
		},
		{
			name:     "exactly at the limit",
			sections: []Section{sec("12345", 0, true), sec("6789", 0, true)},
			limit:    11,
			want:     "12345\n6789\n",
		},
		{
			name:     "lowest priority goes first",
			sections: []Section{header, sec(x, 5, true), sec(y, 1, true)},
			limit:    21 + 61 + chars(one),
			want:     "## Plan: 3 to create\n" + x + "\n" + one,
		},
		{
			name:     "among equals the later goes first",
			sections: []Section{header, sec(x, 1, true), sec(y, 1, true), sec(x, 1, true)},
			limit:    21 + 61 + chars(two),
			want:     "## Plan: 3 to create\n" + x + "\n" + two,
		},
		{
			name:     "kept sections stay in order",
			sections: []Section{sec("a", 9, true), header, sec(y, 0, true), sec("c", 9, true)},
			limit:    2 + 21 + 2 + chars(one),
			want:     "a\n## Plan: 3 to create\nc\n" + one,
		},
		{
			name:     "non-droppable kept over any droppable",
			sections: []Section{sec(x, 0, false), sec(y, 100, true)},
			limit:    61 + chars(one),
			want:     x + "\n" + one,
		},
		{
			name:     "mandatory too long: cut at a line, fence closed",
			sections: []Section{sec(fence, 0, false), sec("detail", 0, true)},
			limit:    chars(truncatedOne) + len("head\n```\nline\nline\n```\n"),
			want:     "head\n```\nline\nline\n```\n" + truncatedOne,
		},
		{
			name:     "open details closed",
			sections: []Section{sec(details, 0, false)},
			limit:    chars(truncated) + 31 + 1 + 6 + 11,
			want:     "<details><summary>x</summary>\n\nz\nz\nz\n</details>\n" + truncated,
		},
		{
			name:     "limit below the pointer line",
			sections: []Section{sec(x, 0, false)},
			limit:    10,
			want:     "Comment tr",
		},
		{
			name:     "zero limit",
			sections: []Section{sec(x, 0, false)},
			limit:    0,
			want:     "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Fit(tc.sections, tc.limit)
			if got != tc.want {
				t.Errorf("Fit =\n%q\nwant\n%q", got, tc.want)
			}
			if n := chars(got); n > tc.limit {
				t.Errorf("Fit returned %d characters, over the limit %d", n, tc.limit)
			}
		})
	}
}

// hugePlan is a header, a findings table and n changes of about 600
// characters each, the more destructive ones more important.
func hugePlan(n int) []Section {
	secs := []Section{
		sec("<!-- header -->\n## logctl plan: lint passed · 2,000 to create · 2,000 to delete\n\n", 0, false),
		sec("| file:line | finding |\n|---|---|\n| logs.yaml:3 | sample rate 100% |\n\n", 0, false),
	}
	for i := range n {
		prio := 1
		if i%2 == 1 {
			prio = 3 // deletes matter more than creates
		}
		body := strings.Repeat(fmt.Sprintf("+ field_%d = \"日志\"\n", i), 25)
		secs = append(secs, sec(fmt.Sprintf("<details><summary>change %d</summary>\n\n```diff\n%s```\n\n</details>\n\n", i, body), prio, true))
	}
	return secs
}

func TestFitHugePlan(t *testing.T) {
	const n = 4000
	limit := BodyBudget("logs/prod")
	got := Fit(hugePlan(n), limit)
	if c := utf8.RuneCountInString(got); c > limit || c+utf8.RuneCountInString(Marker("logs/prod")+"\n") > MaxCommentChars {
		t.Fatalf("Fit returned %d characters, over %d", c, limit)
	}
	kept := strings.Count(got, "<details>")
	wantTail := fmt.Sprintf("\n%d more changes — see the job summary\n", n-kept)
	if !strings.HasSuffix(got, wantTail) {
		t.Errorf("does not end with %q: ...%q", wantTail, got[len(got)-80:])
	}
	if !strings.HasPrefix(got, "<!-- header -->") || !strings.Contains(got, "| logs.yaml:3 |") {
		t.Errorf("header or findings dropped")
	}
	if kept == 0 || strings.Count(got, "</details>") != kept {
		t.Errorf("kept %d sections, %d closed", kept, strings.Count(got, "</details>"))
	}
	// Priority 3 (odd) changes are kept before any priority 1 one.
	if strings.Contains(got, "change 0<") && !strings.Contains(got, fmt.Sprintf("change %d<", n-1)) {
		t.Errorf("a low-priority change was kept while a high-priority one was dropped")
	}
}

// FuzzFit checks the limit holds and that nothing changes when it fits.
func FuzzFit(f *testing.F) {
	f.Add("head", "a\n```\nb", "c<details>", 20, 3)
	f.Add("", "", "", 0, 0)
	f.Fuzz(func(t *testing.T, a, b, c string, limit, prio int) {
		secs := []Section{sec(a, 0, false), sec(b, prio, true), sec(c, -prio, true)}
		got := Fit(secs, limit)
		if n := utf8.RuneCountInString(got); n > max(limit, 0) {
			t.Fatalf("Fit(%+v, %d) returned %d characters", secs, limit, n)
		}
		all := Fit(secs, 1<<30)
		if utf8.RuneCountInString(all) <= limit && got != all {
			t.Fatalf("Fit changed text that fits: %q vs %q", got, all)
		}
	})
}

func BenchmarkFitHugePlan(b *testing.B) {
	secs := hugePlan(10000)
	limit := BodyBudget("logs")
	b.ResetTimer()
	for range b.N {
		Fit(secs, limit)
	}
}
