package huawei

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// The SDK's signer_test.go vectors (huawei-lts-transfer.md §2): AK
// AccessKey, SK SecretKey, X-Sdk-Date 20060102T150405Z, a TEST_UNDERSCORE
// header that the SDK leaves unsigned.
func TestSignatureKnownAnswers(t *testing.T) {
	tests := []struct {
		name, method, target, contentType, body, want string
	}{
		{
			name: "get with query", method: "GET", target: "/path?limit=1",
			want: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
		},
		{
			name: "post json body with trailing newline", method: "POST", target: "/path?key=value",
			contentType: "application/json", body: `{"Name":"test","Id":1}` + "\n",
			want: "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://example.huaweicloud.com"+tc.target, strings.NewReader(tc.body))
			r.Header.Set("X-Sdk-Date", "20060102T150405Z")
			r.Header.Set("TEST_UNDERSCORE", "TEST_VALUE")
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			cr := canonicalRequest(r, []string{"x-sdk-date"}, []byte(tc.body))
			if got := signature("SecretKey", stringToSign("20060102T150405Z", cr)); got != tc.want {
				t.Errorf("signature = %s, want %s\ncanonical request:\n%s", got, tc.want, cr)
			}
		})
	}
}

func TestCanonicalURIAppendsSlashAndEscapes(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"transfers", "/v2/0123/transfers", "/v2/0123/transfers/"},
		{"already slashed", "/v2/0123/transfers/", "/v2/0123/transfers/"},
		{"root", "/", "/"},
		{"reserved characters", "/a b/c:d", "/a%20b/c%3Ad/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := canonicalURI(tc.path); got != tc.want {
				t.Errorf("canonicalURI(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

func TestCanonicalQuerySortsAndEscapes(t *testing.T) {
	r := httptest.NewRequest("GET", "/p?b=2&a=x+y&b=1&c=%2F", nil)
	want := "a=x%20y&b=1&b=2&c=%2F"
	if got := canonicalQuery(r.URL.Query()); got != want {
		t.Errorf("canonicalQuery = %q, want %q", got, want)
	}
}

func TestParseAuthorization(t *testing.T) {
	tests := []struct {
		name, header string
		ok           bool
	}{
		{"sdk form", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=user-agent;x-sdk-date, Signature=ab12", true},
		{"no spaces", "SDK-HMAC-SHA256 Access=AK,SignedHeaders=x-sdk-date,Signature=ab12", true},
		{"other algorithm", "AWS4-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=ab12", false},
		{"missing signature", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date", false},
		{"unknown part", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=ab, Extra=1", false},
		{"no equals", "SDK-HMAC-SHA256 Access", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseAuthorization(tc.header)
			if (err == nil) != tc.ok {
				t.Errorf("parseAuthorization(%q) error = %v, want ok=%v", tc.header, err, tc.ok)
			}
		})
	}
}
