package lts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	ltsv2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
	"github.com/logctl/logctl/internal/apierr"
)

// DefaultTimeout bounds one call when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config describes how to reach LTS in one region and project.
type Config struct {
	// Region picks the vendor endpoint, e.g. "cn-north-4".
	Region string
	// ProjectID is the 32-character project; empty means HUAWEICLOUD_SDK_PROJECT_ID.
	ProjectID string
	// Endpoint overrides the vendor endpoint, e.g. "http://127.0.0.1:8787"
	// (the CLI maps LOGCTL_HUAWEI_ENDPOINT here); no scheme means https.
	Endpoint string
	// IAMEndpoint overrides the IAM endpoint ProjectRegions asks; empty
	// means Endpoint when set, else HUAWEICLOUD_SDK_IAM_ENDPOINT, else the
	// vendor's global IAM endpoint.
	IAMEndpoint string
	// Getenv looks up credential variables. Nil means an empty environment.
	Getenv func(string) string
	// HTTPClient supplies the transport (only its Transport is used).
	HTTPClient *http.Client
	// Timeout bounds each call (DefaultTimeout when zero).
	Timeout time.Duration
	// Credential, when set, is used as is (its project id is overridden by
	// ProjectID when that is set).
	Credential *auth.BasicCredentials
	// Fallback is asked when the environment holds no keys. Nil means the
	// SDK's basic chain: env, profile file, ECS metadata, pod identity.
	Fallback func() (auth.ICredential, error)
}

// API is the typed LTS transfer surface for one (region, project). It is
// safe for concurrent use.
type API struct {
	region    string
	projectID string
	endpoint  string // scheme://host[:port]
	host      string
	// vendorHost is the region's LTS host, sent as the Host header when an
	// endpoint override is used (see regionHost).
	vendorHost string
	cred       *auth.BasicCredentials
	base       http.RoundTripper
	timeout    time.Duration
}

// NewAPI resolves credentials and the endpoint; it makes no network call
// unless the fallback chain asks a metadata service.
func NewAPI(cfg Config) (*API, error) {
	endpoint, err := cfg.resolveEndpoint()
	if err != nil {
		return nil, fmt.Errorf("lts client: %w", err)
	}
	cred, err := cfg.resolveCredential()
	if err != nil {
		return nil, err
	}
	a := newAPI(cfg, endpoint)
	a.projectID, a.cred = cred.ProjectId, cred
	if cfg.Endpoint != "" && cfg.Region != "" {
		a.vendorHost = regionHost(cfg.Region)
	}
	return a, nil
}

// newAPI is an API on endpoint with cfg's transport and timeout, without
// credentials.
func newAPI(cfg Config, endpoint string) *API {
	u, _ := url.Parse(endpoint)
	a := &API{region: cfg.Region, endpoint: endpoint, host: u.Host, timeout: cfg.Timeout}
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		a.base = cfg.HTTPClient.Transport
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		a.base = t
	}
	if a.timeout <= 0 {
		a.timeout = DefaultTimeout
	}
	return a
}

// ProjectID is the project every call addresses.
func (a *API) ProjectID() string { return a.projectID }

// Region is the region of the API ("" if only an endpoint was given).
func (a *API) Region() string { return a.region }

// Host is the endpoint host[:port].
func (a *API) Host() string { return a.host }

// CreateTransfer creates a transfer: POST /v2/{project_id}/transfers
// (huawei-lts-transfer.md §5-§6).
func (a *API) CreateTransfer(ctx context.Context, body *model.CreateTransferRequestBody) (*model.CreateTransferResponse, error) {
	var resp *model.CreateTransferResponse
	err := a.call(ctx, "CreateTransfer", func(c *ltsv2.LtsClient) (err error) {
		resp, err = c.CreateTransfer(&model.CreateTransferRequest{Body: body})
		return err
	})
	return resp, err
}

// UpdateTransfer updates streams, format, status and detail of a transfer:
// PUT /v2/{project_id}/transfers. Type, mode, group and agency are fixed.
func (a *API) UpdateTransfer(ctx context.Context, body *model.UpdateTransferRequestBody) (*model.UpdateTransferResponse, error) {
	var resp *model.UpdateTransferResponse
	err := a.call(ctx, "UpdateTransfer", func(c *ltsv2.LtsClient) (err error) {
		resp, err = c.UpdateTransfer(&model.UpdateTransferRequest{Body: body})
		return err
	})
	return resp, err
}

// DeleteTransfer deletes a transfer: DELETE /v2/{project_id}/transfers?log_transfer_id=.
// An unknown id is apierr.ErrNotFound (LTS.0405).
func (a *API) DeleteTransfer(ctx context.Context, transferID string) (*model.DeleteTransferResponse, error) {
	var resp *model.DeleteTransferResponse
	err := a.call(ctx, "DeleteTransfer", func(c *ltsv2.LtsClient) (err error) {
		resp, err = c.DeleteTransfer(&model.DeleteTransferRequest{LogTransferId: transferID})
		return err
	})
	return resp, err
}

// CreateLogDumpObs creates an OBS dump through the old API:
// POST /v2/{project_id}/log-dump/obs (§4; answered with 201).
func (a *API) CreateLogDumpObs(ctx context.Context, body *model.CreateLogDumpObsRequestBody) (*model.CreateLogDumpObsResponse, error) {
	var resp *model.CreateLogDumpObsResponse
	err := a.call(ctx, "CreateLogDumpObs", func(c *ltsv2.LtsClient) (err error) {
		resp, err = c.CreateLogDumpObs(&model.CreateLogDumpObsRequest{Body: body})
		return err
	})
	return resp, err
}

// call runs fn on a client bound to this call's context. The SDK has no
// per-call context, so each call gets its own light client whose transport
// carries the context; connections are still pooled by the shared base.
func (a *API) call(ctx context.Context, action string, fn func(*ltsv2.LtsClient) error) error {
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	ctx, tr := apierr.WithTrace(ctx)
	hc := config.DefaultHttpConfig()
	hc.Timeout = 0 // the context is the deadline
	hc.Retries = 0 // retries belong to the reconcile layer (find-before-retry)
	hc.UserAgent = "logctl"
	hc.RoundTripper = ctxTransport{ctx: ctx, host: a.vendorHost, base: apierr.Transport{Base: a.base}}
	client := ltsv2.NewLtsClient(core.NewHcHttpClient(impl.NewDefaultHttpClient(hc)).
		WithEndpoints([]string{a.endpoint}).WithCredential(a.cred))
	if err := fn(client); err != nil {
		return a.wrapError("lts "+action, tr, err)
	}
	return nil
}

// ctxTransport sends every request under ctx, with Host set to host when
// that is not empty.
type ctxTransport struct {
	ctx  context.Context
	host string
	base http.RoundTripper
}

func (t ctxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.WithContext(t.ctx)
	if t.host != "" {
		// The Go SDK signs no host header (huawei-lts-transfer.md §2), so
		// the signature holds with either Host.
		req.Host = t.host
	}
	return t.base.RoundTrip(req)
}

// Enum builds an SDK enum member (a struct around an unexported value) from
// its wire string, e.g. Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferMode]("cycle").
// String enums accept any value (huawei-lts-transfer.md §9); the server
// validates.
func Enum[T any, PT interface {
	*T
	json.Unmarshaler
}](s string) T {
	var v T
	b, _ := json.Marshal(s)
	_ = PT(&v).UnmarshalJSON(b) // the SDK's string converter cannot fail on a string
	return v
}

// regionHost is the region's LTS host (huawei-lts-transfer.md §1): the
// service tells regions apart by it. With an endpoint override (an
// emulator, a proxy) requests still carry it as their Host header, the way
// curl --resolve does, so the far side knows which region was meant: the
// emulator refuses a project of another region, as the real endpoint would.
func regionHost(region string) string {
	domain := "myhuaweicloud.com"
	if region == "eu-west-101" {
		domain = "myhuaweicloud.eu"
	}
	return "lts." + region + "." + domain
}

// resolveEndpoint returns scheme://host[:port] for the calls.
// huawei-lts-transfer.md §1: https://lts.<region>.myhuaweicloud.com, EU
// region eu-west-101 on .myhuaweicloud.eu; an override without a scheme gets
// https:// as the SDK does.
func (cfg Config) resolveEndpoint() (string, error) {
	raw := cfg.Endpoint
	if raw == "" {
		if cfg.Region == "" {
			return "", errors.New("a region or an endpoint is required")
		}
		return "https://" + regionHost(cfg.Region), nil
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", errors.New("endpoint is not a valid URL") // never echo: it could hold user info
	case u.User != nil:
		return "", errors.New("endpoint must not contain user information")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("endpoint scheme %q is not http or https", u.Scheme)
	case u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "":
		return "", errors.New("endpoint must be scheme://host[:port] without a path or query")
	}
	return u.Scheme + "://" + u.Host, nil
}
