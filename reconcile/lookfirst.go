package reconcile

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/spec"
)

// lookBeforeCreate guards the creates of kinds the vendor lets exist twice:
// CreateExport takes no client token and refuses no duplicate
// (cls-export.md §2: the request is the export's fields, the response a
// fresh ExportId), so two applies from different machines, each planning
// from a read made before the other created anything, both create every
// export. Right before each export create, the topic is read again and an
// identical live export (other than exclude, the old half of a replace) is
// adopted instead. What is left is the window of one read and one create;
// CI closes it by serializing applies per directory (README, In CI).
//
// Delivery tasks and dumps need no look: EdgeOne refuses a second task on
// the same (entity, LogType, Area) slot (edgeone-logs.md §8) and LTS a
// second transfer of a log stream (LTS.0207, huawei-lts-transfer.md), so an
// identical twin cannot be created there.
func (run *applyRun) lookBeforeCreate(ctx context.Context, p Provider, want Object, exclude string) (id, note string, err error) {
	if want.Kind() != spec.KindExport {
		return "", "", nil
	}
	found, err := run.find(ctx, p, want, exclude)
	if err != nil {
		return "", "", fmt.Errorf("look for an identical export before creating one: %w", err)
	}
	if found != "" {
		return found, "an identical export already existed (another run created it); adopted it instead of creating a duplicate", nil
	}
	return "", "", nil
}
