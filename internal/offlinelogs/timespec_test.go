package offlinelogs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

func TestBackoff(t *testing.T) {
	transient := errors.New("transient")
	final := errors.New("final")
	tests := []struct {
		name      string
		errs      []error // op results, in order; nil ends
		attempts  int
		wantCalls int
		wantErr   error
		wantDelay []time.Duration
	}{
		{name: "success first", errs: []error{nil}, wantCalls: 1},
		{name: "retries then succeeds", errs: []error{transient, transient, nil}, wantCalls: 3,
			wantDelay: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}},
		{name: "final error is not retried", errs: []error{final}, wantCalls: 1, wantErr: final},
		{name: "attempts spent", attempts: 3, errs: []error{transient, transient, transient, nil}, wantCalls: 3,
			wantErr: transient, wantDelay: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}},
		{name: "delay capped", attempts: 6, errs: []error{transient, transient, transient, transient, transient, nil},
			wantCalls: 6, wantDelay: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond,
				400 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var delays []time.Duration
			b := Backoff{Attempts: tt.attempts, Base: 100 * time.Millisecond, Max: 500 * time.Millisecond,
				Jitter: func(d time.Duration) time.Duration { return d },
				Sleep:  func(_ context.Context, d time.Duration) error { delays = append(delays, d); return nil }}
			calls := 0
			err := b.Do(context.Background(), func(err error) bool { return err == transient }, func() error {
				calls++
				return tt.errs[calls-1]
			})
			if calls != tt.wantCalls || err != tt.wantErr {
				t.Errorf("Do: %d calls, %v; want %d, %v", calls, err, tt.wantCalls, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantDelay, delays); diff != "" {
				t.Errorf("delays (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBackoffStopsWhenContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := Backoff{Sleep: func(context.Context, time.Duration) error { return nil }}.Do(ctx,
		func(error) bool { return true },
		func() error { calls++; cancel(); return errors.New("x") })
	if calls != 1 || err == nil {
		t.Errorf("Do after cancel: %d calls, %v; want 1 call and its error", calls, err)
	}
}
