package apierr

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"
)

// Trace records, for one call, whether the request was fully written and
// which HTTP status came back. The SDKs hide both behind their own error
// types, and both decide the error class: a failure after the write means the
// outcome is unknown, and a bare 5xx means the service was unavailable.
type Trace struct {
	sent   atomic.Bool
	status atomic.Int32
	after  atomic.Int64 // Retry-After of the response, ns; 0 when absent
}

type traceKey struct{}

// WithTrace returns a context that records into a new Trace. Use the
// returned context for exactly one call.
func WithTrace(ctx context.Context) (context.Context, *Trace) {
	t := &Trace{}
	ctx = context.WithValue(ctx, traceKey{}, t)
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			// A write that failed part-way cannot have been processed by
			// the server; only a complete write makes the outcome unknown.
			if info.Err == nil {
				t.sent.Store(true)
			}
		},
	})
	return ctx, t
}

// Sent reports whether the whole request was written to the connection.
func (t *Trace) Sent() bool { return t.sent.Load() }

// Status is the HTTP status of the response, or 0 if none arrived.
func (t *Trace) Status() int { return int(t.status.Load()) }

// RetryAfter is the wait the response's Retry-After header asked for, or 0
// when it had none. The SDKs drop response headers from their errors, so
// this is the only place a client can see it.
func (t *Trace) RetryAfter() time.Duration { return time.Duration(t.after.Load()) }

// Transport wraps an http.RoundTripper so that responses are recorded in the
// Trace carried by the request context (if any).
type Transport struct {
	Base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (rt Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := rt.Base.RoundTrip(req)
	if resp != nil {
		if t, ok := req.Context().Value(traceKey{}).(*Trace); ok {
			t.status.Store(int32(resp.StatusCode))
			if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				t.after.Store(int64(d))
			}
		}
	}
	return resp, err
}
