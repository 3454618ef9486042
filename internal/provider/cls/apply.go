package cls

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
)

// Create starts the export and returns its ExportId.
func (p *Provider) Create(ctx context.Context, desired reconcile.Object) (string, error) {
	e := desired.Export
	if e == nil {
		return "", fmt.Errorf("create export: the object holds no export: %w", apierr.ErrInvalid)
	}
	what := fmt.Sprintf("create export %q on topic %s", e.Name, e.TopicID)
	req, err := createRequest(e)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	a, err := p.api(e.Region)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.CLSCreateExport); err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	resp, err := a.CreateExport(ctx, req)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if resp.ExportId == "" {
		// A success without an id: the export may exist; find it by identity.
		return "", fmt.Errorf("%s: the response has no ExportId: %w", what, apierr.ErrOutcomeUnknown)
	}
	// Past the bound the export counts as created: the verifying plan
	// shows whether it is.
	_, _ = p.awaitListed(ctx, a, e.TopicID, resp.ExportId, true)
	return resp.ExportId, nil
}

// Update always fails: CLS has no API to modify an export (cls-export.md
// §5), so diff plans every change as a replace and never asks for this.
func (p *Provider) Update(ctx context.Context, live, desired reconcile.Object) error {
	return fmt.Errorf("update export %s: exports are immutable, replace it instead: %w", live.ID, apierr.ErrInvalid)
}

// Delete deletes the export in its region and waits until the topic no
// longer lists it; one already gone is apierr.ErrNotFound, confirmed by a
// fresh read whatever the code (deleteFailed).
func (p *Provider) Delete(ctx context.Context, live reconcile.Object) error {
	if live.ID == "" || live.Export == nil {
		return fmt.Errorf("delete export: the live object needs an ExportId and its export: %w", apierr.ErrInvalid)
	}
	a, err := p.api(live.Export.Region)
	if err != nil {
		return fmt.Errorf("delete export %s: %w", live.ID, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.CLSDeleteExport); err != nil {
		return fmt.Errorf("delete export %s: %w", live.ID, err)
	}
	if _, err := a.DeleteExport(ctx, &DeleteExportRequest{ExportId: live.ID}); err != nil {
		if err := p.deleteFailed(ctx, a, live.Export.TopicID, live.ID, err); err != nil {
			return fmt.Errorf("delete export %s in %s: %w", live.ID, a.Region(), err)
		}
		return nil
	}
	if _, err := p.awaitListed(ctx, a, live.Export.TopicID, live.ID, false); err != nil {
		return fmt.Errorf("delete export %s in %s: wait until it is gone: %w", live.ID, a.Region(), err)
	}
	return nil
}
