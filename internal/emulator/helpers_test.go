package emulator_test

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/logctl/logctl/internal/emulator"
)

// clock is real time plus an offset the test moves: the SDK signs with the
// real clock, so the emulator's must stay within the 5-minute skew.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
	frozen *time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen != nil {
		return *c.frozen
	}
	return time.Now().Add(c.offset)
}

// Freeze stops the clock, so that what depends on elapsed time (token
// buckets) does not depend on how fast the machine runs the test.
func (c *clock) Freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen == nil {
		t := time.Now().Add(c.offset)
		c.frozen = &t
	}
}

// Thaw starts the clock again from the instant it was frozen at.
func (c *clock) Thaw() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen != nil {
		c.offset = c.frozen.Sub(time.Now())
		c.frozen = nil
	}
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// env is an emulator on a loopback httptest server.
type env struct {
	t     *testing.T
	srv   *emulator.Server
	ts    *httptest.Server
	clock *clock
}

func newEnv(t *testing.T, opts emulator.Options) *env {
	t.Helper()
	c := &clock{}
	if opts.Now == nil {
		opts.Now = c.Now
	}
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	srv.SetBaseURL(ts.URL)
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return &env{t: t, srv: srv, ts: ts, clock: c}
}

func (e *env) host() string { return strings.TrimPrefix(e.ts.URL, "http://") }

// client is the official SDK's CommonClient pointed at the emulator.
func (e *env) client(region, id, key string) *common.Client {
	return common.NewCommonClient(common.NewCredential(id, key), region, e.profile())
}

func (e *env) profile() *profile.ClientProfile {
	return profileFor(e.host())
}

// clientFor is a default-credential SDK client for a base URL.
func clientFor(t *testing.T, base string) *common.Client {
	return common.NewCommonClient(common.NewCredential(emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey), "", profileFor(strings.TrimPrefix(base, "http://")))
}

func profileFor(host string) *profile.ClientProfile {
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = host
	prof.HttpProfile.Scheme = "HTTP"
	prof.HttpProfile.ReqTimeout = 10
	return prof
}

// call sends one action with the default credentials. params is a map, a
// JSON string or []byte. It returns Response (without the wrapper).
func (e *env) call(service, version, action, region string, params any) (map[string]any, error) {
	return e.callWith(e.client(region, emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey), service, version, action, params)
}

func (e *env) callWith(c *common.Client, service, version, action string, params any) (map[string]any, error) {
	req := tchttp.NewCommonRequest(service, version, action)
	if err := req.SetActionParameters(params); err != nil {
		e.t.Fatalf("SetActionParameters: %v", err)
	}
	resp := tchttp.NewCommonResponse()
	if err := c.Send(req, resp); err != nil {
		return nil, err
	}
	var out struct {
		Response map[string]any
	}
	if err := json.Unmarshal(resp.GetBody(), &out); err != nil {
		e.t.Fatalf("decode response: %v", err)
	}
	if out.Response["RequestId"] == "" || out.Response["RequestId"] == nil {
		e.t.Errorf("%s: response has no RequestId", action)
	}
	return out.Response, nil
}

// teo calls an EdgeOne 2022-09-01 action and fails the test on error.
func (e *env) teo(action string, params any) map[string]any {
	e.t.Helper()
	out, err := e.call("teo", "2022-09-01", action, "", params)
	if err != nil {
		e.t.Fatalf("%s: %v", action, err)
	}
	return out
}

// cls calls a CLS action in ap-guangzhou and fails the test on error.
func (e *env) cls(action string, params any) map[string]any {
	e.t.Helper()
	out, err := e.call("cls", "2020-10-16", action, "ap-guangzhou", params)
	if err != nil {
		e.t.Fatalf("%s: %v", action, err)
	}
	return out
}

// code is the Tencent error code of err ("" for nil).
func code(err error) string {
	if err == nil {
		return ""
	}
	var se *tcerr.TencentCloudSDKError
	if errors.As(err, &se) {
		return se.GetCode()
	}
	return "non-SDK error: " + err.Error()
}

// wantCode fails unless err carries the Tencent error code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := code(err); got != want {
		t.Errorf("error code = %q, want %q (err: %v)", got, want, err)
	}
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// jsonOf re-marshals a value for comparisons.
func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
