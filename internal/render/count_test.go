package render

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{0, "resource", "0 resources"},
		{1, "resource", "1 resource"},
		{2, "resource", "2 resources"},
		{1, "change", "1 change"},
		{3, "change", "3 changes"},
		{2, "policy", "2 policies"},
		{2, "key", "2 keys"},
		{2, "proxy", "2 proxies"},
		{2, "match", "2 matches"},
		{2, "address", "2 addresses"},
		{2, "live resource", "2 live resources"},
		{1, "environment variable", "1 environment variable"},
	}
	for _, tc := range tests {
		if got := Count(tc.n, tc.noun); got != tc.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
	if Verb(1, "is", "are") != "is" || Verb(0, "is", "are") != "are" || Verb(2, "was", "were") != "were" {
		t.Error("Verb does not agree with its count")
	}
}
