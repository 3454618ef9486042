package offlinelogs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/internal/tencent"
)

// The default emulator world (design §7): one domain and one L4 proxy per
// zone, one package per subject and hour.
const (
	testZone     = "zone-2z55fgysdtmc"
	testSite     = "example.com" // the site name of testZone, for 2022-01-06
	testDomain   = "domain.example.com"
	testProxy    = "sid-2s69eb5wcms7"
	otherZone    = "zone-2mzegj4vln5f"
	otherDomain  = "test-add4.wellsjiang.com"
	keyL7        = "teo:DownloadL7Logs"
	keyL4        = "teo:DownloadL4Logs"
	keyDownloads = "offline-logs:GET"
)

// startEmulator serves an emulator on loopback over real HTTP. Its clock is
// the real one: the TC3 signature check refuses a skew over 5 minutes.
func startEmulator(t testing.TB, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	return srv, ts.URL
}

func testClient(t testing.TB, url, version string) *tencent.Client {
	t.Helper()
	env := map[string]string{tencent.EnvSecretID: emulator.DefaultTencentSecretID, tencent.EnvSecretKey: emulator.DefaultTencentSecretKey}
	c, err := tencent.New(teo.Service, version, tencent.Config{Endpoint: url, Timeout: 5 * time.Second,
		Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fastRetry retries after a millisecond, so fault tests hardly sleep.
func fastRetry() retry.Policy {
	return retry.Policy{Tries: 10, Initial: time.Millisecond, Max: time.Millisecond}
}

func testLister(t testing.TB, url string) *Lister {
	return &Lister{
		API:    teo.NewAPI(testClient(t, url, teo.Version)),
		Legacy: teo.NewLegacyAPI(testClient(t, url, teo.LegacyVersion)),
		Limits: ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{}),
		Retry:  fastRetry(),
	}
}

// recentWindow is the last n hours, ending now.
func recentWindow(n int) (time.Time, time.Time) {
	now := time.Now().UTC()
	return now.Add(-time.Duration(n) * time.Hour), now
}

// recorder is a RoundTripper that records the requests it passes on.
type recorder struct {
	base http.RoundTripper
	mu   sync.Mutex
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Clone(context.Background()))
	r.mu.Unlock()
	return r.base.RoundTrip(req)
}

// ranges returns the Range headers sent, "" for none.
func (r *recorder) ranges() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, q := range r.reqs {
		out = append(out, q.Header.Get("Range"))
	}
	return out
}
