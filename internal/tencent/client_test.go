package tencent

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

const testSecret = "k3y-that-must-never-show"

type echoReq struct {
	TopicId string
	Count   uint64
	From    int64
	Fields  []string `json:",omitzero"`
}

type echoResp struct {
	ExportId  string
	RequestId string
}

func newTestClient(t *testing.T, url string, timeout time.Duration) *Client {
	t.Helper()
	c, err := New("cls", "2020-10-16", Config{
		Endpoint: url, Region: "ap-guangzhou", Timeout: timeout,
		Credential: common.NewTokenCredential("AKIDTEST", testSecret, "session-tok"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCallSuccessWire(t *testing.T) {
	var got struct {
		header http.Header
		host   string
		body   []byte
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.header, got.host = r.Header.Clone(), r.Host
		got.body, _ = io.ReadAll(r.Body)
		io.WriteString(w, `{"Response":{"ExportId":"e-1","RequestId":"req-9"}}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, time.Second)

	// 2^53+1 does not survive a float64 round trip; the body must carry it exactly.
	req := echoReq{TopicId: "t-1", Count: 100, From: 9007199254740993}
	var resp echoResp
	if err := c.Call(context.Background(), "CreateExport", req, &resp); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(echoResp{ExportId: "e-1", RequestId: "req-9"}, resp); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
	if want := `{"TopicId":"t-1","Count":100,"From":9007199254740993}`; string(got.body) != want {
		t.Errorf("body = %s, want %s", got.body, want)
	}
	wantHeaders := map[string]string{
		"X-Tc-Action": "CreateExport", "X-Tc-Version": "2020-10-16", "X-Tc-Region": "ap-guangzhou",
		"X-Tc-Token": "session-tok", "Content-Type": "application/json", "X-Tc-Language": "en-US",
	}
	for k, v := range wantHeaders {
		if got.header.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.header.Get(k), v)
		}
	}
	auth := got.header.Get("Authorization")
	if !strings.HasPrefix(auth, "TC3-HMAC-SHA256 Credential=AKIDTEST/") || !strings.Contains(auth, "/cls/tc3_request") {
		t.Errorf("Authorization = %q", auth)
	}
	if got.host != c.Host() {
		t.Errorf("Host = %q, want %q", got.host, c.Host())
	}
}

func TestCallErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    error
		mention []string
	}{
		{
			name: "vendor error envelope",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"Response":{"Error":{"Code":"ResourceNotFound.TopicNotExist","Message":"no topic"},"RequestId":"r-1"}}`)
			},
			want: apierr.ErrNotFound, mention: []string{"ResourceNotFound.TopicNotExist", "r-1"},
		},
		{
			name: "throttled",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r-2"}}`)
			},
			want: apierr.ErrThrottled,
		},
		{
			name: "500 with envelope is the vendor code",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(500)
				io.WriteString(w, `{"Response":{"Error":{"Code":"InternalError","Message":"oops"},"RequestId":"r-3"}}`)
			},
			want: apierr.ErrUnavailable, mention: []string{"InternalError"},
		},
		{
			name: "bare 502 is unavailable and the body is not quoted",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(502)
				io.WriteString(w, "<html>AccessKey=SECRET-IN-BODY</html>")
			},
			want: apierr.ErrUnavailable, mention: []string{"HTTP 502"},
		},
		{
			name: "bare 429 is throttled",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(429)
			},
			want: apierr.ErrThrottled,
		},
		{
			name: "truncated 200 is outcome unknown",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"Response":{"ExportId":"SECRET-IN-BODY`)
			},
			want: apierr.ErrOutcomeUnknown, mention: []string{"HTTP 200"},
		},
		{
			name: "wrong shape 200 is outcome unknown",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"Response":{"ExportId":42,"RequestId":"r"}}`)
			},
			want: apierr.ErrOutcomeUnknown, mention: []string{"decode response"},
		},
		{
			name: "connection dropped after the request was read",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.ReadAll(r.Body)
				conn, _, err := w.(http.Hijacker).Hijack()
				if err == nil {
					conn.Close()
				}
			},
			want: apierr.ErrOutcomeUnknown, mention: []string{"no response"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			c := newTestClient(t, srv.URL, 2*time.Second)
			var resp echoResp
			err := c.Call(context.Background(), "CreateExport", echoReq{TopicId: "t"}, &resp)
			assertClass(t, err, tt.want)
			for _, s := range append(tt.mention, c.service) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			assertNoSecrets(t, err)
		})
	}
}

func TestCallNetworkFailures(t *testing.T) {
	t.Run("refused connection is unavailable and names the host", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c := newTestClient(t, "http://"+addr, time.Second)
		err = c.Call(context.Background(), "DescribeExports", nil, nil)
		assertClass(t, err, apierr.ErrUnavailable)
		if !strings.Contains(err.Error(), addr) {
			t.Errorf("error %q does not name %s", err, addr)
		}
		assertNoSecrets(t, err)
	})
	t.Run("deadline after the write is outcome unknown", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.ReadAll(r.Body)
			<-release
		}))
		defer srv.Close()
		defer close(release)
		c := newTestClient(t, srv.URL, 100*time.Millisecond)
		err := c.Call(context.Background(), "CreateExport", echoReq{}, nil)
		assertClass(t, err, apierr.ErrOutcomeUnknown)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
	})
	t.Run("cancelled before sending", func(t *testing.T) {
		c := newTestClient(t, "http://127.0.0.1:9", time.Second)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := c.Call(ctx, "CreateExport", echoReq{}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v does not wrap context.Canceled", err)
		}
		assertClass(t, err, apierr.ErrUnavailable)
	})
}

func TestCallDiscardsResponseWhenOutIsNil(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"Response":{"RequestId":"r"}}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, time.Second)
	if err := c.Call(context.Background(), "DeleteExport", map[string]string{"ExportId": "e"}, nil); err != nil {
		t.Fatal(err)
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	cred := common.NewCredential("a", "b")
	if _, err := New("", "v", Config{Credential: cred}); err == nil {
		t.Error("empty service accepted")
	}
	if _, err := New("teo", "2022-09-01", Config{Credential: cred, Endpoint: "gopher://x"}); err == nil {
		t.Error("bad endpoint accepted")
	}
}

func assertClass(t *testing.T, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error of class %v, got nil", want)
	}
	for _, c := range classes {
		if got := errors.Is(err, c); got != (c == want) {
			t.Errorf("errors.Is(%v, %v) = %v, want %v", err, c, got, c == want)
		}
	}
}

func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	b, _ := json.Marshal(err)
	for _, s := range []string{testSecret, "SECRET-IN-BODY", "session-tok"} {
		if strings.Contains(err.Error(), s) || strings.Contains(string(b), s) {
			t.Errorf("error leaks %q: %v", s, err)
		}
	}
}
