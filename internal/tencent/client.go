package tencent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// Client calls one API 3.0 service version. It is safe for concurrent use.
type Client struct {
	service string
	version string
	region  string
	host    string
	timeout time.Duration
	sdk     *common.Client
}

// New builds a client for service (e.g. "teo") at version (e.g.
// "2022-09-01"). It resolves credentials once; it makes no network call
// unless the fallback chain asks the CVM metadata service.
func New(service, version string, cfg Config) (*Client, error) {
	if service == "" || version == "" {
		return nil, errors.New("tencent client: service and version are required")
	}
	ep, err := cfg.resolveEndpoint(service)
	if err != nil {
		return nil, fmt.Errorf("tencent client %s: %w", service, err)
	}
	cred, err := cfg.resolveCredential()
	if err != nil {
		return nil, err
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = ep.host
	prof.HttpProfile.Scheme = ep.scheme
	// Deadlines come from the per-call context; 0 disables the SDK's
	// http.Client timeout so the two cannot race.
	prof.HttpProfile.ReqTimeout = 0
	// Retries stay with the reconcile layer (find-before-retry); these are the
	// SDK defaults, set explicitly because a retried create could duplicate.
	prof.RateLimitExceededMaxRetries = 0
	prof.NetworkFailureMaxRetries = 0
	prof.UnsafeRetryOnConnectionFailure = false
	prof.DisableRegionBreaker = true
	// Vendor messages are shown to users; ask for English (api3.md §1: zh-CN|en-US).
	prof.Language = "en-US"
	sdk := common.NewCommonClient(cred, cfg.Region, prof).
		WithHttpTransport(fastDecoder{base: apierr.Transport{Base: cfg.transport()}})
	return &Client{
		service: service, version: version, region: cfg.Region,
		host: ep.host, timeout: cfg.timeout(), sdk: sdk,
	}, nil
}

// Service is the API service name, e.g. "cls".
func (c *Client) Service() string { return c.service }

// Version is the API version, e.g. "2020-10-16".
func (c *Client) Version() string { return c.version }

// Region is the region sent as X-TC-Region ("" for none).
func (c *Client) Region() string { return c.region }

// Host is the endpoint host[:port] the client talks to.
func (c *Client) Host() string { return c.host }

// Call invokes action with req marshalled as the JSON body and decodes the
// object inside "Response" into resp (a pointer; nil to discard). The call is
// bounded by the client's timeout in addition to ctx. Errors are *APIError,
// *apierr.HTTPError or *apierr.NetworkError, all classified for errors.Is.
func (c *Client) Call(ctx context.Context, action string, req, resp any) error {
	body := []byte("{}")
	if req != nil {
		b, err := json.Marshal(req)
		if err != nil {
			return fmt.Errorf("%s %s: encode request: %w", c.service, action, err)
		}
		body = b
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	ctx, tr := apierr.WithTrace(ctx)
	ctx, job := withDecodeJob(ctx, resp)

	r := &rawRequest{BaseRequest: &tchttp.BaseRequest{}, payload: body}
	r.Init().WithApiInfo(c.service, c.version, action)
	r.SetContext(ctx)
	sink := &responseSink{BaseResponse: &tchttp.BaseResponse{}, out: resp, job: job}
	if err := c.sdk.Send(r, sink); err != nil {
		if sink.err != nil {
			return &apierr.HTTPError{Op: c.service + " " + action, Host: c.host,
				Status: tr.Status(), Detail: sink.err.Error()}
		}
		return c.wrapError(action, tr, err)
	}
	return nil
}

// rawRequest is an SDK request whose body is bytes we marshalled ourselves:
// the SDK marshals the request with its own JSON package, which honours
// MarshalJSON, so the body keeps struct order and exact integers (a
// CommonRequest would round-trip it through a map of float64s).
type rawRequest struct {
	*tchttp.BaseRequest
	payload []byte
}

// MarshalJSON returns the pre-marshalled body.
func (r *rawRequest) MarshalJSON() ([]byte, error) { return r.payload, nil }

// responseSink receives the response body after the SDK has checked it for
// an Error object, and decodes the "Response" member into out, unless the
// transport already did (decode.go).
type responseSink struct {
	*tchttp.BaseResponse
	out any
	job *decodeJob // nil when out's type cannot take the fast path
	err error      // decode failure, kept here because the SDK's message quotes the body
}

// UnmarshalJSON implements json.Unmarshaler for the SDK's decoder.
func (s *responseSink) UnmarshalJSON(b []byte) error {
	if s.job != nil && s.job.done {
		return nil
	}
	var env struct {
		Response json.RawMessage `json:"Response"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		s.err = fmt.Errorf("decode response envelope: %w", err)
		return s.err
	}
	if len(env.Response) == 0 || string(env.Response) == "null" {
		s.err = errors.New("response has no Response object")
		return s.err
	}
	if s.out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Response, s.out); err != nil {
		s.err = fmt.Errorf("decode response: %w", err)
		return s.err
	}
	return nil
}
