package lts

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/spec"
)

// Wire values (huawei-lts-transfer.md §4-§6).
const (
	typeOBS        = "OBS"
	modeCycle      = "cycle"
	formatRaw      = "RAW"
	statusEnable   = "ENABLE"
	statusDisable  = "DISABLE"
	statusAbnormal = "EXCEPTION" // appears in read results only
)

// periods are the OBS periods: 2/5/30 minutes, 1/3/6/12 hours (§4, §6).
var periods = map[string]bool{"2min": true, "5min": true, "30min": true,
	"1hour": true, "3hour": true, "6hour": true, "12hour": true}

// isOBS reports whether a listed transfer goes to OBS: only those are dumps.
func isOBS(w *model.CreateTransferResponseBody) bool {
	return w.LogTransferInfo != nil && w.LogTransferInfo.LogTransferType.Value() == typeOBS
}

// dumpFromWire converts an OBS transfer as ListTransfers returns it. A
// transfer has no name (the spec's is a logctl-side label); region and
// project are those the list was read in.
func dumpFromWire(region, project string, w *model.CreateTransferResponseBody) spec.Dump {
	d := spec.Dump{Region: region, ProjectID: project, LogGroupID: w.LogGroupId}
	for _, s := range w.LogStreams {
		d.LogStreamIDs = append(d.LogStreamIDs, s.LogStreamId)
	}
	info := w.LogTransferInfo
	if info == nil {
		return d
	}
	d.StorageFormat = info.LogStorageFormat.Value()
	d.Enabled = enabledFromStatus(info.LogTransferStatus.Value())
	if det := info.LogTransferDetail; det != nil {
		d.Bucket = det.ObsBucketName
		d.PrefixName = deref(det.ObsPrefixName)
		d.DirPrefixName = deref(det.ObsDirPreFixName)
		if n := det.ObsPeriod.Value(); n != 0 || det.ObsPeriodUnit != "" {
			d.Period = strconv.Itoa(int(n)) + det.ObsPeriodUnit
		}
	}
	return d
}

// enabledFromStatus: EXCEPTION transfers nothing, so it reads as disabled
// (the plan then shows the drift); an unknown status stays unset.
func enabledFromStatus(s string) *bool {
	var v bool
	switch s {
	case statusEnable:
		v = true
	case statusDisable, statusAbnormal:
		v = false
	default:
		return nil
	}
	return &v
}

func statusOf(d *spec.Dump) string {
	if d.Enabled != nil && !*d.Enabled {
		return statusDisable
	}
	return statusEnable
}

func formatOf(d *spec.Dump) string {
	if d.StorageFormat == "" {
		return formatRaw // §4: RAW is the default
	}
	return d.StorageFormat
}

// splitPeriod turns "5min" into (5, "min") and "12hour" into (12, "hour").
func splitPeriod(p string) (int32, string, error) {
	if !periods[p] {
		return 0, "", fmt.Errorf("dump period %q is not one of 2min, 5min, 30min, 1hour, 3hour, 6hour, 12hour: %w", p, apierr.ErrInvalid)
	}
	unit := "min"
	if strings.HasSuffix(p, "hour") {
		unit = "hour"
	}
	n, _ := strconv.Atoi(strings.TrimSuffix(p, unit))
	return int32(n), unit, nil
}

// detailToWire is the OBS transfer detail; unset prefixes are left out
// (the fields are 1..64 characters when present, §6).
func detailToWire(d *spec.Dump) (*model.LogTransferDetail, error) {
	n, unit, err := splitPeriod(d.Period)
	if err != nil {
		return nil, err
	}
	return &model.LogTransferDetail{ObsPeriod: n, ObsPeriodUnit: unit, ObsBucketName: d.Bucket,
		ObsPrefixName: optional(d.PrefixName), ObsDirPreFixName: optional(d.DirPrefixName)}, nil
}

// createTransferBody is CreateTransfer's body for an OBS dump (§6).
func createTransferBody(d *spec.Dump) (*model.CreateTransferRequestBody, error) {
	detail, err := detailToWire(d)
	if err != nil {
		return nil, err
	}
	streams := make([]model.CreateTransferRequestBodyLogStreams, len(d.LogStreamIDs))
	for i, id := range d.LogStreamIDs {
		streams[i] = model.CreateTransferRequestBodyLogStreams{LogStreamId: id}
	}
	return &model.CreateTransferRequestBody{
		LogGroupId: d.LogGroupID, LogStreams: streams,
		LogTransferInfo: &model.CreateTransferRequestBodyLogTransferInfo{
			LogTransferType:   typeOBS,
			LogTransferMode:   Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferMode](modeCycle),
			LogStorageFormat:  Enum[model.CreateTransferRequestBodyLogTransferInfoLogStorageFormat](formatOf(d)),
			LogTransferStatus: Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferStatus](statusOf(d)),
			LogTransferDetail: detail,
		},
	}, nil
}

// logDumpBody is the old API's body (§4): type is always cycle.
func logDumpBody(d *spec.Dump) (*model.CreateLogDumpObsRequestBody, error) {
	n, unit, err := splitPeriod(d.Period)
	if err != nil {
		return nil, err
	}
	on := statusOf(d) == statusEnable
	return &model.CreateLogDumpObsRequestBody{
		LogGroupId: d.LogGroupID, LogStreamIds: d.LogStreamIDs, ObsBucketName: d.Bucket, Type: modeCycle,
		StorageFormat: formatOf(d), SwitchOn: &on, PrefixName: optional(d.PrefixName),
		DirPrefixName: optional(d.DirPrefixName), Period: n, PeriodUnit: unit,
	}, nil
}

// updateBody is UpdateTransfer's body: streams, format, status and the
// whole detail, as Terraform sends it (§8). Group, type and mode are fixed.
func updateBody(id string, d *spec.Dump) (*model.UpdateTransferRequestBody, error) {
	detail, err := detailToWire(d)
	if err != nil {
		return nil, err
	}
	// Prefixes are written out even when empty: the vendor leaves open
	// whether an update that omits a detail member clears it (as the
	// emulator's default does) or keeps it (modify-keeps-omitted); an
	// explicit "" clears it under both readings, so removing a prefix from
	// the YAML converges either way.
	detail.ObsPrefixName, detail.ObsDirPreFixName = &d.PrefixName, &d.DirPrefixName
	streams := make([]model.LogStreams, len(d.LogStreamIDs))
	for i, sid := range d.LogStreamIDs {
		streams[i] = model.LogStreams{LogStreamId: sid}
	}
	return &model.UpdateTransferRequestBody{
		LogTransferId: id, LogStreams: &streams,
		LogTransferInfo: &model.UpdateTransferRequestBodyLogTransferInfo{
			LogStorageFormat:  Enum[model.UpdateTransferRequestBodyLogTransferInfoLogStorageFormat](formatOf(d)),
			LogTransferStatus: Enum[model.UpdateTransferRequestBodyLogTransferInfoLogTransferStatus](statusOf(d)),
			LogTransferDetail: detail,
		},
	}, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
