package reconcile_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// world gives the tests zones with several domains to move around, and a
// zone outside every scope with a task logctl must never touch.
const world = `
tencent:
  zones:
    - {id: zone-move, domains: [a.example.com, b.example.com, c.example.com, d.example.com, e1.example.com, e2.example.com, e3.example.com, e4.example.com, e5.example.com, e6.example.com, e7.example.com, e8.example.com, e9.example.com, e10.example.com, e11.example.com, e12.example.com]}
    - {id: zone-other, domains: [x.example.com]}
live:
  deliveryTasks:
    - {name: not-ours, zoneId: zone-other, type: log_analysis, logType: l7-access-logs, area: mainland, entities: [x.example.com], fields: [RequestID]}
`

type env struct {
	srv       *emulator.Server
	providers map[spec.Kind]reconcile.Provider
}

// newEnv is an emulator with the test world and a teo provider on it.
// Reads are consistent here: a write whose response was dropped before it
// was handled need not be looked for long before it is sent again.
func newEnv(t *testing.T, opts emulator.Options) *env {
	return newEnvSettle(t, opts, tencent.Settle{Timeout: time.Second})
}

func newEnvSettle(t *testing.T, opts emulator.Options, settle tencent.Settle) *env {
	t.Helper()
	opts.World = []byte(world)
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	srv.SetBaseURL(hs.URL)
	p, err := teo.New(tencent.Config{Endpoint: hs.URL, Timeout: 5 * time.Second,
		Getenv: envMap{"TENCENTCLOUD_SECRET_ID": "AKIDLOGCTLEMULATOR", "TENCENTCLOUD_SECRET_KEY": "logctl-emulator-secret"}.get}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.SetSettle(settle)
	return &env{srv: srv, providers: map[spec.Kind]reconcile.Provider{spec.KindDeliveryTask: p}}
}

type envMap map[string]string

func (m envMap) get(k string) string { return m[k] }

func parse(t *testing.T, yaml string) *spec.Document {
	t.Helper()
	doc, diags := spec.ParseBytes("test.yaml", []byte(yaml))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return doc
}

func fastRetry() retry.Policy {
	p := reconcile.DefaultRetry()
	p.Initial, p.Max, p.Tries = 5*time.Millisecond, 50*time.Millisecond, 12
	return p
}

// planAndApply runs one plan + apply round and returns the plan and results.
func (e *env) planAndApply(t *testing.T, doc *spec.Document) (*diff.Plan, []reconcile.Result) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r := &reconcile.Reader{Providers: e.providers, Retry: fastRetry()}
	targets := reconcile.Targets(doc)
	live, err := r.Read(ctx, targets)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	p := diff.Compute(doc, doc, live)
	a := &reconcile.Applier{Providers: e.providers, Retry: fastRetry(), Parallelism: 4}
	return p, a.Apply(ctx, p, doc, live)
}

func (e *env) mustConverge(t *testing.T, doc *spec.Document) {
	t.Helper()
	p, results := e.planAndApply(t, doc)
	for _, r := range results {
		if r.Status != reconcile.StatusDone {
			t.Fatalf("%s %s: %s: %v", r.Change.Action, r.Change.Name, r.Status, r.Err)
		}
	}
	if p, _ = e.planAndApply(t, doc); p.HasChanges() {
		t.Fatalf("plan after apply is not empty: %+v", p.Summary)
	}
}

func task(name string, entities ...string) string {
	return fmt.Sprintf("  - {name: %s, zoneId: zone-move, type: cls, logType: l7-access-logs, area: mainland, entities: [%s], fields: [RequestID], cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}\n",
		name, strings.Join(entities, ", "))
}

const header = "version: 1\nscopes: [{deliveryTasks: {zoneId: zone-move}}]\ndeliveryTasks:\n"

// Moving a domain from one task to another in one apply works because the
// release is ordered before the claim (the vendor allows one cls task per
// entity, log type and area).
func TestApplyMovesEntityBetweenTasks(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	e.mustConverge(t, parse(t, header+task("one", "a.example.com", "b.example.com")+task("two", "c.example.com")))
	// b stays, a moves from one to two; then every domain moves at once
	// and a new task claims two of them.
	e.mustConverge(t, parse(t, header+task("one", "b.example.com")+task("two", "c.example.com", "a.example.com")))
	e.mustConverge(t, parse(t, header+task("one", "c.example.com")+task("two", "a.example.com")+task("three", "b.example.com", "d.example.com")))
}

// A replace that the uniqueness rules forbid to overlap is done delete-first;
// one that may overlap is create-first. Both converge.
func TestApplyReplaces(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	e.mustConverge(t, parse(t, header+task("r", "a.example.com")))
	// Area change: the new task cannot clash with the old one.
	overseas := strings.Replace(task("r", "a.example.com"), "area: mainland", "area: overseas", 1)
	p, _ := e.planAndApply(t, parse(t, header+overseas))
	if c := p.Changes[0]; c.Action != diff.ActionReplace || c.ReplaceOrder != diff.CreateThenDelete {
		t.Fatalf("change = %+v", c)
	}
	e.mustConverge(t, parse(t, header+overseas))
	// CLS topic change in the same area: must delete first.
	moved := strings.Replace(overseas, "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "ee20bb16-3025-4048-b81a-dd436373062e", 1)
	p, _ = e.planAndApply(t, parse(t, header+moved))
	if c := p.Changes[0]; c.Action != diff.ActionReplace || c.ReplaceOrder != diff.DeleteThenCreate {
		t.Fatalf("change = %+v", c)
	}
	e.mustConverge(t, parse(t, header+moved))
}

// Chaos: with 20% injected faults and 10% of the mutating calls losing their
// response after the change was made, repeated applies converge with no
// duplicate and no deletion outside the scope.
func TestApplyChaosConverges(t *testing.T) {
	seeds := []int64{1, 2, 3, 4, 5, 6, 7, 8}
	if testing.Short() {
		seeds = seeds[:2]
	}
	// Three generations of the same zone: 12 creates, then 12 updates,
	// then 6 deletes (inside the scope).
	gen := func(n int, sample int) *spec.Document {
		var b strings.Builder
		b.WriteString(header)
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Replace(task(fmt.Sprintf("chaos-%d", i), fmt.Sprintf("e%d.example.com", i)),
				"fields:", fmt.Sprintf("sample: %d, fields:", sample), 1))
		}
		return parse(t, b.String())
	}
	adopted := 0
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			e := newEnv(t, emulator.Options{FaultRate: 0.2, FaultAfterCommit: 0.1, Seed: seed})
			for _, doc := range []*spec.Document{gen(12, 500), gen(12, 900), gen(6, 900)} {
				adopted += e.converge(t, doc, 8)
				assertNoDuplicates(t, e, "zone-move", len(doc.DeliveryTasks))
				assertSurvives(t, e, "zone-other", "not-ours")
			}
		})
	}
	t.Logf("creates adopted after a lost response, all seeds: %d", adopted)
	if !testing.Short() && adopted == 0 {
		t.Error("no create lost its response: the chaos test did not exercise find-before-retry")
	}
}

// converge applies until the plan is empty and returns how many creates
// were adopted after a lost response.
func (e *env) converge(t *testing.T, doc *spec.Document, rounds int) int {
	t.Helper()
	adopted := 0
	for round := 0; round < rounds; round++ {
		p, results := e.planAndApply(t, doc)
		if !p.HasChanges() {
			return adopted
		}
		for _, r := range results {
			if strings.Contains(r.Note, "found the created resource") {
				adopted++
			}
		}
	}
	t.Fatalf("did not converge in %d rounds", rounds)
	return adopted
}

func readZone(t *testing.T, e *env, zone string) []reconcile.Object {
	t.Helper()
	ctx := context.Background()
	var objs []reconcile.Object
	r := &reconcile.Reader{Providers: e.providers, Retry: fastRetry()}
	live, err := r.Read(ctx, []reconcile.Target{{Kind: spec.KindDeliveryTask, ZoneID: zone}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range live.DeliveryTasks {
		objs = append(objs, reconcile.Object{ID: live.DeliveryTasks[i].ID, Task: &live.DeliveryTasks[i].Task})
	}
	return objs
}

func assertNoDuplicates(t *testing.T, e *env, zone string, want int) {
	t.Helper()
	seen := map[string]int{}
	for _, o := range readZone(t, e, zone) {
		seen[o.Task.Name]++
	}
	for name, n := range seen {
		if n > 1 {
			t.Errorf("task %s exists %d times", name, n)
		}
	}
	if len(seen) != want {
		t.Errorf("want %d tasks, got %v", want, seen)
	}
}

func assertSurvives(t *testing.T, e *env, zone, name string) {
	for _, o := range readZone(t, e, zone) {
		if o.Task.Name == name {
			return
		}
	}
	t.Errorf("task %s in %s (outside every scope) was deleted", name, zone)
}

// Every mutating call loses its response after the change was made: each
// create is found by identity instead of being sent again.
func TestApplyFindsCreatesAfterLostResponse(t *testing.T) {
	e := newEnv(t, emulator.Options{FaultAfterCommit: 1, Seed: 7})
	doc := parse(t, header+task("lost-1", "a.example.com")+task("lost-2", "b.example.com"))
	_, results := e.planAndApply(t, doc)
	for _, r := range results {
		if r.Status != reconcile.StatusDone || !strings.Contains(r.Note, "found the created resource") {
			t.Errorf("%s: status %s, note %q, err %v", r.Change.Name, r.Status, r.Note, r.Err)
		}
		if r.LiveID == "" {
			t.Errorf("%s: no id recorded", r.Change.Name)
		}
	}
	assertCount(t, e, "zone-move", 2)
}

func assertCount(t *testing.T, e *env, zone string, want int) {
	t.Helper()
	if got := len(readZone(t, e, zone)); got != want {
		t.Errorf("zone %s has %d tasks, want %d", zone, got, want)
	}
}
