package apierr

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

var all = []error{ErrNotFound, ErrThrottled, ErrAuth, ErrInvalid, ErrUnavailable, ErrOutcomeUnknown}

func onlyClass(t *testing.T, err, want error) {
	t.Helper()
	for _, c := range all {
		if got := errors.Is(err, c); got != (c == want) {
			t.Errorf("errors.Is(%v, %v) = %v, want %v", err, c, got, c == want)
		}
	}
}

func TestNetworkError(t *testing.T) {
	tests := []struct {
		name string
		sent bool
		want error
	}{
		{"not sent is unavailable", false, ErrUnavailable},
		{"sent is outcome unknown", true, ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fmt.Errorf("layer: %w", &NetworkError{Op: "teo X", Host: "h:1", Sent: tt.sent, Err: context.DeadlineExceeded})
			onlyClass(t, err, tt.want)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Error("cause not reachable")
			}
		})
	}
}

func TestStatusClass(t *testing.T) {
	tests := []struct {
		status int
		want   error
	}{
		{200, ErrOutcomeUnknown}, {201, ErrOutcomeUnknown}, {400, nil}, {401, ErrAuth},
		{403, ErrAuth}, {404, nil}, {429, ErrThrottled}, {500, ErrUnavailable}, {503, ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			if got := StatusClass(tt.status); got != tt.want {
				t.Fatalf("StatusClass(%d) = %v, want %v", tt.status, got, tt.want)
			}
			onlyClass(t, &HTTPError{Op: "op", Host: "h", Status: tt.status}, tt.want)
		})
	}
}

func TestRetryable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&HTTPError{Status: 503}, true},
		{&HTTPError{Status: 429}, true},
		{&NetworkError{Sent: false}, true},
		{&NetworkError{Sent: true}, false}, // must find before retry
		{&HTTPError{Status: 400}, false},
		{errors.New("plain"), false},
	}
	for _, tt := range tests {
		if got := Retryable(tt.err); got != tt.want {
			t.Errorf("Retryable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestTrace(t *testing.T) {
	client := &http.Client{Transport: Transport{Base: http.DefaultTransport}}
	t.Run("status and sent recorded", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(418)
		}))
		defer srv.Close()
		ctx, tr := WithTrace(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !tr.Sent() || tr.Status() != 418 {
			t.Fatalf("sent %v status %d, want true 418", tr.Sent(), tr.Status())
		}
	})
	t.Run("dropped after read: sent, no status", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.ReadAll(r.Body)
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}))
		defer srv.Close()
		ctx, tr := WithTrace(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL, nil)
		if _, err := client.Do(req); err == nil {
			t.Fatal("want an error")
		}
		if !tr.Sent() || tr.Status() != 0 {
			t.Fatalf("sent %v status %d, want true 0", tr.Sent(), tr.Status())
		}
	})
	t.Run("refused: not sent", func(t *testing.T) {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		ctx, tr := WithTrace(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", "http://"+addr, nil)
		if _, err := client.Do(req); err == nil {
			t.Fatal("want an error")
		}
		if tr.Sent() {
			t.Fatal("sent = true for a refused connection")
		}
	})
}
