package teo

import (
	"fmt"

	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Provider reads and writes EdgeOne real-time log delivery tasks; it
// implements reconcile.Provider. It is safe for concurrent use: every call
// waits on its action's bucket in one shared ratelimit.Set first.
type Provider struct {
	api    *API
	limits *ratelimit.Set
	settle tencent.Settle
}

var _ reconcile.Provider = (*Provider)(nil)

// New builds the provider on a teo client made from cfg (endpoint, HTTP
// client, per-call timeout, credentials). limits paces the calls; nil means
// the vendor quotas (ratelimit.Vendor) on the system clock.
func New(cfg tencent.Config, limits *ratelimit.Set) (*Provider, error) {
	c, err := tencent.New(Service, Version, cfg)
	if err != nil {
		return nil, fmt.Errorf("teo provider: %w", err)
	}
	if limits == nil {
		limits = ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{})
	}
	return &Provider{api: NewAPI(c), limits: limits, settle: tencent.DefaultSettle()}, nil
}

// Kind is spec.KindDeliveryTask.
func (p *Provider) Kind() spec.Kind { return spec.KindDeliveryTask }
