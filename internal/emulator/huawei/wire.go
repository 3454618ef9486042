package huawei

// Response shapes of the transfer APIs (huawei-lts-transfer.md §5, §6).

type transferJSON struct {
	LogGroupID      string       `json:"log_group_id"`
	LogGroupName    string       `json:"log_group_name"`
	LogStreams      []streamJSON `json:"log_streams"`
	LogTransferID   string       `json:"log_transfer_id"`
	LogTransferInfo infoJSON     `json:"log_transfer_info"`
}

type streamJSON struct {
	LogStreamID   string `json:"log_stream_id"`
	LogStreamName string `json:"log_stream_name"`
}

type infoJSON struct {
	LogAgencyTransfer *Agency    `json:"log_agency_transfer,omitempty"`
	LogCreateTime     int64      `json:"log_create_time"` // milliseconds
	LogStorageFormat  string     `json:"log_storage_format"`
	LogTransferDetail detailJSON `json:"log_transfer_detail"`
	LogTransferMode   string     `json:"log_transfer_mode"`
	LogTransferStatus string     `json:"log_transfer_status"`
	LogTransferType   string     `json:"log_transfer_type"`
}

// detailJSON is the TransferDetail the SDK decodes. obs_period is a pointer
// with omitempty so that it is a number or absent, never null: the SDK's
// int enum decoder fails on null (§9).
type detailJSON struct {
	ObsPeriod          *int32   `json:"obs_period,omitempty"`
	ObsPeriodUnit      *string  `json:"obs_period_unit,omitempty"`
	ObsBucketName      *string  `json:"obs_bucket_name,omitempty"`
	ObsTransferPath    *string  `json:"obs_transfer_path,omitempty"`
	ObsPrefixName      *string  `json:"obs_prefix_name,omitempty"`
	ObsDirPreFixName   *string  `json:"obs_dir_pre_fix_name,omitempty"`
	ObsEncryptedEnable *bool    `json:"obs_encrypted_enable,omitempty"`
	ObsEncryptedID     string   `json:"obs_encrypted_id,omitempty"`
	ObsTimeZone        string   `json:"obs_time_zone,omitempty"`
	ObsTimeZoneID      string   `json:"obs_time_zone_id,omitempty"`
	ObsEpsID           string   `json:"obs_eps_id,omitempty"`
	DisID              string   `json:"dis_id,omitempty"`
	DisName            string   `json:"dis_name,omitempty"`
	KafkaID            string   `json:"kafka_id,omitempty"`
	KafkaTopic         string   `json:"kafka_topic,omitempty"`
	Tags               []string `json:"tags"`
	LtsTags            []string `json:"lts_tags,omitempty"`
	StreamTags         []string `json:"stream_tags,omitempty"`
	StructFields       []string `json:"struct_fields,omitempty"`
}

// render builds the transfer object every transfer API returns, identical
// for transfers created through log-dump/obs and through transfers.
func (w *World) render(t Transfer) transferJSON {
	groupName := "lts-group-" + short(t.LogGroupID)
	if p := w.project(t.ProjectID); p != nil {
		if g := p.group(t.LogGroupID); g != nil {
			groupName = g.GroupName()
		}
	}
	streams := make([]streamJSON, len(t.LogStreamIDs))
	for i, id := range t.LogStreamIDs {
		streams[i] = streamJSON{LogStreamID: id, LogStreamName: StreamName(id)}
	}
	return transferJSON{
		LogGroupID:    t.LogGroupID,
		LogGroupName:  groupName,
		LogStreams:    streams,
		LogTransferID: t.ID,
		LogTransferInfo: infoJSON{
			LogAgencyTransfer: t.Agency,
			LogCreateTime:     t.CreateTimeMs,
			LogStorageFormat:  t.StorageFormat,
			LogTransferDetail: renderDetail(t.Type, t.Detail),
			LogTransferMode:   t.Mode,
			LogTransferStatus: t.Status,
			LogTransferType:   t.Type,
		},
	}
}

// renderDetail: OBS transfers report every OBS field, with "" for unset
// prefixes and [] for no tags as the vendor examples do (§6); DIS and DMS
// transfers report their own fields only.
func renderDetail(typ string, d Detail) detailJSON {
	out := detailJSON{
		ObsEncryptedID: d.ObsEncryptedID, ObsTimeZone: d.ObsTimeZone, ObsTimeZoneID: d.ObsTimeZoneID,
		ObsEpsID: d.ObsEpsID, DisID: d.DisID, DisName: d.DisName, KafkaID: d.KafkaID, KafkaTopic: d.KafkaTopic,
		Tags: d.Tags, LtsTags: d.LtsTags, StreamTags: d.StreamTags, StructFields: d.StructFields,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if typ == typeOBS {
		out.ObsPeriod = &d.ObsPeriod
		out.ObsPeriodUnit = &d.ObsPeriodUnit
		out.ObsBucketName = &d.ObsBucketName
		out.ObsTransferPath = &d.ObsTransferPath
		out.ObsPrefixName = &d.ObsPrefixName
		out.ObsDirPreFixName = &d.ObsDirPreFixName
		out.ObsEncryptedEnable = &d.ObsEncryptedEnable
	}
	return out
}
