package tencent

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/internal/apierr"
)

// PageResp is exported: only named, exported types take the fast path.
type PageResp struct {
	TotalCount uint64
	Items      []PageItem
	RequestId  string
}

type PageItem struct {
	Name  string
	Error string `json:"ErrorText"` // a member that merely looks like an error
}

var decodeCases = []struct {
	name   string
	status int
	body   string
	fast   bool // the transport decodes it; the SDK's path otherwise
}{
	{name: "page", status: 200, fast: true,
		body: `{"Response":{"TotalCount":2,"Items":[{"Name":"a<b>","ErrorText":"x"},{"Name":"\u00e9"}],"RequestId":"r-1"}}`},
	{name: "unknown members are ignored", status: 200, fast: true,
		body: `{"Response":{"TotalCount":1,"Extra":{"Error":1},"RequestId":"r"},"Other":true}`},
	{name: "null error", status: 200, fast: true, body: `{"Response":{"Error":null,"RequestId":"r"}}`},
	{name: "vendor error", status: 200,
		body: `{"Response":{"Error":{"Code":"ResourceNotFound","Message":"gone"},"RequestId":"r-2"}}`},
	{name: "vendor error in lower case", status: 200,
		body: `{"Response":{"error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r-3"}}`},
	{name: "empty error object", status: 200, body: `{"Response":{"Error":{},"TotalCount":3,"RequestId":"r"}}`},
	{name: "deprecated error code", status: 200, body: `{"code":4000,"message":"old","codeDesc":"InvalidParameter"}`},
	{name: "null response", status: 200, body: `{"Response":null}`},
	{name: "no response", status: 200, body: `{}`},
	{name: "truncated", status: 200, body: `{"Response":{"TotalCount":`},
	{name: "wrong type", status: 200, body: `{"Response":{"TotalCount":"many","RequestId":"r"}}`},
	{name: "server error", status: 500, body: `{"Response":{"TotalCount":1,"RequestId":"r"}}`},
}

// TestFastDecoderTakesOnlyPlainSuccesses drives the transport directly.
func TestFastDecoderTakesOnlyPlainSuccesses(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			base := roundTripFunc(func(*http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: tc.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(tc.body))}, nil
			})
			var out PageResp
			ctx, job := withDecodeJob(context.Background(), &out)
			if job == nil {
				t.Fatal("no decode job for an exported struct type")
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://example.invalid/", nil)
			resp, err := fastDecoder{base: base}.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if job.done != tc.fast {
				t.Errorf("fast path taken = %v, want %v", job.done, tc.fast)
			}
			want := tc.body
			if tc.fast {
				want = string(stubBody)
			}
			if string(body) != want {
				t.Errorf("body handed to the SDK = %s, want %s", body, want)
			}
		})
	}
}

// TestFastDecoderMatchesSDKPath: every body gives the same result and the
// same error through a client with the fast path as through one without.
func TestFastDecoderMatchesSDKPath(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			fast := newTestClient(t, srv.URL, time.Second)
			slow := newTestClient(t, srv.URL, time.Second)
			slow.sdk.WithHttpTransport(apierr.Transport{Base: http.DefaultTransport})

			var gotFast, gotSlow PageResp
			errFast := fast.Call(context.Background(), "DescribeThings", nil, &gotFast)
			errSlow := slow.Call(context.Background(), "DescribeThings", nil, &gotSlow)
			if d := cmp.Diff(gotSlow, gotFast); d != "" {
				t.Errorf("response differs (-sdk path +fast path):\n%s", d)
			}
			if errString(errFast) != errString(errSlow) {
				t.Errorf("error = %v, want %v", errFast, errSlow)
			}
			for _, class := range []error{apierr.ErrNotFound, apierr.ErrAuth, apierr.ErrInvalid, apierr.ErrOutcomeUnknown, apierr.ErrUnavailable} {
				if errors.Is(errFast, class) != errors.Is(errSlow, class) {
					t.Errorf("errors.Is(%v, %v) differs between the paths", errFast, class)
				}
			}
		})
	}
}

func TestFastDecoderReplaysReadErrors(t *testing.T) {
	boom := errors.New("connection reset")
	base := roundTripFunc(func(*http.Request) (*http.Response, error) {
		body := io.MultiReader(strings.NewReader(`{"Response":`), errReader{boom})
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(body)}, nil
	})
	var out PageResp
	ctx, job := withDecodeJob(context.Background(), &out)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://example.invalid/", nil)
	resp, err := fastDecoder{base: base}.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if string(body) != `{"Response":` || !errors.Is(err, boom) || job.done {
		t.Errorf("read %q, %v (done %v); want the partial body, then the error", body, err, job.done)
	}
}

// SelfDecoding decodes itself: embedding it would bypass its method.
type SelfDecoding struct{ A string }

func (s *SelfDecoding) UnmarshalJSON(b []byte) error { s.A = string(b); return nil }

// Error would collide with the envelope's Error member.
type Error struct{ A string }

func TestDecodeJobOnlyForExportedStructs(t *testing.T) {
	type local struct{ A string }
	for _, out := range []any{nil, &local{}, &map[string]any{}, PageResp{}, new(string), &SelfDecoding{}, &Error{}, &PageResp{TotalCount: 1}} {
		if _, job := withDecodeJob(context.Background(), out); job != nil {
			t.Errorf("%T: got a decode job", out)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
