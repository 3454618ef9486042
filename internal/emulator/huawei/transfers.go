package huawei

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// Request bodies of /v2/{project_id}/transfers (huawei-lts-transfer.md §6).
type streamRef struct {
	LogStreamID   string `json:"log_stream_id"`
	LogStreamName string `json:"log_stream_name"` // ignored: the server names streams
}

type createBody struct {
	LogGroupID      string      `json:"log_group_id"`
	LogStreams      []streamRef `json:"log_streams"`
	LogTransferInfo *struct {
		LogTransferType   string  `json:"log_transfer_type"`
		LogTransferMode   string  `json:"log_transfer_mode"`
		LogStorageFormat  string  `json:"log_storage_format"`
		LogTransferStatus string  `json:"log_transfer_status"`
		LogAgencyTransfer *Agency `json:"log_agency_transfer"`
		LogTransferDetail *Detail `json:"log_transfer_detail"`
	} `json:"log_transfer_info"`
}

type updateBody struct {
	LogTransferID   string       `json:"log_transfer_id"`
	LogGroupID      string       `json:"log_group_id"`
	LogStreams      *[]streamRef `json:"log_streams"`
	LogTransferInfo *struct {
		LogStorageFormat  string  `json:"log_storage_format"`
		LogTransferStatus string  `json:"log_transfer_status"`
		LogTransferDetail *Detail `json:"log_transfer_detail"`
	} `json:"log_transfer_info"`
}

func streamIDs(refs []streamRef) []string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.LogStreamID
	}
	return ids
}

// createTransfer answers 200 with the transfer object (§5).
func (h *handler) createTransfer(p *Project, body []byte) (int, any, *apiError) {
	var b createBody
	if err := decode(body, &b); err != nil {
		return 0, nil, err
	}
	info := b.LogTransferInfo
	if info == nil || info.LogTransferDetail == nil {
		return 0, nil, validation("log_transfer_info and its log_transfer_detail are required")
	}
	in := transferInput{
		groupID: b.LogGroupID, streamIDs: streamIDs(b.LogStreams),
		typ: info.LogTransferType, mode: info.LogTransferMode,
		format: info.LogStorageFormat, status: info.LogTransferStatus,
		detail: *info.LogTransferDetail, agency: info.LogAgencyTransfer,
	}
	if err := checkShape(in.groupID, in.streamIDs, maxDumpStreams); err != nil {
		return 0, nil, err
	}
	if err := checkInfo(in); err != nil {
		return 0, nil, err
	}
	now := h.cfg.Now()
	t, err := h.mutate(func(s *State) (Transfer, *apiError) { return s.create(p, in, now) })
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, h.cfg.World.render(t), nil
}

// updateTransfer answers 200 with the updated transfer (§5).
func (h *handler) updateTransfer(p *Project, body []byte) (int, any, *apiError) {
	var b updateBody
	if err := decode(body, &b); err != nil {
		return 0, nil, err
	}
	if len(b.LogTransferID) != 36 {
		return 0, nil, badRequest(codeValidation, "transfer id is invalid or missing")
	}
	info := b.LogTransferInfo
	if info == nil || info.LogTransferDetail == nil {
		return 0, nil, validation("log_transfer_info and its log_transfer_detail are required")
	}
	in := updateInput{
		id: b.LogTransferID, groupID: b.LogGroupID,
		format: info.LogStorageFormat, status: info.LogTransferStatus,
		detail: *info.LogTransferDetail,
	}
	if h.cfg.Semantics.ModifyKeepsOmitted {
		in.sentDetail = sentDetailKeys(body)
	}
	if b.LogStreams != nil {
		in.streamIDs = streamIDs(*b.LogStreams)
	}
	t, err := h.mutate(func(s *State) (Transfer, *apiError) { return s.update(p, in) })
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, h.cfg.World.render(t), nil
}

// deleteTransfer answers 200 with the deleted transfer (§5).
func (h *handler) deleteTransfer(p *Project, q url.Values) (int, any, *apiError) {
	id := q.Get("log_transfer_id")
	if len(id) != 36 {
		return 0, nil, badRequest(codeValidation, "transfer id is invalid or missing")
	}
	t, err := h.mutate(func(s *State) (Transfer, *apiError) { return s.remove(p.ID, id) })
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, h.cfg.World.render(t), nil
}

type listJSON struct {
	LogTransfers []transferJSON `json:"log_transfers"`
}

// listTransfers returns the transfers of the project in creation order,
// filtered by log_transfer_type, log_group_name and log_stream_name when
// given. By default offset and limit are ignored and the list is one page
// (see doc.go); under the lts-page=N switch a call returns at most N
// transfers from offset, fewer when limit is smaller.
func (h *handler) listTransfers(p *Project, q url.Values) (int, any, *apiError) {
	typ := q.Get("log_transfer_type")
	if q.Has("log_transfer_type") && typ != typeOBS && typ != typeDIS && typ != typeDMS {
		return 0, nil, badRequest(codeInvalidType, "Invalid log transfer type")
	}
	offset, limit, apiErr := h.pageWindow(q)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	groupName, streamName := q.Get("log_group_name"), q.Get("log_stream_name")
	h.cfg.Lock.Lock()
	transfers := slices.Clone(h.cfg.State.Transfers)
	h.cfg.Lock.Unlock()
	out := listJSON{LogTransfers: []transferJSON{}}
	for _, t := range transfers {
		if t.ProjectID != p.ID || typ != "" && t.Type != typ {
			continue
		}
		j := h.cfg.World.render(t)
		if groupName != "" && j.LogGroupName != groupName || streamName != "" && !hasStreamName(j, streamName) {
			continue
		}
		out.LogTransfers = append(out.LogTransfers, j)
	}
	if limit > 0 {
		out.LogTransfers = window(out.LogTransfers, offset, limit)
	}
	return http.StatusOK, out, nil
}

// pageWindow reads offset and limit under lts-page=N (limit 0: no paging).
// The vendor page documents offset 0..1024 and limit 0..100 (§5); an absent
// or zero limit means the page size, and a limit above it is cut to it.
func (h *handler) pageWindow(q url.Values) (offset, limit int, apiErr *apiError) {
	page := h.cfg.Semantics.LTSPage
	if page <= 0 {
		return 0, 0, nil
	}
	offset, err := queryInt(q, "offset")
	if err != nil {
		return 0, 0, validation("offset must be a non-negative integer")
	}
	limit, err = queryInt(q, "limit")
	if err != nil {
		return 0, 0, validation("limit must be a non-negative integer")
	}
	if limit == 0 || limit > page {
		limit = page
	}
	return offset, limit, nil
}

func queryInt(q url.Values, key string) (int, error) {
	if !q.Has(key) {
		return 0, nil
	}
	n, err := strconv.Atoi(q.Get(key))
	if err == nil && n < 0 {
		err = strconv.ErrRange
	}
	return n, err
}

func window(ts []transferJSON, offset, limit int) []transferJSON {
	if offset >= len(ts) {
		return []transferJSON{}
	}
	return ts[offset:min(len(ts), offset+limit)]
}

func hasStreamName(t transferJSON, name string) bool {
	return slices.ContainsFunc(t.LogStreams, func(s streamJSON) bool { return s.LogStreamName == name })
}
