package reconcile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/spec"
)

// Status is the outcome of one change.
type Status string

// The outcomes reported per change.
const (
	StatusDone    Status = "done"
	StatusFailed  Status = "failed"
	StatusSkipped Status = "not attempted"
	// StatusWaiting is reported through Progress while a step waits (for
	// a deleted resource to be gone, a write to show); the change is not
	// finished yet and Note says what it waits for.
	StatusWaiting Status = "waiting"
)

// Result is what happened to one change of the plan.
type Result struct {
	Change diff.Change
	Status Status
	// LiveID is the id of the resource after the change (the new id for
	// creates and replaces).
	LiveID string
	Err    error
	// Note tells the user something worth knowing, e.g. that a create whose
	// response was lost was found instead of being sent again.
	Note string
}

// Applier executes plans against the providers.
type Applier struct {
	Providers   map[spec.Kind]Provider
	Retry       retry.Policy // zero bounds take DefaultRetry's
	Parallelism int          // concurrent steps within a phase; 0 = 4
	// Progress, when set, is called after each change finishes (from
	// several goroutines, serialized by the applier), and with a
	// StatusWaiting result when a step has to wait.
	Progress func(done, total int, r Result)
}

// Apply carries out every change of p. desired is the resolved document the
// plan was made from (or rebuilt from a saved plan); live is the state the
// plan was made against. It never stops at the first failure: independent
// changes go on, changes that depend on a failed one are not attempted, and
// the result lists every change. Re-running plan and apply converges.
func (a *Applier) Apply(ctx context.Context, p *diff.Plan, desired *spec.Document, live *diff.Live) []Result {
	run := newApplyRun(a, p, desired, live)
	phase := -1
	var batch []int
	for i, st := range run.steps {
		if st.phase != phase && len(batch) > 0 {
			run.runBatch(ctx, batch)
			batch = batch[:0]
		}
		phase = st.phase
		batch = append(batch, i)
	}
	run.runBatch(ctx, batch)
	return run.results()
}

type applyRun struct {
	a       *Applier
	plan    *diff.Plan
	desired map[string]Object
	live    map[string]Object
	steps   []step
	mu      sync.Mutex
	// progressMu serializes Progress calls without holding mu.
	progressMu sync.Mutex
	stepErr    []error // per step; nil = done
	stepDone   []bool
	ids        []string // per change: id after apply
	notes      []string
	blocked    map[string]bool // entities whose release failed
	finished   int
	pending    []int // per change: steps not yet finished
}

func newApplyRun(a *Applier, p *diff.Plan, desired *spec.Document, live *diff.Live) *applyRun {
	run := &applyRun{a: a, plan: p, desired: desiredObjects(desired), live: liveObjects(live), blocked: map[string]bool{}}
	run.steps = orderSteps(p, run.desired, run.live)
	run.stepErr = make([]error, len(run.steps))
	run.stepDone = make([]bool, len(run.steps))
	run.ids = make([]string, len(p.Changes))
	run.notes = make([]string, len(p.Changes))
	run.pending = make([]int, len(p.Changes))
	for i, c := range p.Changes {
		run.ids[i] = c.LiveID
	}
	for _, st := range run.steps {
		run.pending[st.change]++
	}
	return run
}

func (run *applyRun) runBatch(ctx context.Context, batch []int) {
	workers := run.a.Parallelism
	if workers <= 0 {
		workers = 4
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, i := range batch {
		if err := run.precondition(i); err != nil {
			run.finish(i, err, false)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			err := run.execute(run.notifying(ctx, i), i)
			run.finish(i, err, true)
		}()
	}
	wg.Wait()
}

// errNotAttempted marks a step skipped because something it depends on failed.
type errNotAttempted struct{ why string }

func (e *errNotAttempted) Error() string { return "not attempted: " + e.why }

func (run *applyRun) precondition(i int) error {
	run.mu.Lock()
	defer run.mu.Unlock()
	st := run.steps[i]
	if st.after >= 0 && run.stepErr[st.after] != nil {
		return &errNotAttempted{"the other half of this replace failed"}
	}
	for _, e := range st.claims {
		if run.blocked[e] {
			_, entity, _ := strings.Cut(e, "|")
			return &errNotAttempted{fmt.Sprintf("entity %s was not released by a failed change", entity)}
		}
	}
	return nil
}

func (run *applyRun) finish(i int, err error, attempted bool) {
	run.mu.Lock()
	st := run.steps[i]
	run.stepErr[i] = err
	run.stepDone[i] = attempted && err == nil
	if err != nil {
		for _, e := range st.releases {
			run.blocked[e] = true
		}
	}
	run.pending[st.change]--
	last := run.pending[st.change] == 0
	var r Result
	if last {
		run.finished++
		r = run.resultOf(st.change)
	}
	done, total := run.finished, len(run.plan.Changes)
	run.mu.Unlock()
	if last && run.a.Progress != nil {
		run.progress(done, total, r)
	}
}

// notifying gives step i a context through which its provider reports
// waits (Notify) as StatusWaiting progress.
func (run *applyRun) notifying(ctx context.Context, i int) context.Context {
	if run.a.Progress == nil {
		return ctx
	}
	c := run.plan.Changes[run.steps[i].change]
	return withNotify(ctx, func(msg string) {
		run.mu.Lock()
		done, total := run.finished, len(run.plan.Changes)
		run.mu.Unlock()
		run.progress(done, total, Result{Change: c, Status: StatusWaiting, Note: msg})
	})
}

func (run *applyRun) progress(done, total int, r Result) {
	run.progressMu.Lock()
	defer run.progressMu.Unlock()
	run.a.Progress(done, total, r)
}

// resultOf summarizes the steps of one change; call with mu held.
func (run *applyRun) resultOf(change int) Result {
	r := Result{Change: run.plan.Changes[change], LiveID: run.ids[change], Note: run.notes[change], Status: StatusDone}
	if r.Change.Action == diff.ActionNoop {
		return r
	}
	var errs []error
	attempted := false
	for i, st := range run.steps {
		if st.change != change {
			continue
		}
		var na *errNotAttempted
		if err := run.stepErr[i]; err != nil {
			errs = append(errs, err)
			if !errors.As(err, &na) {
				attempted = true
			}
		} else {
			attempted = true
		}
	}
	if len(errs) > 0 {
		r.Err = errors.Join(errs...)
		r.Status = StatusFailed
		if !attempted {
			r.Status = StatusSkipped
		}
	}
	return r
}

func (run *applyRun) results() []Result {
	run.mu.Lock()
	defer run.mu.Unlock()
	out := make([]Result, len(run.plan.Changes))
	for i := range run.plan.Changes {
		out[i] = run.resultOf(i)
	}
	return out
}

// isNotFound is true for a delete of something already gone.
func isNotFound(err error) bool { return errors.Is(err, apierr.ErrNotFound) }
