package main

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/provider/lts"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// projectRegions is what the LTS provider answers from IAM.
type projectRegions interface {
	ProjectRegions(ctx context.Context) (map[string]string, error)
}

// regionFindings checks, before any LTS call, that every dump's region is
// its project's (lts.region-project): values from resolved, positions from
// raw (the same dumps in the same order). A repository without dumps asks
// nothing. When IAM cannot be asked, one warning says the check was skipped;
// the LTS calls themselves then fail at the wrong region's endpoint.
func regionFindings(ctx context.Context, providers map[spec.Kind]reconcile.Provider, resolved, raw *spec.Document) []policy.Finding {
	if len(resolved.Dumps) == 0 {
		return nil
	}
	var src projectRegions
	if lp, ok := providers[spec.KindDump].(*lazyProvider); ok {
		p, err := lp.get()
		if err != nil {
			return []policy.Finding{regionFinding(raw, 0, "dumps[0]", policy.SeverityWarning,
				fmt.Sprintf("project regions not checked: %v", err))}
		}
		src, _ = p.(projectRegions)
	}
	if src == nil {
		return nil
	}
	regions, err := src.ProjectRegions(ctx)
	if err != nil {
		return []policy.Finding{regionFinding(raw, 0, "dumps[0]", policy.SeverityWarning,
			fmt.Sprintf("project regions not checked: IAM did not list the projects: %v", err))}
	}
	var out []policy.Finding
	for _, m := range lts.RegionMismatches(resolved.Dumps, regions) {
		out = append(out, regionFinding(raw, m.Index, m.Path, policy.SeverityError, m.Message))
	}
	return out
}

func regionFinding(raw *spec.Document, i int, path string, sev policy.Severity, msg string) policy.Finding {
	f := policy.Finding{Rule: lts.RuleRegionProject, Severity: sev, Message: msg, Pos: raw.Locate(path),
		Kind: spec.KindDump, Path: path}
	if i < len(raw.Dumps) {
		f.Name = raw.Dumps[i].Name
	}
	return f
}
