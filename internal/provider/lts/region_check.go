package lts

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/spec"
)

// RuleRegionProject is the finding for a dump whose region is not its
// project's.
const RuleRegionProject = "lts.region-project"

// RegionMismatch is a dump that names a region its project is not in, or a
// project the credentials cannot use.
type RegionMismatch struct {
	Index   int    // in Document.Dumps
	Path    string // e.g. "dumps[3].region"
	Message string
}

// RegionMismatches checks every dump's region against its project's, as
// IAM names them (ProjectRegions). Dumps whose region or project is unset
// or still an ${env:} reference are left alone.
func RegionMismatches(dumps []spec.Dump, regions map[string]string) []RegionMismatch {
	var out []RegionMismatch
	for i, d := range dumps {
		if d.Region == "" || d.ProjectID == "" || strings.Contains(d.Region+d.ProjectID, "${") {
			continue
		}
		got, ok := regions[d.ProjectID]
		switch {
		case !ok:
			out = append(out, RegionMismatch{Index: i, Path: fmt.Sprintf("dumps[%d].projectId", i),
				Message: fmt.Sprintf("dump %q: project %s is not among the %d projects IAM lists for these credentials",
					d.Name, d.ProjectID, len(regions))})
		case got != d.Region:
			out = append(out, RegionMismatch{Index: i, Path: fmt.Sprintf("dumps[%d].region", i),
				Message: fmt.Sprintf("dump %q: region %s, but project %s is in %s (IAM); LTS at %s does not know it: set region: %s",
					d.Name, d.Region, d.ProjectID, got, regionHost(d.Region), got)})
		}
	}
	return out
}
