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
// A listing may not take more pages than the first TotalCount implies
// plus two (for a list that grows while it is read), nor MaxPages: past
// that the service is not ending the listing, and the walk fails with an
// error saying so.
func WalkOffsets(limit int64, fetch func(offset, limit int64) (n int, total uint64, err error)) (int, error) {
	calls := 0
	bound, first := uint64(MaxPages), uint64(0)
	for offset := int64(0); ; {
		n, total, err := fetch(offset, limit)
		calls++
		if err != nil {
			return calls, fmt.Errorf("page at offset %d: %w", offset, err)
		}
		if calls == 1 {
			first = total
			if limit > 0 {
				bound = min(total/uint64(limit)+2, MaxPages)
			}
		}
		offset += int64(n)
		if n == 0 || uint64(offset) >= total {
			return calls, nil
		}
		if uint64(calls) >= bound {
			return calls, fmt.Errorf("the listing did not end after %d pages of %d (TotalCount %d at first, %d now): stopping rather than reading forever", calls, limit, first, total)
		}
	}
}
