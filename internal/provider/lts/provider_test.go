package lts

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/providertest"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// The conformance log group holds 64 streams and the project 64 buckets,
// one per Desired index: a stream belongs to one transfer only (LTS.0207)
// and a dump's identity includes its bucket.
const (
	confProject = "0123456789abcdef0123456789abcdef"
	confRegion  = "cn-north-4"
	confGroup   = "c0f0a11d-0000-4000-8000-000000000000"
)

func confStream(i int) string { return fmt.Sprintf("c0f05eed-0000-4000-8000-0000000000%02d", i) }
func confBucket(i int) string { return fmt.Sprintf("conformance-bucket-%02d", i) }

func confWorld() []byte {
	streams, buckets := make([]string, 64), make([]string, 64)
	for i := range streams {
		streams[i], buckets[i] = confStream(i), confBucket(i)
	}
	return fmt.Appendf(nil, "huawei:\n  projects:\n    - id: %s\n      region: %s\n      logGroups:\n        - {id: %s, streams: [%s]}\n      buckets: [%s]\n",
		confProject, confRegion, confGroup, strings.Join(streams, ", "), strings.Join(buckets, ", "))
}

// confProvider starts an emulator on loopback and builds a provider on it
// with the emulator's default AK/SK.
func confProvider(t *testing.T, opts emulator.Options, createAPI string) (*Provider, *emulator.Server) {
	t.Helper()
	opts.World = confWorld()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	env := map[string]string{EnvAK: emulator.DefaultHuaweiAK, EnvSK: emulator.DefaultHuaweiSK}
	p, err := New(Config{Endpoint: ts.URL, Timeout: 10 * time.Second, Getenv: func(k string) string { return env[k] }}, createAPI, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p, srv
}

func confEnv(t *testing.T, opts emulator.Options, createAPI string) providertest.Env {
	p, srv := confProvider(t, opts, createAPI)
	create := "lts:POST /transfers"
	if createAPI == CreateAPILogDump {
		create = "lts:POST /log-dump/obs"
	}
	return providertest.Env{
		Provider: p, Server: srv,
		Target:     reconcile.Target{Kind: spec.KindDump, Region: confRegion, ProjectID: confProject},
		ReadAction: "lts:GET /transfers", CreateAction: create, ConfirmsEnd: true,
		Desired: confDump, Change: confChange, Variants: confVariants(),
	}
}

// TestConformance runs the suite once per create API: a dump created
// through either reads back the same (design §3).
func TestConformance(t *testing.T) {
	for _, api := range []string{CreateAPITransfers, CreateAPILogDump} {
		t.Run(api, func(t *testing.T) {
			providertest.Run(t, func(t *testing.T) providertest.Env { return confEnv(t, emulator.Options{}, api) })
		})
	}
}

func TestCreateAnswerLost(t *testing.T) {
	for _, api := range []string{CreateAPITransfers, CreateAPILogDump} {
		t.Run(api, func(t *testing.T) {
			providertest.RunOutcomeUnknown(t, confEnv(t, emulator.Options{FaultAfterCommit: 1}, api))
		})
	}
}

func confDump(i int) reconcile.Object {
	return reconcile.Object{Dump: &spec.Dump{Name: fmt.Sprintf("dump-%02d", i), Region: confRegion, ProjectID: confProject,
		LogGroupID: confGroup, LogStreamIDs: []string{confStream(i)}, Bucket: confBucket(i),
		StorageFormat: "RAW", PrefixName: "fileprefixname", Period: "5min"}}
}

// confChange changes every updatable member: streams, format, status,
// period, and one prefix cleared while the other appears.
func confChange(o reconcile.Object) reconcile.Object {
	d := *o.Dump
	off := false
	d.LogStreamIDs = append([]string{confStream(63)}, d.LogStreamIDs...)
	d.StorageFormat, d.Enabled, d.Period = "JSON", &off, "1hour"
	d.PrefixName, d.DirPrefixName = "", "dirprefixname"
	return reconcile.Object{Dump: &d}
}

func confVariants() []reconcile.Object {
	off, on := false, true
	return []reconcile.Object{
		{Dump: &spec.Dump{Name: "defaults", Region: confRegion, ProjectID: confProject, LogGroupID: confGroup,
			LogStreamIDs: []string{confStream(50)}, Bucket: confBucket(50), Period: "2min"}},
		{Dump: &spec.Dump{Name: "json-disabled-12h", Region: confRegion, ProjectID: confProject, LogGroupID: confGroup,
			LogStreamIDs: []string{confStream(53), confStream(51), confStream(52)}, Bucket: confBucket(51),
			StorageFormat: "JSON", Enabled: &off, DirPrefixName: "dir", Period: "12hour"}},
		{Dump: &spec.Dump{Name: "enabled-30min", Region: confRegion, ProjectID: confProject, LogGroupID: confGroup,
			LogStreamIDs: []string{confStream(54)}, Bucket: confBucket(52), Enabled: &on,
			PrefixName: "p", DirPrefixName: "d", Period: "30min"}},
	}
}
