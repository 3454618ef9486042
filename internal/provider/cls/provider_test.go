package cls

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/providertest"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// The seed's topic (default world) and a second region for region routing.
const (
	confRegion  = "ap-guangzhou"
	confTopic   = "ee20bb16-3025-4048-b81a-dd436373062e"
	otherRegion = "ap-shanghai"
	otherTopic  = "5f0c4e2a-9b1d-4c3e-8f7a-6d2b1a0c9e8f"
)

const confWorld = `tencent:
  cls:
    - region: ap-shanghai
      logSets:
        - id: 7d3b2c1a-0e4f-4a5b-9c8d-1e2f3a4b5c6d
          topics: [5f0c4e2a-9b1d-4c3e-8f7a-6d2b1a0c9e8f]
`

// confProvider starts an emulator on loopback and builds a provider on it
// with the emulator's default credentials and the given rate limits.
func confProvider(t *testing.T, opts emulator.Options, limits *ratelimit.Set) (*Provider, *emulator.Server, tencent.Config) {
	t.Helper()
	opts.World = []byte(confWorld)
	clk := &providertest.Clock{}
	if opts.Now == nil {
		opts.Now = clk.Now
	}
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	env := map[string]string{tencent.EnvSecretID: emulator.DefaultTencentSecretID, tencent.EnvSecretKey: emulator.DefaultTencentSecretKey}
	cfg := tencent.Config{Endpoint: ts.URL, Timeout: 10 * time.Second, Getenv: func(k string) string { return env[k] }}
	p, err := New(cfg, limits)
	if err != nil {
		t.Fatal(err)
	}
	p.pageSize = 2 // exercise paging with a handful of exports
	// Waiting for writes to show moves the emulator's clock instead.
	p.SetSettle(tencent.Settle{Timeout: tencent.DefaultSettle().Timeout, Sleep: clk.Sleep})
	return p, srv, cfg
}

func confEnv(t *testing.T, opts emulator.Options) providertest.Env {
	p, srv, cfg := confProvider(t, opts, nil)
	unpaced, err := New(cfg, ratelimit.NewSet(ratelimit.Vendor().Unlimited(), ratelimit.Clock{}))
	if err != nil {
		t.Fatal(err)
	}
	// The throttling control must not wait: that would spread its burst.
	unpaced.SetSettle(tencent.Settle{Timeout: 0})
	return providertest.Env{
		Provider: p, Server: srv, Unlimited: unpaced,
		Target:     reconcile.Target{Kind: spec.KindExport, Region: confRegion, TopicID: confTopic},
		ReadAction: "cls:DescribeExports", CreateAction: "cls:CreateExport", PageSize: 2,
		Desired: confExport, Variants: confVariants(),
	}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, func(t *testing.T) providertest.Env { return confEnv(t, emulator.Options{}) })
}

func TestCreateAnswerLost(t *testing.T) {
	providertest.RunOutcomeUnknown(t, confEnv(t, emulator.Options{FaultAfterCommit: 1}))
}

// confExport is the seed's export with a distinct query per index.
func confExport(i int) reconcile.Object {
	count := int64(100)
	from, _ := spec.ParseTimestamp("2020-12-09T07:31:47Z")
	to, _ := spec.ParseTimestamp("2020-12-09T07:33:27Z")
	return reconcile.Object{Export: &spec.Export{Name: fmt.Sprintf("status-%d", 200+i), Region: confRegion,
		TopicID: confTopic, Query: fmt.Sprintf("status:%d", 200+i), Count: &count, From: from, To: to}}
}

func confVariants() []reconcile.Object {
	big, one, zero := int64(MaxCount), int64(1), int64(0)
	from, _ := spec.ParseTimestamp("2024-02-29T23:59:59.250+08:00")
	to := spec.TimestampFromMillis(from.Millis + 90_000)
	return []reconcile.Object{
		{Export: &spec.Export{Name: "cql-csv-asc", Region: confRegion, TopicID: confTopic, Query: `method:"GET" AND status:>=500`,
			Count: &big, From: from, To: to, Order: "asc", Format: "csv", SyntaxRule: &one, DerivedFields: []string{"timestamp", "status"}}},
		{Export: &spec.Export{Name: "explicit-defaults", Region: confRegion, TopicID: confTopic, Query: "*",
			Count: &one, From: spec.TimestampFromMillis(1607499107000), To: spec.TimestampFromMillis(1607499207000),
			Order: "desc", Format: "json", SyntaxRule: &zero, DerivedFields: []string{}}},
	}
}

// TestRegionsHaveTheirOwnClient: a topic is read, created in and deleted
// from its own region, with one client per region built once even when
// regions are first used concurrently.
func TestRegionsHaveTheirOwnClient(t *testing.T) {
	p, _, _ := confProvider(t, emulator.Options{}, nil)
	ctx := t.Context()
	other := confExport(0)
	e := *other.Export
	e.Region, e.TopicID = otherRegion, otherTopic
	other.Export = &e
	var wg sync.WaitGroup
	apis := make([]*API, 16)
	for i := range apis {
		wg.Go(func() { apis[i], _ = p.api([]string{confRegion, otherRegion}[i%2]) })
	}
	wg.Wait()
	for i, a := range apis {
		if a == nil || a != apis[i%2] {
			t.Fatalf("api call %d returned %p, want the cached %p", i, a, apis[i%2])
		}
	}
	id, err := p.Create(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	here, err := p.Read(ctx, reconcile.Target{Kind: spec.KindExport, Region: confRegion, TopicID: confTopic})
	if err != nil || len(here) != 0 {
		t.Fatalf("read %s = %d exports, %v; want none", confRegion, len(here), err)
	}
	there, err := p.Read(ctx, reconcile.Target{Kind: spec.KindExport, Region: otherRegion, TopicID: otherTopic})
	if err != nil || len(there) != 1 || there[0].ID != id || there[0].Export.Region != otherRegion {
		t.Fatalf("read %s = %+v, %v; want the export %s in that region", otherRegion, there, err, id)
	}
	if err := p.Delete(ctx, there[0]); err != nil {
		t.Fatal(err)
	}
}
