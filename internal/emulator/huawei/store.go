package huawei

import (
	"slices"
	"time"
)

// maxDumpStreams is the old API's limit on log_stream_ids (§4); the new API
// documents no request maximum (§6, UNCONFIRMED), so we apply the same one.
const maxDumpStreams = 100

// snapshot copies the state so that a failed Commit can be undone; mutations
// below replace elements and slices, never an element's inner slices.
func (s *State) snapshot() State {
	return State{NextID: s.NextID, Transfers: slices.Clone(s.Transfers)}
}

// checkRefs resolves what a transfer points at, in the order the vendor
// reports it: group (LTS.0201), streams (LTS.0208), bucket (LTS.0416), then
// streams already held by another transfer (LTS.0207).
func (s *State) checkRefs(p *Project, groupID string, streams []string, typ, bucket, self string) *apiError {
	g := p.group(groupID)
	if g == nil {
		return badRequest(codeGroupNotFound, "the log group %s does not exist", groupID)
	}
	for _, id := range streams {
		if !g.hasStream(id) {
			return badRequest(codeStreamNotFound, "the log stream %s does not exist in log group %s", id, groupID)
		}
	}
	if typ == typeOBS && !p.hasBucket(bucket) {
		return badRequest(codeNoBucket, "the OBS bucket %s does not exist", bucket)
	}
	for _, id := range streams {
		if t := s.owner(p.ID, id, self); t != nil {
			return badRequest(codeStreamTaken, "the log stream %s is already associated with log transfer %s", id, t.ID)
		}
	}
	return nil
}

// create stores a new transfer after its references resolve.
func (s *State) create(p *Project, in transferInput, now time.Time) (Transfer, *apiError) {
	if err := s.checkRefs(p, in.groupID, in.streamIDs, in.typ, in.detail.ObsBucketName, ""); err != nil {
		return Transfer{}, err
	}
	t := Transfer{
		ID:            s.newID(p.ID),
		ProjectID:     p.ID,
		LogGroupID:    in.groupID,
		LogStreamIDs:  slices.Clone(in.streamIDs),
		Type:          in.typ,
		Mode:          in.mode,
		StorageFormat: in.format,
		Status:        in.status,
		CreateTimeMs:  now.UnixMilli(),
		Detail:        normalizeDetail(p, in.typ, in.detail),
		Agency:        in.agency,
	}
	s.Transfers = append(s.Transfers, t)
	return t, nil
}

// updateInput is a decoded UpdateTransfer body. streamIDs nil means "keep".
type updateInput struct {
	id        string
	groupID   string
	streamIDs []string
	format    string
	status    string
	detail    Detail
	// sentDetail, when not nil, lists the detail members the request
	// carried; the others keep their value (modify-keeps-omitted).
	sentDetail map[string]bool
}

// update changes format, status, detail and streams of a transfer. Type,
// mode, group and agency are not updatable (§6; Terraform marks them
// ForceNew), so a different log_group_id is refused with LTS.0009.
func (s *State) update(p *Project, in updateInput) (Transfer, *apiError) {
	i := s.find(p.ID, in.id)
	if i < 0 {
		return Transfer{}, badRequest(codeNoTransfer, "log transfer %s does not exist", in.id)
	}
	t := s.Transfers[i]
	if in.groupID != "" && in.groupID != t.LogGroupID {
		return Transfer{}, validation("log_group_id of a transfer cannot be changed")
	}
	if err := checkFormatStatus(t.Type, in.format, in.status); err != nil {
		return Transfer{}, err
	}
	if in.sentDetail != nil {
		in.detail = keepOmitted(t.Detail, in.detail, in.sentDetail)
	}
	if err := checkDetail(t.Type, in.format, in.detail); err != nil {
		return Transfer{}, err
	}
	streams := t.LogStreamIDs
	if in.streamIDs != nil {
		if err := checkShape(t.LogGroupID, in.streamIDs, maxDumpStreams); err != nil {
			return Transfer{}, err
		}
		streams = slices.Clone(in.streamIDs)
	}
	if err := s.checkRefs(p, t.LogGroupID, streams, t.Type, in.detail.ObsBucketName, t.ID); err != nil {
		return Transfer{}, err
	}
	t.LogStreamIDs = streams
	t.StorageFormat = in.format
	t.Status = in.status
	t.Detail = normalizeDetail(p, t.Type, in.detail)
	s.Transfers[i] = t
	return t, nil
}

// remove deletes a transfer and returns it.
func (s *State) remove(projectID, id string) (Transfer, *apiError) {
	i := s.find(projectID, id)
	if i < 0 {
		return Transfer{}, badRequest(codeNoTransfer, "log transfer %s does not exist", id)
	}
	t := s.Transfers[i]
	s.Transfers = slices.Delete(s.Transfers, i, i+1)
	return t, nil
}

// normalizeDetail keeps the fields that belong to the transfer type (the SDK
// sends zero OBS fields on DIS/DMS requests, §9) and computes the OBS path
// the server reports.
func normalizeDetail(p *Project, typ string, d Detail) Detail {
	switch typ {
	case typeOBS:
		d.DisID, d.DisName, d.KafkaID, d.KafkaTopic = "", "", "", ""
		d.LtsTags, d.StreamTags, d.StructFields = nil, nil, nil
		d.ObsTransferPath = transferPath(p, d)
	case typeDIS:
		d = Detail{DisID: d.DisID, DisName: d.DisName, Tags: d.Tags}
	case typeDMS:
		d = Detail{KafkaID: d.KafkaID, KafkaTopic: d.KafkaTopic, Tags: d.Tags,
			LtsTags: d.LtsTags, StreamTags: d.StreamTags, StructFields: d.StructFields}
	}
	return d
}

// transferPath synthesises obs_transfer_path, which the server computes
// (§6): /<bucket>/[<dir prefix>/]LogTanks/<region>/.
func transferPath(p *Project, d Detail) string {
	path := "/" + d.ObsBucketName + "/"
	if d.ObsDirPreFixName != "" {
		path += d.ObsDirPreFixName + "/"
	}
	return path + "LogTanks/" + p.Region + "/"
}
