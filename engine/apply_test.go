package engine

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/logctl/logctl/reconcile"
)

func TestApplyThenVerify(t *testing.T) {
	dir := estate(t, 2, 2, 1)
	cloud := &fakeCloud{}
	cloud.add(liveTask("stray", zone(1), "x.example.com"))
	e := &Engine{Providers: cloud.providers}
	ctx := context.Background()
	pl, err := e.Plan(ctx, PlanRequest{Paths: []string{dir}, ForApply: true})
	if err != nil {
		t.Fatal(err)
	}
	var calls, lastDone int
	results := e.Apply(ctx, pl, ApplyOptions{Progress: func(done, total int, r reconcile.Result) {
		calls++
		lastDone = done
		if total != len(pl.Plan.Changes) {
			t.Errorf("total = %d, want %d", total, len(pl.Plan.Changes))
		}
	}})
	if calls != len(results) || lastDone != len(results) {
		t.Errorf("progress called %d times (last done %d) for %d results", calls, lastDone, len(results))
	}
	for _, r := range results {
		if r.Status != reconcile.StatusDone {
			t.Errorf("%s %s: %s %v", r.Change.Action, r.Change.Key, r.Status, r.Err)
		}
	}
	after, err := e.Verify(ctx, pl)
	if err != nil {
		t.Fatal(err)
	}
	if after.HasChanges() {
		t.Errorf("plan after apply has changes: %+v", after.Summary)
	}
}

func TestReplan(t *testing.T) {
	dir := estate(t, 1, 1, 0)
	cloud := &fakeCloud{}
	cloud.add(liveTask("stray", zone(0), "x.example.com"))
	e := &Engine{Providers: cloud.providers}
	ctx := context.Background()
	pl, err := e.Plan(ctx, PlanRequest{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := Save(pl, []string{dir}, nil, reconcile.SavedTarget{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := saved.Write(&buf); err != nil {
		t.Fatal(err)
	}
	load := func() *reconcile.SavedPlan {
		sp, err := reconcile.ReadSavedPlan(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	if err := CheckInputs(load().Inputs); err != nil {
		t.Fatalf("unchanged files: %v", err)
	}
	if _, err := e.Replan(ctx, load(), nil); err != nil {
		t.Fatalf("fresh saved plan: %v", err)
	}
	// The task planned for creation appears meanwhile.
	cloud.add(liveTask("task-0-0", zone(0), "d0-0.example.com"))
	var stale *reconcile.StaleError
	if _, err := e.Replan(ctx, load(), nil); !errors.As(err, &stale) {
		t.Errorf("err = %v, want a stale plan", err)
	}
	// A file added next to the planned ones.
	writeFile(t, dir, "more.yaml", "version: 1\n")
	var refused *RefusedError
	if err := CheckInputs(load().Inputs); !errors.As(err, &refused) || !strings.Contains(err.Error(), "more.yaml: new since the plan") {
		t.Errorf("err = %v, want the new file refused", err)
	}
}
