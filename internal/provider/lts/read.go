package lts

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Read returns every OBS transfer of the target project. ListTransfers
// pages defensively (list.go: whether the server honours offset and limit
// is UNCONFIRMED, §5/§8), and the server may ignore log_transfer_type, so
// OBS transfers are picked here. Narrowing to log groups is left to the
// caller. Status is log_transfer_status as read.
func (p *Provider) Read(ctx context.Context, t reconcile.Target) ([]reconcile.Object, error) {
	if t.Kind != spec.KindDump {
		return nil, fmt.Errorf("read dumps: target %s is not a project: %w", t, apierr.ErrInvalid)
	}
	a, err := p.api(t.Region, t.ProjectID)
	if err != nil {
		return nil, fmt.Errorf("read dumps: %w", err)
	}
	return p.list(ctx, a, t.Region, t.ProjectID)
}

func (p *Provider) list(ctx context.Context, a *API, region, project string) ([]reconcile.Object, error) {
	region, project = scopeOf(a, region, project)
	what := fmt.Sprintf("read dumps of project %s in %s", project, region)
	if err := p.limits.Wait(ctx, ratelimit.LTSListTransfers); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	transfers, err := a.ListTransfers(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var out []reconcile.Object
	for i := range transfers {
		w := &transfers[i]
		if !isOBS(w) {
			continue
		}
		d := dumpFromWire(region, project, w)
		out = append(out, reconcile.Object{ID: w.LogTransferId, Status: w.LogTransferInfo.LogTransferStatus.Value(), Dump: &d})
	}
	return out, nil
}
