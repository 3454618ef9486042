package offlinelogs

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// TestStatusErrorRetryAfter: a refused download carries the server's
// Retry-After, which retry.Do waits instead of its own back-off.
func TestStatusErrorRetryAfter(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header string
		want   time.Duration
		retry  bool
	}{
		{"503 with seconds", http.StatusServiceUnavailable, "3", 3 * time.Second, true},
		{"429 with a date", http.StatusTooManyRequests, time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Hour, true},
		{"503 without header", http.StatusServiceUnavailable, "", 0, true},
		{"403 is final", http.StatusForbidden, "3", 3 * time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
			if tt.header != "" {
				resp.Header.Set("Retry-After", tt.header)
			}
			_, err := startOffset(resp, 0, "cos.example.com")
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a StatusError", err)
			}
			// A date is read against the clock: allow the seconds the
			// test took.
			if got := se.RetryAfter(); got > tt.want || got < tt.want-5*time.Second {
				t.Errorf("RetryAfter = %v, want %v", got, tt.want)
			}
			if got := retryDownload(err); got != tt.retry {
				t.Errorf("retryDownload = %v, want %v", got, tt.retry)
			}
		})
	}
}
