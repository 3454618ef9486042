package spec

import (
	"fmt"
	"strconv"
	"time"
)

// Timestamp is a point in time written either as RFC 3339 or as epoch
// milliseconds (the unit of the CLS export API, cls-export.md §2).
type Timestamp struct {
	Millis int64  // milliseconds since the epoch
	Raw    string // as written, for messages
	Set    bool
}

// ParseTimestamp reads RFC 3339 (with or without fractional seconds) or an
// integer number of epoch milliseconds.
func ParseTimestamp(s string) (Timestamp, bool) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return Timestamp{Millis: ms, Raw: s, Set: true}, true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return Timestamp{}, false
	}
	return Timestamp{Millis: t.UnixMilli(), Raw: s, Set: true}, true
}

// TimestampFromMillis builds a timestamp from epoch milliseconds.
func TimestampFromMillis(ms int64) Timestamp {
	return Timestamp{Millis: ms, Raw: strconv.FormatInt(ms, 10), Set: true}
}

// Time returns the timestamp as a UTC time.
func (t Timestamp) Time() time.Time { return time.UnixMilli(t.Millis).UTC() }

// RFC3339 formats the timestamp in UTC, with milliseconds only when needed.
func (t Timestamp) RFC3339() string {
	tm := t.Time()
	if tm.Nanosecond() == 0 {
		return tm.Format(time.RFC3339)
	}
	return tm.Format("2006-01-02T15:04:05.000Z07:00")
}

// MarshalJSON writes the timestamp as epoch milliseconds.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if !t.Set {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatInt(t.Millis, 10)), nil
}

// UnmarshalJSON reads epoch milliseconds or an RFC 3339 string.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*t = Timestamp{}
		return nil
	}
	if uq, err := strconv.Unquote(s); err == nil {
		s = uq
	}
	ts, ok := ParseTimestamp(s)
	if !ok {
		return fmt.Errorf("invalid timestamp %q", s)
	}
	*t = ts
	return nil
}
