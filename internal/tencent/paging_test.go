package tencent

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWalkOffsets(t *testing.T) {
	tests := []struct {
		name        string
		total       int // items on the server
		shrinkAfter int // the server returns nothing from this offset on (0 = never)
		limit       int64
		wantOffsets []int64
	}{
		{"empty", 0, 0, 1000, []int64{0}},
		{"one short page", 7, 0, 1000, []int64{0}},
		{"exact multiple needs no extra call", 2000, 0, 1000, []int64{0, 1000}},
		{"partial last page", 2500, 0, 1000, []int64{0, 1000, 2000}},
		{"list shrank while reading", 2500, 1000, 1000, []int64{0, 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var offsets []int64
			calls, err := WalkOffsets(tt.limit, func(offset, limit int64) (int, uint64, error) {
				offsets = append(offsets, offset)
				if tt.shrinkAfter > 0 && offset >= int64(tt.shrinkAfter) {
					return 0, uint64(tt.total), nil
				}
				return int(min(limit, int64(tt.total)-offset)), uint64(tt.total), nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantOffsets, offsets); diff != "" || calls != len(tt.wantOffsets) {
				t.Errorf("calls %d, offsets (-want +got):\n%s", calls, diff)
			}
		})
	}
}
