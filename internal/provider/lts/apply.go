package lts

import (
	"context"
	"fmt"
	"slices"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// Create creates the dump through the configured API and returns its
// log_transfer_id.
func (p *Provider) Create(ctx context.Context, desired reconcile.Object) (string, error) {
	d := desired.Dump
	if d == nil {
		return "", fmt.Errorf("create dump: the object holds no dump: %w", apierr.ErrInvalid)
	}
	what := fmt.Sprintf("create dump %q of log group %s to bucket %s", d.Name, d.LogGroupID, d.Bucket)
	a, err := p.api(d.Region, d.ProjectID)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if p.createAPI == CreateAPILogDump {
		return p.createLogDump(ctx, a, d, what)
	}
	body, err := createTransferBody(d)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.LTSCreateTransfer); err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	resp, err := a.CreateTransfer(ctx, body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if resp.LogTransferId == nil || *resp.LogTransferId == "" {
		return "", fmt.Errorf("%s: the response has no log_transfer_id: %w", what, apierr.ErrOutcomeUnknown)
	}
	return *resp.LogTransferId, nil
}

// createLogDump uses the old API (§4), which answers only log_dump_obs_id.
// Nothing documents that id to be the transfer's, so the dump is read back
// and found by its streams (a stream belongs to one transfer only, §7
// LTS.0207). The emulator answers the transfer id, which the read-back
// confirms. If the read-back fails the dump exists: the old id comes back
// with the error, for apply to record.
func (p *Provider) createLogDump(ctx context.Context, a *API, d *spec.Dump, what string) (string, error) {
	body, err := logDumpBody(d)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.LTSCreateLogDumpObs); err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	resp, err := a.CreateLogDumpObs(ctx, body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if resp.LogDumpObsId == nil || *resp.LogDumpObsId == "" {
		return "", fmt.Errorf("%s: the response has no log_dump_obs_id: %w", what, apierr.ErrOutcomeUnknown)
	}
	dumpID := *resp.LogDumpObsId
	objs, err := p.list(ctx, a, d.Region, d.ProjectID)
	if err != nil {
		return dumpID, fmt.Errorf("%s: created as %s, but reading it back failed: %w", what, dumpID, err)
	}
	for _, o := range objs {
		if o.ID == dumpID || sameDump(o.Dump, d) {
			return o.ID, nil
		}
	}
	return dumpID, fmt.Errorf("%s: created as %s, but the transfer list does not show it: %w", what, dumpID, apierr.ErrOutcomeUnknown)
}

// sameDump: the listed transfer of the same group and bucket holding the
// dump's first stream is the dump.
func sameDump(got, want *spec.Dump) bool {
	return len(want.LogStreamIDs) > 0 && got.LogGroupID == want.LogGroupID && got.Bucket == want.Bucket &&
		slices.Contains(got.LogStreamIDs, want.LogStreamIDs[0])
}

// Update changes streams, format, status, period and prefixes in place.
func (p *Provider) Update(ctx context.Context, live, desired reconcile.Object) error {
	d := desired.Dump
	if d == nil || live.ID == "" {
		return fmt.Errorf("update dump %s: the objects need a transfer id and a dump: %w", live.ID, apierr.ErrInvalid)
	}
	a, err := p.api(d.Region, d.ProjectID)
	if err != nil {
		return fmt.Errorf("update dump %s: %w", live.ID, err)
	}
	body, err := updateBody(live.ID, d)
	if err != nil {
		return fmt.Errorf("update dump %s: %w", live.ID, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.LTSUpdateTransfer); err != nil {
		return fmt.Errorf("update dump %s: %w", live.ID, err)
	}
	if _, err := a.UpdateTransfer(ctx, body); err != nil {
		return fmt.Errorf("update dump %s: %w", live.ID, err)
	}
	return nil
}

// Delete deletes the transfer; one already gone is apierr.ErrNotFound
// (LTS.0405).
func (p *Provider) Delete(ctx context.Context, live reconcile.Object) error {
	if live.ID == "" || live.Dump == nil {
		return fmt.Errorf("delete dump %s: the live object needs a transfer id and its dump: %w", live.ID, apierr.ErrInvalid)
	}
	a, err := p.api(live.Dump.Region, live.Dump.ProjectID)
	if err != nil {
		return fmt.Errorf("delete dump %s: %w", live.ID, err)
	}
	if err := p.limits.Wait(ctx, ratelimit.LTSDeleteTransfer); err != nil {
		return fmt.Errorf("delete dump %s: %w", live.ID, err)
	}
	if _, err := a.DeleteTransfer(ctx, live.ID); err != nil {
		return fmt.Errorf("delete dump %s: %w", live.ID, err)
	}
	return nil
}
