package reconcile_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/provider/cls"
	"github.com/logctl/logctl/internal/tencent"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

const exportsDoc = `version: 1
exports:
  - {name: a, region: ap-guangzhou, topicId: ee20bb16-3025-4048-b81a-dd436373062e, query: "status:200", count: 100, from: 1607499107000, to: 1607499207000}
  - {name: b, region: ap-guangzhou, topicId: ee20bb16-3025-4048-b81a-dd436373062e, query: "status:500", count: 100, from: 1607499107000, to: 1607499207000}
`

// TestSecondApplyAdoptsExportsTheFirstCreated: two applies on different
// machines both plan from a read made before either created anything, then
// apply one after the other. The second finds each export the first created
// when it looks right before its create, and adopts it: the topic ends with
// one export per declaration, not two.
func TestSecondApplyAdoptsExportsTheFirstCreated(t *testing.T) {
	srv, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	srv.SetBaseURL(hs.URL)
	p, err := cls.New(tencent.Config{Endpoint: hs.URL, Timeout: 5 * time.Second, Getenv: envMap{
		tencent.EnvSecretID: emulator.DefaultTencentSecretID, tencent.EnvSecretKey: emulator.DefaultTencentSecretKey}.get}, nil)
	if err != nil {
		t.Fatal(err)
	}
	providers := map[spec.Kind]reconcile.Provider{spec.KindExport: p}
	doc := parse(t, exportsDoc)
	ctx := context.Background()
	plan := func() (*diff.Plan, *diff.Live) {
		live, err := (&reconcile.Reader{Providers: providers, Retry: fastRetry()}).Read(ctx, reconcile.Targets(doc))
		if err != nil {
			t.Fatal(err)
		}
		return diff.Compute(doc, doc, live), live
	}
	planA, liveA := plan()
	planB, liveB := plan()
	if planA.Summary.Create != 2 || planB.Summary.Create != 2 {
		t.Fatalf("plans create %d and %d exports, want 2 each", planA.Summary.Create, planB.Summary.Create)
	}
	applier := &reconcile.Applier{Providers: providers, Retry: fastRetry(), Parallelism: 2}
	for _, r := range applier.Apply(ctx, planA, doc, liveA) {
		if r.Status != reconcile.StatusDone || r.Note != "" {
			t.Errorf("first apply, %s: %s %q %v", r.Change.Name, r.Status, r.Note, r.Err)
		}
	}
	for _, r := range applier.Apply(ctx, planB, doc, liveB) {
		if r.Status != reconcile.StatusDone || !strings.Contains(r.Note, "adopted it instead of creating a duplicate") {
			t.Errorf("second apply, %s: %s %q %v", r.Change.Name, r.Status, r.Note, r.Err)
		}
	}
	if after, _ := plan(); after.HasChanges() || len(after.Unmanaged) != 0 {
		t.Errorf("after both applies: %+v, %d unmanaged", after.Summary, len(after.Unmanaged))
	}
	objs, err := p.Read(ctx, reconcile.Targets(doc)[0])
	if err != nil || len(objs) != 2 {
		t.Errorf("the topic holds %d exports (err %v), want 2", len(objs), err)
	}
}
