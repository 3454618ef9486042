package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// mixedCloud is a live state for estate(t, 3, 4, 2) plus an unscoped zone:
// unchanged, changed and stray tasks, an export already made, a stray dump.
func mixedCloud(t *testing.T, dir string) *fakeCloud {
	t.Helper()
	writeFile(t, dir, "free.yaml", "version: 1\ndeliveryTasks:\n  - "+task("free-1", freeZone, "f1.example.com")+"\n")
	cloud := &fakeCloud{}
	cloud.add(liveTask("task-0-0", zone(0), "d0-0.example.com"))
	changed := liveTask("task-1-1", zone(1), "d1-1.example.com")
	changed.Task.Fields = []string{"RequestID", "ClientIP"}
	cloud.add(changed)
	cloud.add(liveTask("stray", zone(2), "s.example.com"))
	cloud.add(liveTask("console", freeZone, "c.example.com"))
	count := int64(10)
	cloud.add(reconcile.Object{Export: &spec.Export{Region: "ap-guangzhou", TopicID: "ee20bb16-3025-4048-b81a-000000000001", Query: "status:200",
		Count: &count, From: spec.TimestampFromMillis(1607499107000), To: spec.TimestampFromMillis(1607499207000), Order: "desc", Format: "json"}})
	cloud.add(reconcile.Object{Dump: &spec.Dump{Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef",
		LogGroupID: "d9dba9f3-0000-48bd-0000-000000000000", LogStreamIDs: []string{"other-stream"}, Bucket: "lts-x", StorageFormat: "RAW", Period: "5min"}})
	return cloud
}

// TestPlanByTargetIsThePlanOfTheWhole checks that the plan made target by
// target is the plan diff.Compute makes of the whole estate at once.
func TestPlanByTargetIsThePlanOfTheWhole(t *testing.T) {
	dir := estate(t, 3, 4, 2)
	cloud := mixedCloud(t, dir)
	ctx := context.Background()
	e := &Engine{Providers: cloud.providers, Lookup: func(string) (string, bool) { return "", false }}
	pl, err := e.Plan(ctx, PlanRequest{Paths: []string{dir}, ForApply: true})
	if err != nil {
		t.Fatal(err)
	}
	raw, _, err := spec.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	resolved, _ := raw.Resolve(e.Lookup)
	providers, _ := cloud.providers(raw)
	live, err := (&reconcile.Reader{Providers: providers}).Read(ctx, reconcile.Targets(resolved))
	if err != nil {
		t.Fatal(err)
	}
	want := diff.Compute(resolved, raw, live)
	if d := cmp.Diff(want, pl.Plan); d != "" {
		t.Errorf("plan by target differs from the plan of the whole (-whole +by target):\n%s", d)
	}
	s := pl.Plan.Summary
	if s.Create == 0 || s.Update == 0 || s.Delete == 0 || s.Noop == 0 || len(pl.Plan.Unmanaged) == 0 || len(pl.Plan.Scopes) == 0 {
		t.Errorf("the estate does not exercise every outcome: %+v, %d unmanaged, %d scopes", s, len(pl.Plan.Unmanaged), len(pl.Plan.Scopes))
	}
	if d := cmp.Diff(live, pl.live); d != "" {
		t.Errorf("live state kept for apply differs (-read +kept):\n%s", d)
	}
}

// TestPlanLetsTargetsGo plans an estate of many targets and checks, with
// the collector, that a target's live state is let go once planned: at
// most the read window's worth (Engine.ReadWindow) is held at once, and
// none once the plan is done. A plan for apply keeps the live state.
func TestPlanLetsTargetsGo(t *testing.T) {
	const zones = 12
	for _, forApply := range []bool{false, true} {
		t.Run(fmt.Sprintf("forApply=%v", forApply), func(t *testing.T) {
			dir := estate(t, zones, 3, 0)
			cloud := &fakeCloud{}
			for z := range zones {
				for i := range 3 {
					cloud.add(liveTask(fmt.Sprintf("task-%d-%d", z, i), zone(z), fmt.Sprintf("d%d-%d.example.com", z, i)))
				}
			}
			var held, maxHeld, read atomic.Int32
			// A window of 6 resources: two zones of 3 at a time.
			e := &Engine{Providers: cloud.providers, ReadWindow: 6, Observer: Observer{
				TargetRead: func(_ reconcile.Target, live *diff.Live) {
					read.Add(1)
					if len(live.DeliveryTasks) == 0 {
						return
					}
					held.Add(1)
					// The task array goes when nothing holds the target's
					// live state any more.
					runtime.AddCleanup(&live.DeliveryTasks[0], func(*atomic.Int32) { held.Add(-1) }, &held)
				},
				TargetDone: func(reconcile.Target) {
					collect()
					maxHeld.Store(max(maxHeld.Load(), held.Load()))
				},
			}}
			pl, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}, ForApply: forApply})
			if err != nil {
				t.Fatal(err)
			}
			collect()
			if read.Load() != zones+1 {
				t.Fatalf("%d targets read, want %d", read.Load(), zones+1)
			}
			const window = 2
			if !forApply && (maxHeld.Load() > window || held.Load() != 0) {
				t.Errorf("held at most %d targets' live state (want ≤ %d) and %d after the plan (want 0)", maxHeld.Load(), window, held.Load())
			}
			t.Logf("held at most %d targets' live state at once", maxHeld.Load())
			if forApply && (pl.live == nil || len(pl.live.DeliveryTasks) != zones*3) {
				t.Errorf("a plan for apply keeps the live state of every target")
			}
			runtime.KeepAlive(pl)
		})
	}
}

// collect runs the collector until the cleanups it queued have run.
func collect() {
	for range 3 {
		runtime.GC()
		runtime.Gosched()
	}
}

// TestLiveFindingsByTarget checks that the live pass, run one target at a
// time, places its findings at the resources' paths in the whole files.
func TestLiveFindingsByTarget(t *testing.T) {
	dir := estate(t, 3, 2, 0)
	writeFile(t, dir, "zz-free.yaml", "version: 1\ndeliveryTasks:\n  - "+task("free-0", freeZone, "f0.example.com")+"\n  - "+task("free-1", freeZone, "f1.example.com")+"\n")
	cloud := &fakeCloud{}
	cloud.add(liveTask("console", freeZone, "f1.example.com"))
	cloud.add(reconcile.Object{Dump: &spec.Dump{Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef", LogGroupID: "d9dba9f3-0000-48bd-0000-000000000000",
		LogStreamIDs: []string{"45e7f609-0000-4cd3-835b-000000000000"}, Bucket: "lts-other", StorageFormat: "RAW", Period: "5min"}})
	var got []string
	e := &Engine{Providers: cloud.providers, Observer: Observer{LiveFindings: func(fs []policy.Finding, _ *spec.Document) error {
		for _, f := range fs {
			got = append(got, fmt.Sprintf("%s %s %s", f.Rule, f.Path, f.Pos))
		}
		return nil
	}}}
	_, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}})
	if !errors.Is(err, ErrDenied) {
		t.Fatalf("err = %v, want the live findings to deny", err)
	}
	// 3 zones × 2 tasks come first: free-1 is deliveryTasks[7].
	want := []string{
		"lts.stream-unique dumps[0].logStreamIds[0] " + filepath.Join(dir, "logs.yaml") + ":17:85",        // the dump line, its stream
		"teo.entity-unique deliveryTasks[7].entities[0] " + filepath.Join(dir, "zz-free.yaml") + ":4:110", // free-1, its entity
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("live findings (-want +got):\n%s", d)
	}
}

// TestPlanResolvesEachTarget plans files whose zones, URLs and secrets are
// ${env:} references. A plan only to show resolves each target as it
// diffs it; one for apply keeps the whole resolved copy: both must make
// the same plan, the live task whose URL is the resolved one unchanged.
func TestPlanResolvesEachTarget(t *testing.T) {
	env := map[string]string{"ZONE_A": zone(0), "ZONE_B": zone(1), "HOST": "logs.example.com", "EP_ID": "id-1", "EP_KEY": "key-1"}
	endpoint := func(name, zoneRef string) string {
		return "{name: " + name + ", zoneId: \"${env:" + zoneRef + "}\", type: custom_endpoint, logType: l7-access-logs, area: mainland, " +
			"entities: [" + name + ".example.com], fields: [RequestID], logFormat: {formatType: json}, " +
			"customEndpoint: {url: \"https://${env:HOST}/ingest\", accessId: \"${env:EP_ID}\", accessKey: \"${env:EP_KEY}\"}}"
	}
	dir := t.TempDir()
	writeFile(t, dir, "logs.yaml", "version: 1\nscopes:\n  - {deliveryTasks: {zoneId: \"${env:ZONE_A}\"}}\n  - {deliveryTasks: {zoneId: \"${env:ZONE_B}\"}}\n"+
		"deliveryTasks:\n  - "+endpoint("ep-a", "ZONE_A")+"\n  - "+endpoint("ep-b", "ZONE_B")+"\n  - "+task("cls-b", zone(1), "cls-b.example.com")+"\n")
	live := reconcile.Object{Task: &spec.DeliveryTask{Name: "ep-a", ZoneID: zone(0), Type: "custom_endpoint", LogType: "l7-access-logs", Area: "mainland",
		Entities: []string{"ep-a.example.com"}, Fields: []string{"RequestID"}, LogFormat: &spec.LogFormat{FormatType: "json"},
		CustomEndpoint: &spec.CustomEndpoint{URL: "https://logs.example.com/ingest", AccessID: "id-1", AccessKey: "key-1"}}}
	plans := map[bool]string{}
	for _, forApply := range []bool{false, true} {
		cloud := &fakeCloud{}
		cloud.add(live)
		e := &Engine{Providers: cloud.providers, Lookup: func(name string) (string, bool) { v, ok := env[name]; return v, ok }}
		pl, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}, ForApply: forApply})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%+v\n", pl.Plan.Summary)
		for _, c := range pl.Plan.Changes {
			fmt.Fprintf(&b, "%s %s %s %s\n", c.Action, c.Name, c.Place, c.LiveID)
			for _, f := range c.Fields {
				fmt.Fprintf(&b, "  %s: %q -> %q\n", f.Path, f.Before, f.After)
			}
		}
		plans[forApply] = b.String()
		if strings.Contains(b.String(), "${env:") {
			t.Errorf("forApply=%v: a reference is left in the plan:\n%s", forApply, b.String())
		}
		if want := (diff.Summary{Create: 2, Noop: 1}); pl.Plan.Summary != want {
			t.Errorf("forApply=%v: summary = %+v, want %+v\n%s", forApply, pl.Plan.Summary, want, b.String())
		}
	}
	if plans[false] != plans[true] {
		t.Errorf("the plan to show differs from the plan to apply:\n%s\nwant\n%s", plans[false], plans[true])
	}
}
