package teo

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/providertest"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// The conformance zone holds 64 domains, one per Desired index, so that
// tasks never trip the one-cls-task-per-entity rule (edgeone-logs.md §8).
const (
	confZone  = "zone-3c0nf0rm4nce"
	confProxy = "sid-3c0nf0rm4nce"
)

func confDomain(i int) string { return fmt.Sprintf("d%02d.conformance.example", i) }

func confWorld() []byte {
	domains := make([]string, 64)
	for i := range domains {
		domains[i] = confDomain(i)
	}
	return fmt.Appendf(nil, "tencent:\n  zones:\n    - id: %s\n      domains: [%s]\n      l4Proxies: [%s]\n",
		confZone, strings.Join(domains, ", "), confProxy)
}

// confEnv starts an emulator on loopback and builds the provider (and an
// unpaced twin) against it with the emulator's default credentials.
func confEnv(t *testing.T, opts emulator.Options) providertest.Env {
	t.Helper()
	opts.World = confWorld()
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
	p, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.api.pageSize = 2 // exercise paging with a handful of tasks
	unpaced, err := New(cfg, ratelimit.NewSet(ratelimit.Vendor().Unlimited(), ratelimit.Clock{}))
	if err != nil {
		t.Fatal(err)
	}
	// Waiting for writes to show moves the emulator's clock instead. The
	// unpaced twin (the throttling control) does not wait: its waits would
	// refill the emulator's quota and hide the burst.
	p.SetSettle(tencent.Settle{Timeout: tencent.DefaultSettle().Timeout, Sleep: clk.Sleep})
	unpaced.SetSettle(tencent.Settle{Timeout: 0, Sleep: clk.Sleep})
	variants := confVariants()
	if opts.Semantics.RefuseLegacyLogTypes {
		// New tasks cannot use legacy log types there (lint says so too).
		variants = slices.DeleteFunc(variants, func(o reconcile.Object) bool { return o.Task.LogType == "domain" })
	}
	return providertest.Env{
		Provider: p, Server: srv, Unlimited: unpaced,
		Target:     reconcile.Target{Kind: spec.KindDeliveryTask, ZoneID: confZone},
		ReadAction: "teo:DescribeRealtimeLogDeliveryTasks", CreateAction: "teo:CreateRealtimeLogDeliveryTask",
		PageSize: 2, Desired: confTask, Change: confChange, Variants: variants,
	}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, func(t *testing.T) providertest.Env { return confEnv(t, emulator.Options{}) })
}

func TestCreateAnswerLost(t *testing.T) {
	providertest.RunOutcomeUnknown(t, confEnv(t, emulator.Options{FaultAfterCommit: 1}))
}

func confCLS() *spec.CLSDestination {
	return &spec.CLSDestination{LogSetID: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
		TopicID: "0b3a07c0-5cf6-4017-8a75-cd4459aea588", LogSetRegion: "ap-guangzhou"}
}

func confTask(i int) reconcile.Object {
	on := true
	return reconcile.Object{Task: &spec.DeliveryTask{
		Name: fmt.Sprintf("conformance-%02d", i), ZoneID: confZone, Type: "cls", LogType: "l7-access-logs",
		Area: "mainland", Entities: []string{confDomain(i)}, Fields: []string{"RequestID", "ClientIP", "RequestTime"},
		CustomFields: []spec.CustomField{{Name: "ReqHeader", Value: "Accept-Language", Enabled: &on}},
		CLS:          confCLS(),
	}}
}

// confChange changes every kind of mutable member: a list grows, one is
// cleared, one appears, the sample and the status change.
func confChange(o reconcile.Object) reconcile.Object {
	t := *o.Task
	off, sample := false, int64(500)
	t.Fields = append(append([]string(nil), t.Fields...), "ClientRegion")
	t.CustomFields = nil
	t.DeliveryConditions = []spec.DeliveryCondition{{Conditions: []spec.Condition{
		{Key: "EdgeResponseStatusCode", Operator: "great_equal", Value: []string{"500"}}}}}
	t.Sample, t.Enabled = &sample, &off
	return reconcile.Object{Task: &t}
}
