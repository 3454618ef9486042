package cls

import (
	"fmt"
	"sync"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Provider reads and writes CLS export tasks; it implements
// reconcile.Provider. CLS is regional (cls-export.md), so it keeps one
// client per region, built on first use. It is safe for concurrent use;
// all regions share one ratelimit.Set, since the quotas are per action.
type Provider struct {
	cfg      tencent.Config
	limits   *ratelimit.Set
	pageSize int64 // DescribeExports page; tests lower it
	settle   tencent.Settle

	mu   sync.Mutex
	apis map[string]*API // by region
}

var _ reconcile.Provider = (*Provider)(nil)

// New builds the provider. cfg.Region is ignored: each call goes to the
// region of its export. A first client is built at once, so a bad
// endpoint or missing credentials fail here rather than mid-plan. limits
// nil means the vendor quotas (ratelimit.Vendor) on the system clock.
func New(cfg tencent.Config, limits *ratelimit.Set) (*Provider, error) {
	cfg.Region = ""
	if _, err := tencent.New(Service, Version, cfg); err != nil {
		return nil, fmt.Errorf("cls provider: %w", err)
	}
	if limits == nil {
		limits = ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{})
	}
	return &Provider{cfg: cfg, limits: limits, pageSize: MaxDescribeLimit, settle: tencent.DefaultSettle(), apis: map[string]*API{}}, nil
}

// Kind is spec.KindExport.
func (p *Provider) Kind() spec.Kind { return spec.KindExport }

// api returns the region's API, building its client once.
func (p *Provider) api(region string) (*API, error) {
	if region == "" {
		return nil, fmt.Errorf("cls: no region given (CLS is regional: set region or defaults.tencent.region): %w", apierr.ErrInvalid)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.apis[region]; ok {
		return a, nil
	}
	cfg := p.cfg
	cfg.Region = region
	c, err := tencent.New(Service, Version, cfg)
	if err != nil {
		return nil, fmt.Errorf("cls client for %s: %w", region, err)
	}
	a := NewAPI(c)
	a.pageSize = p.pageSize
	p.apis[region] = a
	return a, nil
}
