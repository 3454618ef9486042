package emulator_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

// countingBody records how much of a request body the server read.
type countingBody struct{ n int }

func (c *countingBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	c.n += len(p)
	if c.n > 64<<20 {
		return 0, io.EOF
	}
	return len(p), nil
}

func (c *countingBody) Close() error { return nil }

// TestAuthenticateBeforeReadingBody: a caller with no or unknown
// credentials, or a declared body over the limit, is refused without the
// emulator reading (buffering) a byte of the body.
func TestAuthenticateBeforeReadingBody(t *testing.T) {
	now := time.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	date := now.UTC().Format("2006-01-02")
	tc3 := func(id string) string {
		return "TC3-HMAC-SHA256 Credential=" + id + "/" + date + "/cls/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("a", 64)
	}
	tests := []struct {
		name, path, auth string
		length           int64
		want             string
	}{
		{"tencent without Authorization", "/", "", -1, "AuthFailure.InvalidAuthorization"},
		{"tencent unknown SecretId", "/", tc3("AKIDunknownunknown"), -1, "AuthFailure.SecretIdNotFound"},
		{"tencent declared body over 10 MB", "/", tc3(emulator.DefaultTencentSecretID), 11 << 20, "RequestSizeLimitExceeded"},
		{"huawei without credentials", "/v2/0123456789abcdef0123456789abcdef/transfers", "", -1, "APIGW.0301"},
		{"huawei unknown access key", "/v2/0123456789abcdef0123456789abcdef/transfers",
			"SDK-HMAC-SHA256 Access=NOPE, SignedHeaders=host;x-sdk-date, Signature=" + strings.Repeat("a", 64), -1, "ak not exist"},
	}
	srv, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := &countingBody{}
			r := httptest.NewRequest(http.MethodPost, tc.path, nil)
			r.Body, r.ContentLength = body, tc.length
			r.Host = "cls.tencentcloudapi.com"
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("X-TC-Action", "DescribeExports")
			r.Header.Set("X-TC-Version", "2020-10-16")
			r.Header.Set("X-TC-Timestamp", ts)
			r.Header.Set("X-Sdk-Date", now.UTC().Format("20060102T150405Z"))
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			w := httptest.NewRecorder()
			srv.Handler().ServeHTTP(w, r)
			if !strings.Contains(w.Body.String(), tc.want) {
				t.Errorf("answer %d %s, want %s", w.Code, w.Body.String(), tc.want)
			}
			if body.n != 0 {
				t.Errorf("read %d bytes of the body before refusing", body.n)
			}
		})
	}
}
