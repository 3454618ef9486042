package tencent

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// DefaultTimeout bounds one call when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config describes how to reach one Tencent Cloud API.
type Config struct {
	// Endpoint overrides the vendor host, e.g. "http://127.0.0.1:8787"
	// (the CLI maps LOGCTL_TENCENT_ENDPOINT here). A value without a scheme
	// is a host[:port] reached over HTTPS. Empty means the vendor host.
	Endpoint string
	// Region is sent as X-TC-Region when not empty. teo does not need it;
	// cls does (cls-export.md: CLS is regional).
	Region string
	// Site is SiteChina or SiteIntl: which vendor host family the client
	// talks to when Endpoint is empty (site.go). Empty means the site
	// variables of Getenv decide (ResolveSite), China by default.
	Site string
	// Getenv looks up credential variables. Nil means an empty environment:
	// the package never reads the process environment itself.
	Getenv func(string) string
	// HTTPClient supplies the transport (only its Transport is used: the SDK
	// owns the http.Client). Nil means a clone of http.DefaultTransport.
	HTTPClient *http.Client
	// Timeout bounds each call (DefaultTimeout when zero).
	Timeout time.Duration
	// Credential, when set, is used as is and skips every lookup.
	Credential common.CredentialIface
	// Fallback is asked when the environment holds no keys. Nil means the
	// SDK's profile file provider, then its CVM role provider.
	Fallback common.Provider
}

// endpoint is a parsed Config.Endpoint.
type endpoint struct {
	scheme string // "http" or "https"
	host   string // host[:port][/path], as the SDK's HttpProfile.Endpoint wants it
}

// parseEndpoint splits an endpoint URL for the SDK profile.
// tencentcloud-api3.md §7: HttpProfile.Endpoint is used verbatim as Host (a
// /path suffix becomes the URL path), HttpProfile.Scheme picks http or https.
func parseEndpoint(raw string) (endpoint, error) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url errors quote the input, which could hold user info: keep them out.
		return endpoint{}, errors.New("endpoint is not a valid URL")
	}
	switch {
	case u.User != nil:
		return endpoint{}, errors.New("endpoint must not contain user information")
	case u.Scheme != "http" && u.Scheme != "https":
		return endpoint{}, fmt.Errorf("endpoint scheme %q is not http or https", u.Scheme)
	case u.Host == "":
		return endpoint{}, errors.New("endpoint has no host")
	case u.RawQuery != "" || u.Fragment != "":
		return endpoint{}, errors.New("endpoint must not contain a query or fragment")
	}
	host := u.Host
	if p := strings.TrimSuffix(u.EscapedPath(), "/"); p != "" {
		host += p
	}
	return endpoint{scheme: u.Scheme, host: host}, nil
}

// vendorHost is the public host of a service.
// tencentcloud-api3.md §1: <service>.tencentcloudapi.com, regional form
// <service>.<region>.tencentcloudapi.com; cls-export.md: CLS is regional.
// The international site has one host per service,
// <service>.intl.tencentcloudapi.com; the region travels in X-TC-Region.
func vendorHost(service, region, site string) string {
	if site == SiteIntl {
		return service + ".intl.tencentcloudapi.com"
	}
	if service == "cls" && region != "" {
		return service + "." + region + ".tencentcloudapi.com"
	}
	return service + ".tencentcloudapi.com"
}

// resolveEndpoint returns the endpoint a client for service talks to.
func (cfg Config) resolveEndpoint(service string) (endpoint, error) {
	if cfg.Endpoint == "" {
		site, err := ResolveSite(cfg.Site, cfg.Getenv)
		if err != nil {
			return endpoint{}, err
		}
		return endpoint{scheme: "https", host: vendorHost(service, cfg.Region, site)}, nil
	}
	return parseEndpoint(cfg.Endpoint)
}

// transport returns the base RoundTripper for the client.
func (cfg Config) transport() http.RoundTripper {
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		return cfg.HTTPClient.Transport
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	// Reads run concurrently per zone and topic; keep their connections.
	t.MaxIdleConnsPerHost = 32
	return t
}

func (cfg Config) timeout() time.Duration {
	if cfg.Timeout > 0 {
		return cfg.Timeout
	}
	return DefaultTimeout
}
