package engine

import (
	"context"
	"errors"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// files is the loaded document with its compiled policies.
type files struct {
	doc   *spec.Document
	diags spec.Diagnostics
	eng   *policy.Engine
	conv  *policy.Converter // converted doc's resources as they were parsed
}

// prepare converts what is left of doc's policy input for the engine.
func (f *files) prepare() (*policy.Evaluation, error) {
	return f.eng.PrepareWith(f.doc, f.conv)
}

// load loads the files and compiles the policies at the same time: neither
// depends on the other. Both failures are reported when both happen. The
// resources are converted to the policies' input as they are parsed, so
// that 100,000 of them are never all held in plain form; with deferItems
// those of a large file are not kept at all (spec.LoadOptions.DeferItems):
// the files' pass parses them again a chunk at a time.
func load(ctx context.Context, policyDirs, paths []string, deferItems bool) (*files, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	type built struct {
		engine *policy.Engine
		err    error
	}
	engineCh := make(chan built, 1)
	go func() {
		e, err := policy.New(ctx, policy.Options{UserDirs: policyDirs})
		engineCh <- built{e, err}
	}()
	conv := policy.NewConverter()
	doc, diags, err := spec.LoadWith(paths, spec.LoadOptions{ConvertItem: conv.ConvertItem, DeferItems: deferItems})
	eng := <-engineCh
	if err != nil || eng.err != nil {
		return nil, errors.Join(err, eng.err)
	}
	return &files{doc: doc, diags: diags, eng: eng.engine, conv: conv}, nil
}

// findings turns the loader's diagnostics into findings, evaluates the
// prepared policies, with the live state as data.logctl.live (nil: none
// was read), and drops the policy findings that repeat a schema finding at
// the same path (sample: high is a type error; "sample out of range" on top
// of it would only be noise).
func findings(ctx context.Context, ev *policy.Evaluation, doc *spec.Document, diags spec.Diagnostics, live map[string]any) ([]policy.Finding, error) {
	out := make([]policy.Finding, 0, len(diags))
	schemaPaths := map[string]bool{}
	for _, d := range diags {
		out = append(out, diagnosticFinding(doc, d))
		if d.Path != "" {
			schemaPaths[d.Path] = true
		}
	}
	pf, err := ev.Eval(ctx, live)
	if err != nil {
		return nil, err
	}
	for _, f := range pf {
		if f.Path != "" && schemaPaths[f.Path] {
			continue
		}
		out = append(out, f)
	}
	policy.SortByPosition(out)
	return out, nil
}

// diagnosticFinding makes a loader diagnostic a finding, so that every
// output format carries it with file:line. The fix (Detail) is the
// finding's hint: its own field in JSON, a second "hint:" line elsewhere.
func diagnosticFinding(doc *spec.Document, d spec.Diagnostic) policy.Finding {
	f := policy.Finding{Rule: d.Rule, Severity: policy.Severity(d.Severity), Message: d.Summary, Hint: d.Detail, Pos: d.Pos, Path: d.Path}
	if kind, name, ok := doc.ResourceAt(d.Path); ok {
		f.Kind, f.Name = kind, name
	}
	return f
}
