package spec

import (
	"strings"
	"testing"
	"unsafe"
)

// fresh returns a copy of s in memory of its own, as a decoder makes.
func fresh(s string) string { return strings.Clone(s) }

func TestInternerSharesEqualShortStrings(t *testing.T) {
	long := strings.Repeat("x", internMax+1)
	task := func() *DeliveryTask {
		return &DeliveryTask{
			Name: fresh("t"), Type: fresh("cls"), Fields: []string{fresh("ClientIP"), fresh(long)},
			CustomFields: []CustomField{{Name: fresh("ReqHeader"), Value: fresh("Accept")}},
			CLS:          &CLSDestination{LogSetRegion: fresh("ap-guangzhou")},
		}
	}
	a, b := task(), task()
	var in Interner
	in.Strings(a)
	in.Strings(b)
	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	cases := []struct {
		name   string
		x, y   string
		shared bool
	}{
		{"field", a.Type, b.Type, true},
		{"list item", a.Fields[0], b.Fields[0], true},
		{"struct in a list", a.CustomFields[0].Value, b.CustomFields[0].Value, true},
		{"behind a pointer", a.CLS.LogSetRegion, b.CLS.LogSetRegion, true},
		{"long string", a.Fields[1], b.Fields[1], false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := same(tc.x, tc.y); got != tc.shared {
				t.Errorf("shared = %v, want %v", got, tc.shared)
			}
			if tc.x != tc.y {
				t.Errorf("values changed: %q, %q", tc.x, tc.y)
			}
		})
	}
}
