package tencent

import "fmt"

// MaxPages bounds any listing: a service that keeps answering pages (a
// TotalCount that grows without end, a page that never shortens) stops
// with an error instead of looping forever.
const MaxPages = 10_000

// WalkOffsets drives API 3.0 Offset/Limit paging: fetch reads the page at
// offset and returns its length and the total the service reports. The walk
// stops once offset reaches the total (no extra empty call), or at an empty
// page (the list shrank while it was read). It returns the number of calls,
// so callers can hold themselves to one call per page (design §9).
//
// A listing may not take more pages than its TotalCount implies plus two
// (the total as last reported, since a list may grow while it is read, in
// pages of the smallest size served, since a service may serve fewer than
// asked), nor
// MaxPages: past that the service is not ending the listing (a TotalCount
// that grows with every page, or pages that never advance), and the walk
// fails with an error saying so.
func WalkOffsets(limit int64, fetch func(offset, limit int64) (n int, total uint64, err error)) (int, error) {
	calls, smallest := 0, uint64(0)
	for offset := int64(0); ; {
		n, total, err := fetch(offset, limit)
		calls++
		if err != nil {
			return calls, fmt.Errorf("page at offset %d: %w", offset, err)
		}
		offset += int64(n)
		if n == 0 || uint64(offset) >= total {
			return calls, nil
		}
		if smallest == 0 || uint64(n) < smallest {
			smallest = uint64(n)
		}
		bound := min(total/smallest+2, MaxPages)
		if uint64(calls) >= bound {
			return calls, fmt.Errorf("the listing did not end after %d pages of %d (TotalCount %d, offset %d): stopping rather than reading forever", calls, limit, total, offset)
		}
	}
}
