package lts

import (
	"context"
	"fmt"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	iamv3 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3"
	iammodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/model"
	"github.com/logctl/logctl/internal/apierr"
)

// Variables of the IAM call (huawei-lts-transfer.md §1-§2).
const (
	EnvDomainID    = "HUAWEICLOUD_SDK_DOMAIN_ID"
	EnvIAMEndpoint = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
)

const defaultIAMEndpoint = "https://iam.myhuaweicloud.com"

// ProjectRegions learns the region of every project the credentials may
// use from IAM's KeystoneListAuthProjects (GET /v3/auth/projects, Huawei SDK
// iam/v3): a project's name is its region, or <region>_<suffix> for a
// sub-project. It asks once per Provider. An LTS call for a project goes to
// lts.<region>.myhuaweicloud.com, which knows only that region's projects,
// so a dump whose region is not its project's cannot work (lts.region-project).
func (p *Provider) ProjectRegions(ctx context.Context) (map[string]string, error) {
	p.regionsMu.Lock()
	defer p.regionsMu.Unlock()
	if p.regions != nil {
		return p.regions, nil
	}
	regions, err := p.listAuthProjects(ctx)
	if err != nil {
		return nil, err
	}
	p.regions = regions
	return regions, nil
}

func (p *Provider) listAuthProjects(ctx context.Context) (map[string]string, error) {
	endpoint, err := p.cfg.iamEndpoint()
	if err != nil {
		return nil, fmt.Errorf("iam client: %w", err)
	}
	a := newAPI(p.cfg, endpoint)
	base := p.cfg.Credential.BaseCredentials
	cred := &auth.GlobalCredentials{
		BaseCredentials: auth.BaseCredentials{AK: base.AK, SK: base.SK, SecurityToken: base.SecurityToken},
		DomainId:        p.getenv(EnvDomainID), // optional: only sent when set
	}
	var resp *iammodel.KeystoneListAuthProjectsResponse
	err = a.iamCall(ctx, cred, func(c *iamv3.IamClient) (err error) {
		resp, err = c.KeystoneListAuthProjects(&iammodel.KeystoneListAuthProjectsRequest{})
		return err
	})
	if err != nil {
		return nil, err
	}
	regions := map[string]string{}
	if resp.Projects != nil {
		for _, pr := range *resp.Projects {
			region, _, _ := strings.Cut(pr.Name, "_")
			regions[pr.Id] = region
		}
	}
	return regions, nil
}

// iamCall is call for the IAM client: same transport, timeout and error
// classification, no Host rewrite (IAM is global).
func (a *API) iamCall(ctx context.Context, cred auth.ICredential, fn func(*iamv3.IamClient) error) error {
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	ctx, tr := apierr.WithTrace(ctx)
	hc := config.DefaultHttpConfig()
	hc.Timeout, hc.Retries, hc.UserAgent = 0, 0, "logctl"
	hc.RoundTripper = ctxTransport{ctx: ctx, base: apierr.Transport{Base: a.base}}
	client := iamv3.NewIamClient(core.NewHcHttpClient(impl.NewDefaultHttpClient(hc)).
		WithEndpoints([]string{a.endpoint}).WithCredential(cred))
	if err := fn(client); err != nil {
		return a.wrapError("iam KeystoneListAuthProjects", tr, err)
	}
	return nil
}

// iamEndpoint: IAMEndpoint when set; else the LTS endpoint override (the
// emulator serves both); else HUAWEICLOUD_SDK_IAM_ENDPOINT, the SDK's own
// variable; else the global IAM endpoint (the European site has its own).
func (cfg Config) iamEndpoint() (string, error) {
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	for _, ep := range []string{cfg.IAMEndpoint, cfg.Endpoint, getenv(EnvIAMEndpoint)} {
		if ep != "" {
			return Config{Endpoint: ep}.resolveEndpoint()
		}
	}
	if cfg.Region == "eu-west-101" {
		return "https://iam.eu-west-101.myhuaweicloud.eu", nil
	}
	return defaultIAMEndpoint, nil
}
