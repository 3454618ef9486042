package engine

import (
	"cmp"
	"context"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// defaultReadWindow is how many resources' live state a plan holds read
// and not yet planned (Engine.ReadWindow). Some 40,000 is about 50 MB:
// at 100,000 resources in 100 zones it lets the reads run some 5 s ahead
// of the files' pass, which is what the quota makes them take.
const defaultReadWindow = 40_000

// targetReads reads the targets in the background, from before the files'
// pass ends: the reads wait for the quota, the pass for the cores. What
// they bring in is held, within a window, until planned (plan).
type targetReads struct {
	in     *lintedInput
	subs   []policy.Subset // each target's resources, by index in the files
	sizes  []int           // what admit took for each target
	safety spec.Safety
	window *window
	got    chan readTarget
	done   chan error
	cancel context.CancelFunc
}

type readTarget struct {
	i    int
	live *diff.Live
}

// startReads starts reading in.targets. It must come after every check
// that stops a plan before any read (references, credentials).
func (e *Engine) startReads(ctx context.Context, in *lintedInput, providers map[spec.Kind]reconcile.Provider, keep bool) *targetReads {
	ctx, cancel := context.WithCancel(ctx)
	r := &targetReads{
		in:     in,
		subs:   partition(in.resolved, in.targets),
		safety: in.resolved.Safety,
		window: newWindow(cmp.Or(e.ReadWindow, defaultReadWindow)),
		got:    make(chan readTarget, len(in.targets)),
		done:   make(chan error, 1),
		cancel: cancel,
	}
	r.sizes = make([]int, len(r.subs))
	for i, s := range r.subs {
		r.sizes[i] = len(s.DeliveryTasks) + len(s.Exports) + len(s.Dumps)
	}
	if !keep {
		// A plan that is not applied resolves each target's resources as
		// it diffs them, and lets the whole resolved copy go (at 100,000
		// resources some 25 MB through the pass and the reads): the
		// references were all found before the first read
		// (lintedInput.resolve), so this second resolution cannot miss one.
		in.resolved = nil
	}
	reader := &reconcile.Reader{Providers: providers, Admit: func(ctx context.Context, i int) error {
		return r.window.admit(ctx, r.sizes[i])
	}}
	go func() {
		err := reader.ReadEach(ctx, in.targets, func(i int, live *diff.Live) error {
			e.Observer.targetRead(in.targets[i], live)
			r.got <- readTarget{i, live} // never waits: one slot per target
			return nil
		})
		close(r.got)
		r.done <- err
	}()
	return r
}

// stop cancels the reads and waits for them to end.
func (r *targetReads) stop() {
	r.cancel()
	for range r.got {
	}
	<-r.done
}

// plan diffs and runs the live policy pass one target (a zone, a topic, a
// project) at a time, as the reads bring them in: each target's live state
// is compared with that target's desired resources, handed to the policies
// with them, and let go. Peak memory follows the read window and the
// largest targets, not the estate. What spans targets was checked before
// any read, on the whole files (duplicates across files, the first policy
// pass), or is summed here (scope counts, by diff.Merge). The files' pass
// must be over (the live pass reads the files' typed form).
//
// With keep the live state of every target is kept, in target order, for
// apply; otherwise the returned live state is nil.
func (r *targetReads) plan(ctx context.Context, e *Engine, keep bool) (*diff.Plan, []policy.Finding, *diff.Live, error) {
	defer r.cancel()
	in := r.in
	resolved := func(i int) *spec.Document {
		if keep {
			return subDocument(in.resolved, r.subs[i])
		}
		doc, _ := subDocument(in.raw, r.subs[i]).Resolve(e.lookup)
		return doc
	}
	parts := make([]*diff.Plan, 0, len(in.targets))
	var kept []*diff.Live
	if keep {
		kept = make([]*diff.Live, len(in.targets))
	}
	var found []policy.Finding
	one := func(i int, live *diff.Live) error {
		t := in.targets[i]
		defer e.Observer.targetDone(t)
		part := diff.Compute(resolved(i), subDocument(in.raw, r.subs[i]), live)
		parts = append(parts, part)
		if keep {
			kept[i] = live
		}
		// The policies see the live state as the plan leaves it.
		liveIn, err := policy.LiveInput(policyLive(liveAfter(live, part, !keep)), in.eval.Convert)
		if err != nil {
			return err
		}
		fs, err := in.eval.EvalSubset(ctx, r.subs[i], liveIn)
		found = append(found, fs...)
		return err
	}
	var err error
	for got := range r.got {
		if err == nil {
			if err = one(got.i, got.live); err != nil {
				r.cancel()
			}
		}
		r.window.release(r.sizes[got.i])
	}
	if readErr := <-r.done; err == nil {
		err = readErr
	}
	if err != nil {
		return nil, nil, nil, err
	}
	var live *diff.Live
	if keep {
		live = concatLive(kept)
	}
	return diff.Merge(parts, r.safety), found, live, nil
}

// targetID identifies a target without its log groups.
type targetID struct {
	kind                         spec.Kind
	region, zone, topic, project string
}

func idOf(t reconcile.Target) targetID {
	return targetID{t.Kind, t.Region, t.ZoneID, t.TopicID, t.ProjectID}
}

// partition names, per target, the resources of doc whose live state it
// reads, by their index in doc (reconcile.Targets made the targets from
// the same fields).
func partition(doc *spec.Document, targets []reconcile.Target) []policy.Subset {
	at := make(map[targetID]int, len(targets))
	for i, t := range targets {
		at[idOf(t)] = i
	}
	subs := make([]policy.Subset, len(targets))
	for i, t := range doc.DeliveryTasks {
		s := &subs[at[targetID{kind: spec.KindDeliveryTask, zone: t.ZoneID}]]
		s.DeliveryTasks = append(s.DeliveryTasks, i)
	}
	for i, x := range doc.Exports {
		s := &subs[at[targetID{kind: spec.KindExport, region: x.Region, topic: x.TopicID}]]
		s.Exports = append(s.Exports, i)
	}
	for i, d := range doc.Dumps {
		s := &subs[at[targetID{kind: spec.KindDump, region: d.Region, project: d.ProjectID}]]
		s.Dumps = append(s.Dumps, i)
	}
	return subs
}

// subDocument is the part of doc that sub names, with every scope: what
// diff.Compute needs of one target.
func subDocument(doc *spec.Document, sub policy.Subset) *spec.Document {
	return &spec.Document{
		DeliveryTasks: pick(doc.DeliveryTasks, sub.DeliveryTasks),
		Exports:       pick(doc.Exports, sub.Exports),
		Dumps:         pick(doc.Dumps, sub.Dumps),
		Scopes:        doc.Scopes,
		Safety:        doc.Safety,
	}
}

func pick[T any](items []T, idx []int) []T {
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = items[i]
	}
	return out
}

// concatLive joins the targets' live states in target order.
func concatLive(parts []*diff.Live) *diff.Live {
	out := &diff.Live{}
	for _, l := range parts {
		if l == nil {
			continue
		}
		out.DeliveryTasks = append(out.DeliveryTasks, l.DeliveryTasks...)
		out.Exports = append(out.Exports, l.Exports...)
		out.Dumps = append(out.Dumps, l.Dumps...)
	}
	return out
}
