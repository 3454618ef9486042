package lts

import (
	"fmt"
	"sync"

	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// The create APIs a provider can use (design §3, defaults.huawei.createApi).
const (
	CreateAPITransfers = "transfers" // POST /v2/{project_id}/transfers (default)
	CreateAPILogDump   = "log-dump"  // POST /v2/{project_id}/log-dump/obs, the seed's older API
)

// Provider reads and writes LTS transfers to OBS (dumps); it implements
// reconcile.Provider. It keeps one API per (region, project), built on
// first use with the credentials resolved once in New. It is safe for
// concurrent use; all clients share one ratelimit.Set.
type Provider struct {
	cfg       Config
	createAPI string
	limits    *ratelimit.Set

	mu   sync.Mutex
	apis map[string]*API // by region + "/" + project

	regionsMu sync.Mutex
	regions   map[string]string // project id → region, from IAM
}

func (p *Provider) getenv(k string) string {
	if p.cfg.Getenv == nil {
		return ""
	}
	return p.cfg.Getenv(k)
}

var _ reconcile.Provider = (*Provider)(nil)

// New builds the provider. cfg.Region and cfg.ProjectID are only defaults:
// each call goes to the region and project of its dump. Credentials are
// resolved here, once, so missing keys fail before any plan work.
// createAPI is CreateAPITransfers ("" means the same) or CreateAPILogDump.
// limits nil means the vendor quotas (ratelimit.Vendor) on the system clock.
func New(cfg Config, createAPI string, limits *ratelimit.Set) (*Provider, error) {
	switch createAPI {
	case "":
		createAPI = CreateAPITransfers
	case CreateAPITransfers, CreateAPILogDump:
	default:
		return nil, fmt.Errorf("lts provider: create API %q is not %s or %s", createAPI, CreateAPITransfers, CreateAPILogDump)
	}
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	cred, err := cfg.baseCredential(getenv)
	if err != nil {
		return nil, fmt.Errorf("lts provider: %w", err)
	}
	cfg.Credential = cred
	if limits == nil {
		limits = ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{})
	}
	return &Provider{cfg: cfg, createAPI: createAPI, limits: limits, apis: map[string]*API{}}, nil
}

// Kind is spec.KindDump.
func (p *Provider) Kind() spec.Kind { return spec.KindDump }

// api returns the API of a region and project, building it once. Empty
// values fall back to the Config's (and the project to
// HUAWEICLOUD_SDK_PROJECT_ID).
func (p *Provider) api(region, project string) (*API, error) {
	if region == "" {
		region = p.cfg.Region
	}
	if project == "" {
		project = p.cfg.ProjectID
	}
	key := region + "/" + project
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.apis[key]; ok {
		return a, nil
	}
	cfg := p.cfg
	cfg.Region, cfg.ProjectID = region, project
	a, err := NewAPI(cfg)
	if err != nil {
		return nil, fmt.Errorf("lts client for project %s in %s: %w", project, region, err)
	}
	p.apis[key] = a
	return a, nil
}

// scope names the region and project a dump lives in, with the API's
// resolved values where the dump leaves them out.
func scopeOf(a *API, region, project string) (string, string) {
	if region == "" {
		region = a.Region()
	}
	if project == "" {
		project = a.ProjectID()
	}
	return region, project
}
