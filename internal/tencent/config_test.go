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
	tests := []struct{ service, region, site, want string }{
		{"teo", "", "", "teo.tencentcloudapi.com"},
		{"teo", "ap-guangzhou", SiteChina, "teo.tencentcloudapi.com"},
		{"cls", "ap-guangzhou", "", "cls.ap-guangzhou.tencentcloudapi.com"},
		{"cls", "", SiteChina, "cls.tencentcloudapi.com"},
		{"teo", "", SiteIntl, "teo.intl.tencentcloudapi.com"},
		{"cls", "ap-singapore", SiteIntl, "cls.intl.tencentcloudapi.com"},
	}
	for _, tt := range tests {
		if got := vendorHost(tt.service, tt.region, tt.site); got != tt.want {
			t.Errorf("vendorHost(%q, %q, %q) = %q, want %q", tt.service, tt.region, tt.site, got, tt.want)
		}
		ep, err := Config{Region: tt.region, Site: tt.site}.resolveEndpoint(tt.service)
		if err != nil || ep.host != tt.want || ep.scheme != "https" {
			t.Errorf("resolveEndpoint(%q) with site %q = %+v, %v; want https://%s", tt.service, tt.site, ep, err, tt.want)
		}
	}
	// Without a site in the config, the site variables decide.
	intlEnv := func(k string) string { return map[string]string{EnvSiteVendor: "intl"}[k] }
	if ep, err := (Config{Getenv: intlEnv}).resolveEndpoint("teo"); err != nil || ep.host != "teo.intl.tencentcloudapi.com" {
		t.Errorf("TENCENTCLOUD_SITE=intl: %+v, %v; want the intl host", ep, err)
	}
	badEnv := func(k string) string { return map[string]string{EnvSite: "mars"}[k] }
	if _, err := (Config{Getenv: badEnv}).resolveEndpoint("teo"); err == nil || !strings.Contains(err.Error(), "LOGCTL_TENCENT_SITE") {
		t.Errorf("LOGCTL_TENCENT_SITE=mars: err %v, want one naming the variable", err)
	}
	// An explicit endpoint wins over the site.
	if ep, _ := (Config{Endpoint: "http://127.0.0.1:1", Site: SiteIntl}).resolveEndpoint("teo"); ep.host != "127.0.0.1:1" {
		t.Errorf("endpoint with site intl = %+v, want the endpoint", ep)
	}
}

func TestResolveSite(t *testing.T) {
	tests := []struct {
		name, files string
		env         map[string]string
		want, err   string
	}{
		{name: "default is china", want: SiteChina},
		{name: "files", files: "intl", env: map[string]string{EnvSite: "china"}, want: SiteIntl},
		{name: "logctl variable", env: map[string]string{EnvSite: "intl", EnvSiteVendor: "china"}, want: SiteIntl},
		{name: "vendor variable", env: map[string]string{EnvSiteVendor: "INTL"}, want: SiteIntl},
		{name: "unknown names its source", env: map[string]string{EnvSiteVendor: "global"}, err: `TENCENTCLOUD_SITE "global" is not china or intl`},
		{name: "unknown in files", files: "cn", err: `defaults.tencent.site "cn"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveSite(tt.files, func(k string) string { return tt.env[k] })
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ResolveSite = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
