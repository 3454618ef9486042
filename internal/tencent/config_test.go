package tencent

import (
	"strings"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		name, raw    string
		scheme, host string
		wantErr      string
	}{
		{name: "http with port", raw: "http://127.0.0.1:8787", scheme: "http", host: "127.0.0.1:8787"},
		{name: "https trailing slash", raw: "https://teo.example.com/", scheme: "https", host: "teo.example.com"},
		{name: "bare host is https", raw: "teo.intl.tencentcloudapi.com", scheme: "https", host: "teo.intl.tencentcloudapi.com"},
		{name: "path kept", raw: "http://gw.example.com:80/tencent", scheme: "http", host: "gw.example.com:80/tencent"},
		{name: "upper-case scheme", raw: "HTTP://127.0.0.1:1", scheme: "http", host: "127.0.0.1:1"},
		{name: "user info refused, not echoed", raw: "http://id:s3cr3t@127.0.0.1:1", wantErr: "user information"},
		{name: "other scheme", raw: "ftp://x", wantErr: `scheme "ftp"`},
		{name: "query refused", raw: "http://x/?a=b", wantErr: "query"},
		{name: "no host", raw: "http://", wantErr: "no host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep, err := parseEndpoint(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Fatalf("error leaks user info: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ep.scheme != tt.scheme || ep.host != tt.host {
				t.Fatalf("got %+v, want scheme %q host %q", ep, tt.scheme, tt.host)
			}
		})
	}
}

func TestVendorHost(t *testing.T) {
	tests := []struct{ service, region, want string }{
		{"teo", "", "teo.tencentcloudapi.com"},
		{"teo", "ap-guangzhou", "teo.tencentcloudapi.com"},
		{"cls", "ap-guangzhou", "cls.ap-guangzhou.tencentcloudapi.com"},
		{"cls", "", "cls.tencentcloudapi.com"},
	}
	for _, tt := range tests {
		if got := vendorHost(tt.service, tt.region); got != tt.want {
			t.Errorf("vendorHost(%q, %q) = %q, want %q", tt.service, tt.region, got, tt.want)
		}
	}
}
