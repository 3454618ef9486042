package tencent

import (
	"strings"
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

// TestWalkOffsetsEnds: a listing that never ends (TotalCount grows with
// every page, or is absurd) stops with an error after a bound.
func TestWalkOffsetsEnds(t *testing.T) {
	tests := []struct {
		name      string
		total     func(call int) uint64
		wantCalls int
	}{
		{"total grows with every page", func(call int) uint64 { return uint64(call+2) * 1000 }, MaxPages},
		{"absurd total", func(int) uint64 { return 1 << 62 }, MaxPages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, err := WalkOffsets(1000, func(offset, limit int64) (int, uint64, error) {
				return int(limit), tt.total(int(offset / limit)), nil
			})
			if err == nil || !strings.Contains(err.Error(), "did not end") {
				t.Fatalf("err = %v, want a listing that did not end", err)
			}
			if calls != tt.wantCalls {
				t.Errorf("stopped after %d calls, want %d", calls, tt.wantCalls)
			}
		})
	}
}

// TestWalkOffsetsSmallPages: a service that serves fewer items than asked
// is read to the end, not cut off.
func TestWalkOffsetsSmallPages(t *testing.T) {
	calls, err := WalkOffsets(1000, func(offset, limit int64) (int, uint64, error) {
		return int(min(20, 5000-offset)), 5000, nil
	})
	if err != nil || calls != 250 {
		t.Fatalf("calls %d, err %v; want 250 pages of 20", calls, err)
	}
}
