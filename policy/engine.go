package policy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/logctl/logctl/spec"
)

// Options configure an Engine.
type Options struct {
	// UserDirs are --policy directories: their .rego files are compiled with
	// the built-in policies, their .json/.yaml files become data.
	UserDirs []string
}

// Engine evaluates the built-in and user policies. It compiles them once in
// New; Eval may then be called any number of times, also concurrently.
type Engine struct {
	compiler   *ast.Compiler
	store      storage.Store
	rules      []*ruleRef
	groups     []*queryGroup
	liveGroups []*queryGroup              // the rules of the packages that read data.logctl.live
	livePkgs   map[string]bool            // those packages
	exceptions map[string]*exceptionQuery // package → its exception rule
	metas      []RuleMeta
	// The files' pass without live state evaluates the rules of the
	// chunkable packages chunk by chunk (chunks.go), the others over all
	// the files.
	chunkGroups, wholeGroups []*queryGroup
	// typedLive: every package that reads data.logctl.live is built in, so
	// the live pass may read the files' resources in their typed form
	// (Evaluation.ReleaseFiles).
	typedLive bool
	// wholeReadsFiles: a package of wholeGroups may read the resource
	// lists (a user package, a built-in one a user package extends), or an
	// exception needs them: the files' pass then builds the whole input.
	// Otherwise those packages (the scope rules) see the input without its
	// resource lists.
	wholeReadsFiles bool
}

// queryGroup is one prepared query that evaluates a share of the rules.
type queryGroup struct {
	rules []*ruleRef
	query rego.PreparedEvalQuery
}

// evalWorkers is how many rule groups evaluate in parallel: the target
// machine has two cores, and more groups would recompute shared helper
// rules (each prepared query has its own cache) for no gain.
const evalWorkers = 2

// New loads and compiles the policies and prepares their queries.
func New(ctx context.Context, opts Options) (*Engine, error) {
	set, err := loadPolicies(opts.UserDirs, false)
	if err != nil {
		return nil, err
	}
	c, err := compile(set, false)
	if err != nil {
		return nil, err
	}
	e := &Engine{compiler: c, store: newStore(set.data)}
	e.rules = discoverRules(c, set.user)
	e.metas = collectMetas(e.rules)
	if e.groups, err = e.prepareGroups(ctx, e.rules); err != nil {
		return nil, err
	}
	e.livePkgs = livePackages(c)
	liveRules := slices.DeleteFunc(slices.Clone(e.rules), func(r *ruleRef) bool { return !e.livePkgs[r.pkg] })
	if e.liveGroups, err = e.prepareGroups(ctx, liveRules); err != nil {
		return nil, err
	}
	inChunks := chunkable(c, set.user)
	byChunk := slices.DeleteFunc(slices.Clone(e.rules), func(r *ruleRef) bool { return !inChunks[r.pkg] })
	whole := slices.DeleteFunc(slices.Clone(e.rules), func(r *ruleRef) bool { return inChunks[r.pkg] })
	if e.chunkGroups, err = e.prepareGroups(ctx, byChunk); err != nil {
		return nil, err
	}
	if e.wholeGroups, err = e.prepareGroups(ctx, whole); err != nil {
		return nil, err
	}
	e.typedLive = true
	for pkg := range e.livePkgs {
		e.typedLive = e.typedLive && inChunks[pkg]
	}
	if e.exceptions, err = e.prepareExceptions(ctx); err != nil {
		return nil, err
	}
	files := filesPackages(c)
	e.wholeReadsFiles = len(e.exceptions) > 0 || slices.ContainsFunc(whole, func(r *ruleRef) bool { return files[r.pkg] })
	return e, nil
}

// partition splits rules into at most n groups, keeping each package whole
// so that its helper rules (uniqueness indexes) are computed once per eval.
// Packages go to the group with the fewest rules so far.
func partition(rules []*ruleRef, n int) [][]*ruleRef {
	byPkg := map[string][]*ruleRef{}
	var pkgs []string
	for _, r := range rules {
		if _, ok := byPkg[r.pkg]; !ok {
			pkgs = append(pkgs, r.pkg)
		}
		byPkg[r.pkg] = append(byPkg[r.pkg], r)
	}
	slices.SortStableFunc(pkgs, func(a, b string) int { return len(byPkg[b]) - len(byPkg[a]) })
	groups := make([][]*ruleRef, n)
	for _, p := range pkgs {
		smallest := 0
		for i := range groups {
			if len(groups[i]) < len(groups[smallest]) {
				smallest = i
			}
		}
		groups[smallest] = append(groups[smallest], byPkg[p]...)
	}
	return slices.DeleteFunc(groups, func(g []*ruleRef) bool { return len(g) == 0 })
}

// prepareGroups splits rules into evalWorkers groups and prepares a query
// for each.
func (e *Engine) prepareGroups(ctx context.Context, rules []*ruleRef) ([]*queryGroup, error) {
	var out []*queryGroup
	for _, part := range partition(rules, evalWorkers) {
		g, err := e.prepareGroup(ctx, part)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// prepareGroup builds one query binding every rule of the group:
// r0 = [x | x := data.logctl.teo.deny_a], ... The comprehension keeps the
// query defined when a (complete) rule is undefined.
func (e *Engine) prepareGroup(ctx context.Context, rules []*ruleRef) (*queryGroup, error) {
	var b strings.Builder
	for i, r := range rules {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "r%d = [x | x := %s]", i, r.ref())
	}
	pq, err := rego.New(
		rego.Query(b.String()),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare policy query: %w", err)
	}
	return &queryGroup{rules: rules, query: pq}, nil
}

// Eval evaluates every rule on the document. live, when not nil, becomes
// data.logctl.live (keys deliveryTasks, exports, dumps, each in the YAML
// shape) so that uniqueness rules see resources no file declares. To
// evaluate one document more than once, Prepare it instead.
func (e *Engine) Eval(ctx context.Context, doc *spec.Document, live map[string]any) ([]Finding, error) {
	ev, err := e.Prepare(doc)
	if err != nil {
		return nil, err
	}
	return ev.Eval(ctx, live)
}

// evalGroups runs the groups in parallel and concatenates their findings in
// group order.
func evalGroups(ctx context.Context, groups []*queryGroup, input ast.Value, txn storage.Transaction) ([]rawFinding, error) {
	jobs := make([]evalJob, len(groups))
	for i, g := range groups {
		jobs[i] = evalJob{g: g, input: func() (ast.Value, error) { return input, nil }}
	}
	return evalJobs(ctx, jobs, txn)
}

// evalJob is one group's query over one input, built when the job starts
// so that only the inputs being evaluated exist at once.
type evalJob struct {
	g     *queryGroup
	input func() (ast.Value, error)
	done  func() // when set, called once the job has ended (its input may go)
}

// evalJobs runs the jobs, evalWorkers at a time, and concatenates their
// findings in job order. The first failure stops the jobs not yet started.
func evalJobs(ctx context.Context, jobs []evalJob, txn storage.Transaction) ([]rawFinding, error) {
	results := make([][]rawFinding, len(jobs))
	var mu sync.Mutex
	var first error // the failure that stopped the rest, not its echoes
	next := make(chan int)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range min(evalWorkers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in, err := jobs[i].input()
				if err == nil {
					results[i], err = jobs[i].g.eval(ctx, in, txn)
				}
				if jobs[i].done != nil {
					jobs[i].done()
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					cancel()
				}
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		return nil, first
	}
	var out []rawFinding
	for i := range jobs {
		out = append(out, results[i]...)
	}
	return out, nil
}

// dedupe drops repeated findings, keeping the first: a chunkable rule that
// does not depend on the resources finds the same thing in every chunk.
func dedupe(raw []rawFinding) []rawFinding {
	seen := make(map[rawFinding]bool, len(raw))
	out := raw[:0]
	for _, f := range raw {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

func (g *queryGroup) eval(ctx context.Context, input ast.Value, txn storage.Transaction) ([]rawFinding, error) {
	opts := []rego.EvalOption{rego.EvalParsedInput(input), rego.EvalVirtualCache(newFuncCache())}
	if txn != nil {
		opts = append(opts, rego.EvalTransaction(txn))
	}
	rs, err := g.query.Eval(ctx, opts...)
	if err != nil && ctx.Err() != nil {
		// OPA reports a cancelled context as a time-out of whatever
		// builtin was running; say what happened instead.
		return nil, fmt.Errorf("evaluate policies: stopped: %w", ctx.Err())
	}
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("evaluate policies: %d result sets, want 1", len(rs))
	}
	var out []rawFinding
	for i, r := range g.rules {
		wrapped, _ := rs[0].Bindings[fmt.Sprintf("r%d", i)].([]any)
		for _, v := range wrapped {
			fs, err := decodeResults(r, v)
			if err != nil {
				return nil, fmt.Errorf("evaluate policies: %w", err)
			}
			out = append(out, fs...)
		}
	}
	return out, nil
}

// liveTxn writes data.logctl.live into a write transaction that the caller
// aborts after the evaluation, so the store itself never changes.
func (e *Engine) liveTxn(ctx context.Context, live ast.Value) (storage.Transaction, error) {
	txn, err := e.store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return nil, fmt.Errorf("live state: %w", err)
	}
	path := storage.Path{"logctl", "live"}
	if err := storage.MakeDir(ctx, e.store, txn, path[:1]); err != nil {
		e.store.Abort(ctx, txn)
		return nil, fmt.Errorf("live state: %w", err)
	}
	if err := e.store.Write(ctx, txn, storage.AddOp, path, live); err != nil {
		e.store.Abort(ctx, txn)
		return nil, fmt.Errorf("live state: %w", err)
	}
	return txn, nil
}
