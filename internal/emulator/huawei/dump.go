package huawei

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// dumpBody is the old API's request (huawei-lts-transfer.md §4).
type dumpBody struct {
	LogGroupID    string    `json:"log_group_id"`
	LogStreamIDs  []string  `json:"log_stream_ids"`
	ObsBucketName string    `json:"obs_bucket_name"`
	Type          string    `json:"type"`
	StorageFormat string    `json:"storage_format"`
	SwitchOn      *flexBool `json:"switch_on"`
	PrefixName    string    `json:"prefix_name"`
	DirPrefixName string    `json:"dir_prefix_name"`
	Period        *flexInt  `json:"period"`
	PeriodUnit    string    `json:"period_unit"`
}

// flexBool accepts true/false and "true"/"false": the vendor's own example
// sends "switch_on": "true" as a string, and it must work verbatim.
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		data = []byte(s)
	}
	v, err := strconv.ParseBool(string(data))
	if err != nil {
		return fmt.Errorf("switch_on must be true or false")
	}
	*b = flexBool(v)
	return nil
}

// flexInt accepts 5 and "5", for the same leniency as flexBool.
type flexInt int32

func (n *flexInt) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		data = []byte(s)
	}
	v, err := strconv.ParseInt(string(data), 10, 32)
	if err != nil {
		return fmt.Errorf("period must be an integer")
	}
	*n = flexInt(v)
	return nil
}

// createDump answers 201 {"log_dump_obs_id"} and stores an OBS transfer
// that lists exactly like one made through CreateTransfer.
func (h *handler) createDump(p *Project, body []byte) (int, any, *apiError) {
	in, err := parseDump(body)
	if err != nil {
		return 0, nil, err
	}
	now := h.cfg.Now()
	t, err := h.mutate(func(s *State) (Transfer, *apiError) { return s.create(p, in, now) })
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]string{"log_dump_obs_id": t.ID}, nil
}

// parseDump applies §4's rules: missing or mis-sized fields LTS.0009, enum
// values LTS.1901, prefixes LTS.1902.
func parseDump(body []byte) (transferInput, *apiError) {
	var b dumpBody
	if err := decode(body, &b); err != nil {
		return transferInput{}, err
	}
	if err := checkShape(b.LogGroupID, b.LogStreamIDs, maxDumpStreams); err != nil {
		return transferInput{}, err
	}
	if n := len(b.ObsBucketName); n < 3 || n > 63 {
		return transferInput{}, validation("obs_bucket_name must be 3 to 63 characters")
	}
	if b.Type == "" || b.Period == nil || b.PeriodUnit == "" {
		return transferInput{}, validation("type, period and period_unit are required")
	}
	if b.Type != modeCycle {
		return transferInput{}, notInList("type", b.Type)
	}
	if len(b.PrefixName) > 64 {
		return transferInput{}, badRequest(codeBadPrefix, "invalid prefix_name: at most 64 characters")
	}
	if len(b.DirPrefixName) > 64 {
		return transferInput{}, badRequest(codeBadPrefix, "invalid dir_prefix_name: at most 64 characters")
	}
	format := b.StorageFormat
	if format == "" {
		format = formatRaw // §4: RAW is the default
	}
	status := statusEnable
	if b.SwitchOn != nil && !*b.SwitchOn {
		status = statusDisable
	}
	in := transferInput{
		groupID: b.LogGroupID, streamIDs: b.LogStreamIDs,
		typ: typeOBS, mode: modeCycle, format: format, status: status,
		detail: Detail{
			ObsPeriod: int32(*b.Period), ObsPeriodUnit: b.PeriodUnit, ObsBucketName: b.ObsBucketName,
			ObsPrefixName: b.PrefixName, ObsDirPreFixName: b.DirPrefixName,
		},
	}
	return in, checkInfo(in)
}
