package tencent

import "fmt"

// WalkOffsets drives API 3.0 Offset/Limit paging: fetch reads the page at
// offset and returns its length and the total the service reports. The walk
// stops once offset reaches the total (no extra empty call), or at an empty
// page (the list shrank while it was read). It returns the number of calls,
// so callers can hold themselves to one call per page (design §9).
func WalkOffsets(limit int64, fetch func(offset, limit int64) (n int, total uint64, err error)) (int, error) {
	calls := 0
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
	}
}
