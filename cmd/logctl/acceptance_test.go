package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// The acceptance suite, in the style of Terraform's TF_ACC: with
// LOGCTL_ACC=1 the convergence scenario runs against the real APIs, in the
// sandbox the LOGCTL_ACC_* variables name, with the credentials of the
// environment, after the provider conformance steps that need no emulator
// (acceptance_conf_test.go). It creates only resources whose name (tasks) or query
// (exports) starts with "logctl-acc-", and dumps only on the sandbox's
// streams, and deletes them afterwards even when it fails (t.Cleanup).
// Without LOGCTL_ACC the same suite, cleanup included, runs against the
// in-process emulator, so the path cannot rot in CI. README: "Verifying
// against your account".
const (
	accEnable = "LOGCTL_ACC"
	accPrefix = "logctl-acc-"
)

// accVars are the sandbox variables, for the README and the error that
// lists what is missing.
var accVars = []string{
	"LOGCTL_ACC_ZONE", "LOGCTL_ACC_DOMAINS", "LOGCTL_ACC_L4_PROXY",
	"LOGCTL_ACC_CLS_REGION", "LOGCTL_ACC_LOGSET", "LOGCTL_ACC_TOPIC",
	"LOGCTL_ACC_HUAWEI_REGION", "LOGCTL_ACC_PROJECT", "LOGCTL_ACC_LOG_GROUPS", "LOGCTL_ACC_BUCKETS",
}

func TestAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance suite: not in -short")
	}
	t.Parallel() // mostly waits on the client's pacing
	var (
		sb  sandbox
		env []string
	)
	if os.Getenv(accEnable) == "1" {
		sb, env = accSandbox(t)
	} else {
		// The emulator stands in for the account: no scopes, cleanup by
		// the provider calls, exactly as against a shared account.
		sb, env = startConvEmulator(t, semantics.Semantics{})
		sb.scopes = false
	}
	t.Cleanup(func() { cleanSandbox(t, sb, env) })
	runConformance(t, sb, env)
	if t.Failed() {
		return
	}
	runConvergence(t, t.TempDir(), sb, env)
}

// accSandbox reads the sandbox from LOGCTL_ACC_*. LOGCTL_ACC_LOG_GROUPS is
// "group:stream|stream,group:stream|...": one dump per stream, spread over
// LOGCTL_ACC_BUCKETS (comma-separated). LOGCTL_ACC_SCOPES=1 lets the
// repository own the zone, topic and log groups (deleting there whatever it
// does not declare): only for a sandbox that holds nothing else.
// LOGCTL_ACC_SITE (the zone's site name) adds the offline log checks.
func accSandbox(t *testing.T) (sandbox, []string) {
	var missing []string
	get := func(k string) string {
		v := strings.TrimSpace(os.Getenv(k))
		if v == "" {
			missing = append(missing, k)
		}
		return v
	}
	sb := sandbox{
		zoneID: get("LOGCTL_ACC_ZONE"), domains: splitList(get("LOGCTL_ACC_DOMAINS")),
		l4Proxy: get("LOGCTL_ACC_L4_PROXY"), clsRegion: get("LOGCTL_ACC_CLS_REGION"),
		logSetID: get("LOGCTL_ACC_LOGSET"), topicID: get("LOGCTL_ACC_TOPIC"),
		region: get("LOGCTL_ACC_HUAWEI_REGION"), projectID: get("LOGCTL_ACC_PROJECT"),
		buckets: splitList(get("LOGCTL_ACC_BUCKETS")), site: os.Getenv("LOGCTL_ACC_SITE"),
		scopes: os.Getenv("LOGCTL_ACC_SCOPES") == "1", prefix: accPrefix,
	}
	for _, g := range splitList(get("LOGCTL_ACC_LOG_GROUPS")) {
		id, streams, _ := strings.Cut(g, ":")
		sb.groups = append(sb.groups, logGroup{id: id, streams: strings.Split(streams, "|")})
	}
	if len(missing) > 0 {
		t.Fatalf("%s=1 needs %s (see README, Verifying against your account)", accEnable, strings.Join(missing, ", "))
	}
	if len(sb.domains) < 3 || sb.dumpSlots() == 0 {
		t.Fatalf("the sandbox needs 3 domains in LOGCTL_ACC_DOMAINS and at least one group:stream in LOGCTL_ACC_LOG_GROUPS")
	}
	env := append(os.Environ(), "NO_COLOR=1",
		"CONV_ACCESS_ID=logctl-acc-id", "CONV_ACCESS_KEY=logctl-acc-key", "CONV_TOKEN=Bearer logctl-acc",
		"CONV_S3_ID=logctl-acc-s3-id", "CONV_S3_KEY=logctl-acc-s3-key")
	return sb, env
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// sandboxTargets are the zone, topic and project of the sandbox.
func sandboxTargets(sb sandbox) []reconcile.Target {
	var groups []string
	for _, g := range sb.groups {
		groups = append(groups, g.id)
	}
	return []reconcile.Target{
		{Kind: spec.KindDeliveryTask, ZoneID: sb.zoneID},
		{Kind: spec.KindExport, Region: sb.clsRegion, TopicID: sb.topicID},
		{Kind: spec.KindDump, Region: sb.region, ProjectID: sb.projectID, LogGroups: groups},
	}
}

// ours: what the suite may have created, and only that.
func (sb sandbox) ours(o reconcile.Object) bool {
	switch {
	case o.Task != nil:
		return strings.HasPrefix(o.Task.Name, sb.prefix)
	case o.Export != nil:
		return strings.HasPrefix(o.Export.Query, sb.prefix)
	case o.Dump != nil:
		return len(o.Dump.LogStreamIDs) == 1 && sb.ownsStream(o.Dump.LogGroupID, o.Dump.LogStreamIDs[0])
	}
	return false
}

// cleanSandbox deletes every resource of the suite, then reads again until
// none is left (a vendor may delete asynchronously).
func cleanSandbox(t *testing.T, sb sandbox, env []string) {
	providers, err := newProviders(envLookup(env), providerOptions{Timeout: 30 * time.Second})
	if err != nil {
		t.Errorf("cleanup: %v", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	left := func(del bool) (int, error) {
		n := 0
		for _, tg := range sandboxTargets(sb) {
			objs, err := providers[tg.Kind].Read(ctx, tg)
			if err != nil {
				return n, fmt.Errorf("read %s: %w", tg, err)
			}
			for _, o := range objs {
				if !sb.ours(o) || gone(o.Status) {
					continue
				}
				n++
				if del {
					if err := providers[tg.Kind].Delete(ctx, o); err != nil {
						t.Logf("cleanup: delete %s %s: %v", o.Kind(), o.ID, err)
					}
				}
			}
		}
		return n, nil
	}
	deleted, err := left(true)
	if err != nil {
		t.Errorf("cleanup: %v", err)
		return
	}
	for {
		n, err := left(false)
		if err == nil && n == 0 {
			t.Logf("cleanup: %d resources deleted, none left", deleted)
			return
		}
		if ctx.Err() != nil {
			t.Errorf("cleanup: %d resources of the suite still live (%v); delete the logctl-acc-* resources by hand", n, err)
			return
		}
		time.Sleep(time.Second)
	}
}
