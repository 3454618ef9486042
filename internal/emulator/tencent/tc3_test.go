package tencent

import (
	"net/http"
	"testing"
)

// The two known-answer vectors of tencentcloud-api3.md §2.
func TestTC3KnownAnswers(t *testing.T) {
	tests := []struct {
		name, key, service, host, contentType, body, wantPayload, wantCanonical, wantSig string
		ts                                                                               int64
	}{
		{
			name: "vendor doc vector", key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", service: "cvm",
			host: "cvm.tencentcloudapi.com", contentType: "application/json; charset=utf-8", ts: 1551113065,
			body:          `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
			wantPayload:   "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
			wantCanonical: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
			wantSig:       "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
		},
		{
			name: "Go SDK vector", key: "SECRETEXAMPLE", service: "cls", host: "127.0.0.1:40277",
			contentType: "application/json", ts: 1795310997, body: `{"TopicId":"t-1"}`,
			wantSig: "5a0330719e7449a61212f2ecedbb4949285c24e0c21eba08cb1aaa6df7ec51db",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			payload := sha256Hex([]byte(tc.body))
			if tc.wantPayload != "" && payload != tc.wantPayload {
				t.Errorf("payload hash = %s, want %s", payload, tc.wantPayload)
			}
			hdr := http.Header{}
			hdr.Set("Content-Type", tc.contentType)
			get := func(name string) string {
				if name == "host" {
					return tc.host
				}
				return hdr.Get(name)
			}
			cr := canonicalRequest("POST", "", []string{"content-type", "host"}, get, payload, false)
			if got := sha256Hex([]byte(cr)); tc.wantCanonical != "" && got != tc.wantCanonical {
				t.Errorf("canonical request hash = %s, want %s", got, tc.wantCanonical)
			}
			if got := tc3Signature(tc.key, tc.service, tc.ts, cr); got != tc.wantSig {
				t.Errorf("signature = %s, want %s", got, tc.wantSig)
			}
		})
	}
}

func TestParseAuthorization(t *testing.T) {
	good := "TC3-HMAC-SHA256 Credential=AKIDX/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
	a, ok := parseAuthorization(good)
	if !ok || a.SecretID != "AKIDX" || a.Service != "cvm" || a.Date != "2019-02-25" || len(a.SignedHeaders) != 2 {
		t.Fatalf("parseAuthorization(good) = %+v, %v", a, ok)
	}
	for _, bad := range []string{
		"",
		"HMAC-SHA1 Credential=AKIDX/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=00",
		"TC3-HMAC-SHA256 Credential=AKIDX/2019-02-25/cvm, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
		"TC3-HMAC-SHA256 Credential=AKIDX/2019-02-25/cvm/tc3_request, SignedHeaders=host;content-type, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
		"TC3-HMAC-SHA256 Credential=AKIDX/2019-02-25/cvm/tc3_request, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
	} {
		if _, ok := parseAuthorization(bad); ok {
			t.Errorf("parseAuthorization(%q) accepted a malformed header", bad)
		}
	}
}
