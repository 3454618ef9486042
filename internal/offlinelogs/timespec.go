package offlinelogs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseTime reads a time given on the command line: an RFC 3339 time
// (2024-05-01T00:00:00Z, 2024-05-01T08:00:00+08:00), "now", or a time
// relative to now: "-24h", "-90m", "-7d", "-1d12h" (Go duration units plus
// "d" for 24 hours). Relative times are in the past only: packages exist
// for past hours.
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return time.Time{}, errors.New("empty time: want RFC 3339 (2024-05-01T00:00:00Z), now, or a relative time like -24h")
	case s == "now":
		return now, nil
	case strings.HasPrefix(s, "-"):
		d, err := parseAgo(s[1:])
		if err != nil {
			return time.Time{}, fmt.Errorf("relative time %q: %w", s, err)
		}
		return now.Add(-d), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: want RFC 3339 with a zone (2024-05-01T00:00:00Z), now, or a relative time like -24h", s)
	}
	return t, nil
}

// parseAgo reads "7d", "1d12h", "90m": an optional whole number of days,
// then an optional Go duration.
func parseAgo(s string) (time.Duration, error) {
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.Atoi(s[:i])
		if err != nil || n < 0 || n > 100_000 {
			return 0, errors.New("want a whole number of days before d, like -7d")
		}
		days, s = time.Duration(n)*24*time.Hour, s[i+1:]
	}
	var rest time.Duration
	if s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return 0, errors.New("want a duration like -24h, -90m or -7d")
		}
		rest = d
	}
	if days+rest == 0 {
		return 0, errors.New("want a non-zero duration like -24h")
	}
	return days + rest, nil
}

// ParseWindow reads --start and --end and checks start < end. Times are
// returned in UTC: offline log file times are UTC+0 (edgeone-logs.md §11).
func ParseWindow(start, end string, now time.Time) (time.Time, time.Time, error) {
	s, err := ParseTime(start, now)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("--start: %w", err)
	}
	e, err := ParseTime(end, now)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("--end: %w", err)
	}
	if !s.Before(e) {
		return time.Time{}, time.Time{}, fmt.Errorf("--start %s is not before --end %s", s.UTC().Format(time.RFC3339), e.UTC().Format(time.RFC3339))
	}
	return s.UTC(), e.UTC(), nil
}
