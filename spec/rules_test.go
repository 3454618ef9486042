package spec

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRulesCatalogMatchesSources checks that the catalog lists exactly the
// rule ids the loader's sources report, in order, each with a title.
func TestRulesCatalogMatchesSources(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`"((?:schema|env)\.[a-z-]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "rules.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range id.FindAllSubmatch(b, -1) {
			used[string(m[1])] = true
		}
	}
	var listed []string
	for _, r := range Rules() {
		if r.Title == "" {
			t.Errorf("%s has no title", r.ID)
		}
		if !used[r.ID] {
			t.Errorf("%s is listed but never reported", r.ID)
		}
		listed = append(listed, r.ID)
	}
	for u := range used {
		if !slices.Contains(listed, u) {
			t.Errorf("%s is reported but not listed in rules.go", u)
		}
	}
	if !slices.IsSorted(listed) {
		t.Errorf("rules are not sorted by id: %v", listed)
	}
}
