package reconcile_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/provider/providertest"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
)

func newSemEnv(t *testing.T, sem semantics.Semantics) *env {
	return newSemEnvWith(t, emulator.Options{Semantics: sem}, &providertest.Clock{})
}

// newSemEnvWith is newEnv on clk: the provider's waits for lagging reads
// move the emulator's clock instead of waiting.
func newSemEnvWith(t *testing.T, opts emulator.Options, clk *providertest.Clock) *env {
	opts.Now = clk.Now
	return newEnvSettle(t, opts, tencent.Settle{Timeout: tencent.DefaultSettle().Timeout, Sleep: clk.Sleep})
}

// The first generation sets every optional member; the second removes them
// all, moves a CLS task to another topic (a delete-first replace) and drops
// a task inside the scope.
const (
	semFull = header + `  - name: ep
    zoneId: zone-move
    type: custom_endpoint
    logType: l7-access-logs
    area: mainland
    entities: [a.example.com]
    fields: [RequestID, ClientIP]
    sample: 500
    customFields: [{name: ReqHeader, value: Accept, enabled: true}]
    deliveryConditions: [{conditions: [{key: SecurityAction, operator: equal, value: [Deny]}]}]
    logFormat: {formatType: csv, fieldDelimiter: ","}
    customEndpoint: {url: "https://logs.example.com/in", accessId: id-1, accessKey: key-1, compressType: gzip, headers: [{name: X-A, value: "1"}]}
  - name: s3
    zoneId: zone-move
    type: s3
    logType: l7-access-logs
    area: mainland
    entities: [b.example.com]
    fields: [RequestID]
    logFormat: {formatType: json, recordDelimiter: "\t"}
    s3: {endpoint: "https://s3.example.com", region: r1, bucket: bucket/dir/, accessId: s3-id, accessKey: s3-key, compressType: gzip}
` + cls1 + `  - {name: gone, zoneId: zone-move, type: cls, logType: l7-access-logs, area: mainland, entities: [d.example.com], fields: [RequestID], cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}
`
	semBare = header + `  - {name: ep, zoneId: zone-move, type: custom_endpoint, logType: l7-access-logs, area: mainland, entities: [a.example.com], fields: [RequestID, ClientIP], customEndpoint: {url: "https://logs.example.com/in"}}
  - {name: s3, zoneId: zone-move, type: s3, logType: l7-access-logs, area: mainland, entities: [b.example.com], fields: [RequestID], s3: {endpoint: "https://s3.example.com", region: r1, bucket: bucket/dir/, accessId: s3-id, accessKey: s3-key}}
`
	cls1 = "  - {name: cls, zoneId: zone-move, type: cls, logType: l7-access-logs, area: mainland, entities: [c.example.com], fields: [RequestID], cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}\n"
)

// TestConvergesUnderEveryReading: under the default reading, each other
// reading of an undocumented teo behaviour, and all at once, every apply
// completes and the next plan is empty: removing optional members,
// replacing delete-first and deleting inside a scope.
func TestConvergesUnderEveryReading(t *testing.T) {
	names := []string{"", "modify-keeps-omitted", "async-delete=3s", "describe-lag=2s", "not-found-plain",
		"mask-secrets", "refuse-legacy-logtypes", "strict-fields", "all"}
	moved := strings.Replace(cls1, "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "ee20bb16-3025-4048-b81a-dd436373062e", 1)
	for _, name := range names {
		t.Run("semantics="+name, func(t *testing.T) {
			sem, err := semantics.Parse(name)
			if err != nil {
				t.Fatal(err)
			}
			e := newSemEnv(t, sem)
			e.mustConverge(t, parse(t, semFull))
			e.mustConverge(t, parse(t, semBare+moved))
			assertNoDuplicates(t, e, "zone-move", 3)
			assertSurvives(t, e, "zone-other", "not-ours")
			e.mustConverge(t, parse(t, semFull))
			assertNoDuplicates(t, e, "zone-move", 4)
		})
	}
}

// Every mutating call loses its response after the change was made: an
// update and a delete are confirmed by a re-read instead of failing
// (or being sent again into "not found").
func TestApplyConfirmsUpdatesAndDeletesAfterLostResponse(t *testing.T) {
	for _, name := range []string{"", "not-found-plain", "all"} {
		t.Run("semantics="+name, func(t *testing.T) {
			sem, err := semantics.Parse(name)
			if err != nil {
				t.Fatal(err)
			}
			state, clk := filepath.Join(t.TempDir(), "state.json"), &providertest.Clock{}
			e := newSemEnvWith(t, emulator.Options{Semantics: sem, StatePath: state}, clk)
			e.mustConverge(t, parse(t, header+task("keep", "a.example.com")+task("drop", "b.example.com")))
			if err := e.srv.Close(); err != nil {
				t.Fatal(err)
			}
			lost := newSemEnvWith(t, emulator.Options{Semantics: sem, StatePath: state, FaultAfterCommit: 1, Seed: 3}, clk)
			doc := parse(t, header+strings.Replace(task("keep", "a.example.com"), "fields:", "sample: 300, fields:", 1))
			_, results := lost.planAndApply(t, doc)
			if len(results) != 2 {
				t.Fatalf("%d results, want an update and a delete", len(results))
			}
			// The teo provider confirms its own lost responses by reading
			// (tolerating lag); whichever layer confirms, both are done.
			for _, r := range results {
				if r.Status != reconcile.StatusDone {
					t.Errorf("%s %s: %s, note %q: %v", r.Change.Action, r.Change.Name, r.Status, r.Note, r.Err)
				}
			}
			if err := lost.srv.Close(); err != nil {
				t.Fatal(err)
			}
			e = newSemEnvWith(t, emulator.Options{Semantics: sem, StatePath: state}, clk)
			if p, _ := e.planAndApply(t, doc); p.HasChanges() {
				t.Errorf("plan after apply is not empty: %+v", p.Summary)
			}
		})
	}
}

// A delete-first replace under async-delete waits for the old task to be
// gone, and says so through Progress while it waits.
func TestReplaceWaitIsReported(t *testing.T) {
	e := newSemEnv(t, semantics.Semantics{AsyncDelete: 3e9})
	e.mustConverge(t, parse(t, header+cls1))
	moved := strings.Replace(cls1, "0b3a07c0-5cf6-4017-8a75-cd4459aea588", "ee20bb16-3025-4048-b81a-dd436373062e", 1)
	doc := parse(t, header+moved)
	ctx := t.Context()
	live, err := (&reconcile.Reader{Providers: e.providers, Retry: fastRetry()}).Read(ctx, reconcile.Targets(doc))
	if err != nil {
		t.Fatal(err)
	}
	p := diff.Compute(doc, doc, live)
	var waits []string
	a := &reconcile.Applier{Providers: e.providers, Retry: fastRetry(), Progress: func(_, _ int, r reconcile.Result) {
		if r.Status == reconcile.StatusWaiting {
			waits = append(waits, r.Note)
		}
	}}
	for _, r := range a.Apply(ctx, p, doc, live) {
		if r.Status != reconcile.StatusDone {
			t.Fatalf("%s %s: %s: %v", r.Change.Action, r.Change.Name, r.Status, r.Err)
		}
	}
	if len(waits) != 1 || !strings.Contains(waits[0], `status "deleting"`) {
		t.Errorf("waits reported: %q, want one for the task being deleted", waits)
	}
	if p, _ := e.planAndApply(t, doc); p.HasChanges() {
		t.Errorf("plan after apply is not empty: %+v", p.Summary)
	}
}

// An update whose response is lost every time, on a service whose reads
// lag, with a provider that reads back only once (Settle 0): the retries
// re-read after each lost response, and the update counts as done once a
// read shows it, instead of failing when the retries run out.
func TestApplyConfirmsLostUpdateByReading(t *testing.T) {
	state, clk := filepath.Join(t.TempDir(), "state.json"), &providertest.Clock{}
	sem := semantics.Semantics{DescribeLag: 500 * time.Millisecond}
	e := newSemEnvWith(t, emulator.Options{Semantics: sem, StatePath: state}, clk)
	e.mustConverge(t, parse(t, header+task("keep", "a.example.com")))
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	clk.Sleep(t.Context(), sem.DescribeLag)
	lost := newEnvSettle(t, emulator.Options{Semantics: sem, StatePath: state, FaultAfterCommit: 1, Seed: 5, Now: clk.Now},
		tencent.Settle{Timeout: 0, Sleep: clk.Sleep})
	doc := parse(t, header+strings.Replace(task("keep", "a.example.com"), "fields:", "sample: 300, fields:", 1))
	ctx := t.Context()
	live, err := (&reconcile.Reader{Providers: lost.providers, Retry: fastRetry()}).Read(ctx, reconcile.Targets(doc))
	if err != nil {
		t.Fatal(err)
	}
	// Real waits (the emulator's clock runs with real time) that add up
	// to more than the lag within the tries: the first re-read comes at
	// once and cannot show the update; a later one does.
	policy := retry.Policy{Tries: 8, Initial: 100 * time.Millisecond, Max: 500 * time.Millisecond}
	a := &reconcile.Applier{Providers: lost.providers, Retry: policy}
	results := a.Apply(ctx, diff.Compute(doc, doc, live), doc, live)
	if len(results) != 1 || results[0].Status != reconcile.StatusDone {
		t.Fatalf("results %+v, want the update done after a re-read", results)
	}
	if n := lost.srv.Requests()["teo:ModifyRealtimeLogDeliveryTask"]; n < 2 {
		t.Errorf("%d modify calls: the first read after a lost response cannot show the update (reads lag), want retries", n)
	}
}
