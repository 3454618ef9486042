package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/retry"
	"github.com/logctl/logctl/spec"
)

// Targets lists what must be read to plan doc: every zone, topic and project
// that a file declares a resource in or a scope covers. Sorted and unique.
func Targets(doc *spec.Document) []Target {
	seen := map[string]*Target{}
	add := func(t Target) {
		k := fmt.Sprintf("%s|%s|%s|%s|%s", t.Kind, t.Region, t.ZoneID, t.TopicID, t.ProjectID)
		if prev, ok := seen[k]; ok {
			prev.LogGroups = append(prev.LogGroups, t.LogGroups...)
			return
		}
		seen[k] = &t
	}
	for _, t := range doc.DeliveryTasks {
		add(Target{Kind: spec.KindDeliveryTask, ZoneID: t.ZoneID})
	}
	for _, e := range doc.Exports {
		add(Target{Kind: spec.KindExport, Region: e.Region, TopicID: e.TopicID})
	}
	for _, d := range doc.Dumps {
		add(Target{Kind: spec.KindDump, Region: d.Region, ProjectID: d.ProjectID, LogGroups: []string{d.LogGroupID}})
	}
	for _, s := range doc.Scopes {
		if s.DeliveryTasks != nil {
			add(Target{Kind: spec.KindDeliveryTask, ZoneID: s.DeliveryTasks.ZoneID})
		}
		if s.Exports != nil {
			add(Target{Kind: spec.KindExport, Region: s.Exports.Region, TopicID: s.Exports.TopicID})
		}
		if s.Dumps != nil {
			add(Target{Kind: spec.KindDump, Region: s.Dumps.Region, ProjectID: s.Dumps.ProjectID, LogGroups: []string{s.Dumps.LogGroupID}})
		}
	}
	out := make([]Target, 0, len(seen))
	for _, t := range seen {
		slices.Sort(t.LogGroups)
		t.LogGroups = slices.Compact(t.LogGroups)
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Reader reads live state through the registered providers.
type Reader struct {
	Providers   map[spec.Kind]Provider
	Parallelism int          // concurrent targets; 0 = 8
	Retry       retry.Policy // zero bounds take DefaultRetry's
	// Admit, when set, is called before the read of targets[i] starts and
	// may wait: a caller that holds what was read for a while bounds it
	// there. An error (its context's) ends the reads.
	Admit func(ctx context.Context, i int) error
}

// Read reads every target concurrently in a bounded pool and assembles the
// live state. Reads are retried on throttling, unavailability and unknown
// outcomes (reading is idempotent). The first permanent failure cancels the
// rest and is returned with the target it concerns.
func (r *Reader) Read(ctx context.Context, targets []Target) (*diff.Live, error) {
	results := make([][]Object, len(targets))
	err := r.stream(ctx, targets, func(i int, objs []Object) error {
		results[i] = objs
		return nil
	})
	if err != nil {
		return nil, err
	}
	return assemble(targets, results), nil
}

// ReadEach reads the targets as Read does, and hands each target's live
// state to fn as soon as it is read, one target at a time, in the caller's
// goroutine and in the order the reads finish. It keeps no reference to a
// live state fn has returned from: memory follows the largest targets, not
// the estate. A read that finishes while fn runs waits for it, so at most
// Parallelism targets are held besides the one fn works on. An error of fn
// cancels the reads and is returned.
func (r *Reader) ReadEach(ctx context.Context, targets []Target, fn func(i int, live *diff.Live) error) error {
	return r.stream(ctx, targets, func(i int, objs []Object) error {
		return fn(i, assemble(targets[i:i+1], [][]Object{objs}))
	})
}

type readResult struct {
	i    int
	objs []Object
	err  error
}

// stream runs the pool of readers and calls got in the caller's goroutine
// with each target's objects as they come.
func (r *Reader) stream(ctx context.Context, targets []Target, got func(i int, objs []Object) error) error {
	for _, t := range targets {
		if r.Providers[t.Kind] == nil {
			return fmt.Errorf("read %s: no provider for %s", t, t.Kind)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan int, len(targets))
	for _, i := range readOrder(targets) {
		queue <- i
	}
	close(queue)
	workers := r.Parallelism
	if workers <= 0 {
		workers = 8
	}
	done := make(chan readResult)
	for range min(workers, len(targets)) {
		go func() {
			for i := range queue {
				res := readResult{i: i, err: ctx.Err()}
				if res.err == nil && r.Admit != nil {
					res.err = r.Admit(ctx, i)
				}
				if res.err == nil {
					p, t := r.Providers[targets[i].Kind], targets[i]
					res.err = retry.Do(ctx, r.Retry.Or(DefaultRetry()), retry.Idempotent, func() error {
						objs, err := p.Read(ctx, t)
						res.objs = objs
						return err
					})
				}
				done <- res
			}
		}()
	}
	errs := make([]error, len(targets))
	var gotErr error
	for range targets {
		res := <-done
		if errs[res.i] = res.err; res.err != nil {
			cancel()
			continue
		}
		if gotErr == nil && ctx.Err() == nil {
			if gotErr = got(res.i, res.objs); gotErr != nil {
				cancel()
			}
		}
	}
	if gotErr != nil {
		return gotErr
	}
	return firstError(targets, errs)
}

// firstError reports the failure that caused the cancellation, not its
// echoes.
func firstError(targets []Target, errs []error) error {
	first := -1
	for i, err := range errs {
		if err != nil && (first < 0 || !errors.Is(err, context.Canceled)) {
			first = i
			if !errors.Is(err, context.Canceled) {
				break
			}
		}
	}
	if first >= 0 {
		return fmt.Errorf("read %s: %w", targets[first], errs[first])
	}
	return nil
}

// readOrder is the order in which the pool starts the targets: one of each
// kind in turn, the kind with the most targets first. Each kind's calls
// are paced by their own per-action rate limit (one zone's pages wait for
// teo's quota, never for cls's), so interleaving keeps every limiter busy
// from the start; sorted order would start all the topics and projects
// before the first zone. Within a kind the order is kept.
func readOrder(targets []Target) []int {
	byKind := map[spec.Kind][]int{}
	var kinds []spec.Kind
	for i, t := range targets {
		if _, ok := byKind[t.Kind]; !ok {
			kinds = append(kinds, t.Kind)
		}
		byKind[t.Kind] = append(byKind[t.Kind], i)
	}
	slices.SortStableFunc(kinds, func(a, b spec.Kind) int { return len(byKind[b]) - len(byKind[a]) })
	order := make([]int, 0, len(targets))
	for round := 0; len(order) < len(targets); round++ {
		for _, k := range kinds {
			if round < len(byKind[k]) {
				order = append(order, byKind[k][round])
			}
		}
	}
	return order
}

// assemble turns per-target objects into diff.Live, keeping only dumps of
// the log groups the target asked for. The clouds' JSON decodes every
// string anew: the copies of repeated short strings are shared instead
// (spec.Interner), and the lists are sized once.
func assemble(targets []Target, results [][]Object) *diff.Live {
	var tasks, exports, dumps int
	for _, objs := range results {
		for _, o := range objs {
			switch {
			case o.Task != nil:
				tasks++
			case o.Export != nil:
				exports++
			case o.Dump != nil:
				dumps++
			}
		}
	}
	live := &diff.Live{
		DeliveryTasks: make([]diff.LiveTask, 0, tasks),
		Exports:       make([]diff.LiveExport, 0, exports),
		Dumps:         make([]diff.LiveDump, 0, dumps),
	}
	var in spec.Interner
	for i, objs := range results {
		groups := targets[i].LogGroups
		for _, o := range objs {
			switch {
			case o.Task != nil:
				in.Strings(o.Task)
				live.DeliveryTasks = append(live.DeliveryTasks, diff.LiveTask{ID: o.ID, Status: in.String(o.Status), Task: *o.Task})
			case o.Export != nil:
				in.Strings(o.Export)
				live.Exports = append(live.Exports, diff.LiveExport{ID: o.ID, Status: in.String(o.Status), Export: *o.Export})
			case o.Dump != nil:
				if groups == nil || slices.Contains(groups, o.Dump.LogGroupID) {
					in.Strings(o.Dump)
					live.Dumps = append(live.Dumps, diff.LiveDump{ID: o.ID, Dump: *o.Dump})
				}
			}
		}
	}
	return live
}
