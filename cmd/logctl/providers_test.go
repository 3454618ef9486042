package main

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Targets of the emulator's default world (the vendor examples' ids).
var registryTargets = []reconcile.Target{
	{Kind: spec.KindDeliveryTask, ZoneID: "zone-2z55fgysdtmc"},
	{Kind: spec.KindExport, Region: "ap-guangzhou", TopicID: "ee20bb16-3025-4048-b81a-dd436373062e"},
	{Kind: spec.KindDump, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
}

func registryEmulator(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	srv, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	return srv, ts.URL
}

func registryEnv(m map[string]string) func(string) string {
	base := map[string]string{
		"TENCENTCLOUD_SECRET_ID": emulator.DefaultTencentSecretID, "TENCENTCLOUD_SECRET_KEY": emulator.DefaultTencentSecretKey,
		"HUAWEICLOUD_SDK_AK": emulator.DefaultHuaweiAK, "HUAWEICLOUD_SDK_SK": emulator.DefaultHuaweiSK,
	}
	for k, v := range m {
		base[k] = v
	}
	return func(k string) string { return base[k] }
}

// TestProvidersReadOneEndpoint: with opts.Endpoint (as --emulator gives)
// every kind reads the default world from one URL, concurrently.
func TestProvidersReadOneEndpoint(t *testing.T) {
	srv, url := registryEmulator(t)
	ps, err := newProviders(registryEnv(nil), providerOptions{Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3*len(registryTargets))
	for i := range errs {
		tg := registryTargets[i%len(registryTargets)]
		wg.Go(func() {
			if ps[tg.Kind] == nil || ps[tg.Kind].Kind() != tg.Kind {
				errs[i] = errors.New("no provider of kind " + string(tg.Kind))
				return
			}
			_, errs[i] = ps[tg.Kind].Read(context.Background(), tg)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	got := srv.Requests()
	for _, key := range []string{"teo:DescribeRealtimeLogDeliveryTasks", "cls:DescribeExports", "lts:GET /transfers"} {
		if got[key] != 3 {
			t.Errorf("%s requests = %d, want 3", key, got[key])
		}
	}
}

// TestProvidersEndpointVariables: each cloud follows its own variable.
func TestProvidersEndpointVariables(t *testing.T) {
	tencentSrv, tencentURL := registryEmulator(t)
	huaweiSrv, huaweiURL := registryEmulator(t)
	ps, err := newProviders(registryEnv(map[string]string{envTencentEndpoint: tencentURL, envHuaweiEndpoint: huaweiURL}), providerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range registryTargets {
		if _, err := ps[tg.Kind].Read(context.Background(), tg); err != nil {
			t.Fatalf("read %s: %v", tg, err)
		}
	}
	if n := len(tencentSrv.Requests()); n != 2 || tencentSrv.Requests()["lts:GET /transfers"] != 0 {
		t.Errorf("the Tencent endpoint got %v, want the teo and cls reads only", tencentSrv.Requests())
	}
	if got := huaweiSrv.Requests(); len(got) != 1 || got["lts:GET /transfers"] != 1 {
		t.Errorf("the Huawei endpoint got %v, want the LTS read only", got)
	}
}

// TestProvidersCredentialsPerCloud: half-set Tencent keys break only the
// Tencent kinds, with an auth error naming the variable and no secret.
func TestProvidersCredentialsPerCloud(t *testing.T) {
	_, url := registryEmulator(t)
	env := registryEnv(map[string]string{"TENCENTCLOUD_SECRET_KEY": ""})
	ps, err := newProviders(env, providerOptions{Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps[spec.KindDump].Read(context.Background(), registryTargets[2]); err != nil {
		t.Fatalf("dumps need no Tencent keys, but: %v", err)
	}
	for _, tg := range registryTargets[:2] {
		_, err := ps[tg.Kind].Read(context.Background(), tg)
		if !errors.Is(err, apierr.ErrAuth) || !strings.Contains(err.Error(), "TENCENTCLOUD_SECRET_KEY") {
			t.Errorf("read %s = %v, want ErrAuth naming TENCENTCLOUD_SECRET_KEY", tg, err)
		}
		if err != nil && (strings.Contains(err.Error(), emulator.DefaultTencentSecretID) || strings.Contains(err.Error(), emulator.DefaultHuaweiSK)) {
			t.Errorf("error shows a credential: %v", err)
		}
	}
}

func TestProvidersCreateAPI(t *testing.T) {
	if _, err := newProviders(registryEnv(nil), providerOptions{CreateAPI: "log-dumps"}); err == nil {
		t.Error("createApi log-dumps accepted; want an error")
	}
	srv, url := registryEmulator(t)
	ps, err := newProviders(registryEnv(nil), providerOptions{Endpoint: url, CreateAPI: "log-dump"})
	if err != nil {
		t.Fatal(err)
	}
	dump := &spec.Dump{Name: "app-logs-to-obs", Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef",
		LogGroupID: "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053", LogStreamIDs: []string{"45e7f609-xxxx-4cd3-835b-xxxx4a124718"},
		Bucket: "lts-test", Period: "5min"}
	if _, err := ps[spec.KindDump].Create(context.Background(), reconcile.Object{Dump: dump}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests(); got["lts:POST /log-dump/obs"] != 1 || got["lts:POST /transfers"] != 0 {
		t.Errorf("requests %v, want one POST /log-dump/obs", got)
	}
}
