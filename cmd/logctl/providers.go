package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/logctl/logctl/internal/provider/cls"
	"github.com/logctl/logctl/internal/provider/lts"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Endpoint variables (design §4): point the clients at any endpoint, such
// as an emulator.
const (
	envTencentEndpoint = "LOGCTL_TENCENT_ENDPOINT"
	envHuaweiEndpoint  = "LOGCTL_HUAWEI_ENDPOINT"
)

// providerOptions tunes the clients of every provider.
type providerOptions struct {
	// Endpoint, when set, points both clouds at one base URL (an emulator
	// serves both) and wins over the endpoint variables.
	Endpoint string
	// HTTPClient supplies the transport; nil means each client's own.
	HTTPClient *http.Client
	// Timeout bounds each call; 0 means the clients' default (30 s).
	Timeout time.Duration
	// CreateAPI picks how dumps are created: "transfers" (or "") or
	// "log-dump" (spec.Document.CreateAPI, defaults.huawei.createApi).
	CreateAPI string
	// TencentSite is defaults.tencent.site (spec.Document.TencentSite);
	// "" leaves the choice to LOGCTL_TENCENT_SITE / TENCENTCLOUD_SITE.
	TencentSite string
}

// newProviders is the explicit registry: one provider per kind, built from
// the environment (endpoint variables and the vendors' credential
// variables, looked up through getenv only). Each provider has its own
// rate-limit set at the vendor quotas, shared by all its goroutines.
//
// Credentials are resolved when a provider is first used, not here: a
// repository with only Huawei dumps needs no Tencent keys, and must not
// wait on the Tencent SDK's metadata lookup either. A provider that cannot
// be built reports why, classified, on every call.
func newProviders(getenv func(string) string, opts providerOptions) (map[spec.Kind]reconcile.Provider, error) {
	switch opts.CreateAPI {
	case "", lts.CreateAPITransfers, lts.CreateAPILogDump:
	default:
		return nil, fmt.Errorf("defaults.huawei.createApi %q is not %s or %s", opts.CreateAPI, lts.CreateAPITransfers, lts.CreateAPILogDump)
	}
	tencentEndpoint, huaweiEndpoint := strings.TrimSpace(getenv(envTencentEndpoint)), strings.TrimSpace(getenv(envHuaweiEndpoint))
	if opts.Endpoint != "" {
		tencentEndpoint, huaweiEndpoint = opts.Endpoint, opts.Endpoint
	}
	site, err := tencent.ResolveSite(opts.TencentSite, getenv)
	if err != nil {
		return nil, err
	}
	tc := tencent.Config{Endpoint: tencentEndpoint, Site: site, Getenv: getenv, HTTPClient: opts.HTTPClient, Timeout: opts.Timeout}
	hc := lts.Config{Endpoint: huaweiEndpoint, Getenv: getenv, HTTPClient: opts.HTTPClient, Timeout: opts.Timeout}
	// Against an endpoint of the user's choosing (an emulator, a proxy)
	// the instance metadata services that end the vendors' credential
	// chains mean nothing, and asking them would send traffic to a cloud
	// address from a laptop or CI runner: use the profile files only.
	if tencentEndpoint != "" {
		tc.Fallback = common.DefaultProfileProvider()
	}
	if huaweiEndpoint != "" {
		hc.Fallback = provider.BasicCredentialProfileProvider().GetCredentials
	}
	limits := func() *ratelimit.Set { return ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{}) }
	return map[spec.Kind]reconcile.Provider{
		spec.KindDeliveryTask: &lazyProvider{kind: spec.KindDeliveryTask, build: func() (reconcile.Provider, error) {
			return teo.New(tc, limits())
		}},
		spec.KindExport: &lazyProvider{kind: spec.KindExport, build: func() (reconcile.Provider, error) {
			return cls.New(tc, limits())
		}},
		spec.KindDump: &lazyProvider{kind: spec.KindDump, build: func() (reconcile.Provider, error) {
			return lts.New(hc, opts.CreateAPI, limits())
		}},
	}, nil
}

// lazyProvider builds its provider on first use, once; a build error is
// returned by every call (the providers classify theirs, e.g. a missing
// key as apierr.ErrAuth).
type lazyProvider struct {
	kind  spec.Kind
	build func() (reconcile.Provider, error)

	once sync.Once
	p    reconcile.Provider
	err  error
}

var _ reconcile.Provider = (*lazyProvider)(nil)

func (l *lazyProvider) get() (reconcile.Provider, error) {
	l.once.Do(func() { l.p, l.err = l.build() })
	return l.p, l.err
}

func (l *lazyProvider) Kind() spec.Kind { return l.kind }

func (l *lazyProvider) Read(ctx context.Context, t reconcile.Target) ([]reconcile.Object, error) {
	p, err := l.get()
	if err != nil {
		return nil, err
	}
	return p.Read(ctx, t)
}

func (l *lazyProvider) Create(ctx context.Context, desired reconcile.Object) (string, error) {
	p, err := l.get()
	if err != nil {
		return "", err
	}
	return p.Create(ctx, desired)
}

func (l *lazyProvider) Update(ctx context.Context, live, desired reconcile.Object) error {
	p, err := l.get()
	if err != nil {
		return err
	}
	return p.Update(ctx, live, desired)
}

func (l *lazyProvider) Delete(ctx context.Context, live reconcile.Object) error {
	p, err := l.get()
	if err != nil {
		return err
	}
	return p.Delete(ctx, live)
}
