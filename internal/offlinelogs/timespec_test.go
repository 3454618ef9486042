package offlinelogs

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 30, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{in: "now", want: now},
		{in: "-24h", want: now.Add(-24 * time.Hour)},
		{in: "-90m", want: now.Add(-90 * time.Minute)},
		{in: "-7d", want: now.AddDate(0, 0, -7)},
		{in: "-1d12h", want: now.Add(-36 * time.Hour)},
		{in: " 2025-03-01T00:00:00Z ", want: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2025-03-01T08:00:00+08:00", want: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		{in: "", err: "empty time"},
		{in: "yesterday", err: "want RFC 3339"},
		{in: "2025-03-01", err: "want RFC 3339"},
		{in: "2025-03-01T00:00:00", err: "want RFC 3339"},
		{in: "+24h", err: "want RFC 3339"},
		{in: "-24", err: "duration like"},
		{in: "-0h", err: "non-zero"},
		{in: "-xd", err: "days before d"},
		{in: "--24h", err: "duration like"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in, now)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseTime(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Fatalf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseWindow(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 30, 0, 0, time.UTC)
	tests := []struct {
		name, start, end, err string
	}{
		{name: "relative", start: "-24h", end: "now"},
		{name: "start after end", start: "now", end: "-1h", err: "is not before --end"},
		{name: "empty window", start: "2025-03-01T00:00:00Z", end: "2025-03-01T08:00:00+08:00", err: "is not before"},
		{name: "bad start named", start: "soon", end: "now", err: "--start:"},
		{name: "bad end named", start: "-1h", end: "later", err: "--end:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, err := ParseWindow(tt.start, tt.end, now)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseWindow = %v; want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil || !s.Before(e) || s.Location() != time.UTC {
				t.Fatalf("ParseWindow = %v, %v, %v", s, e, err)
			}
		})
	}
}
