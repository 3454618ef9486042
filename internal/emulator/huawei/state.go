package huawei

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// State is the mutable LTS state the emulator persists: every transfer, in
// creation order, and the counter new ids are derived from. The zero value is
// an empty state. Callers hold Config.Lock while reading or changing it.
type State struct {
	// NextID counts the ids handed out so far; it only grows, so a deleted
	// transfer's id is never reused.
	NextID    uint64     `json:"nextId"`
	Transfers []Transfer `json:"transfers"`
}

// Transfer is one log transfer as stored, whichever API created it
// (huawei-lts-transfer.md §4 and §5 create the same object).
type Transfer struct {
	ID            string   `json:"id"`
	ProjectID     string   `json:"projectId"`
	LogGroupID    string   `json:"logGroupId"`
	LogStreamIDs  []string `json:"logStreamIds"`
	Type          string   `json:"type"`          // OBS | DIS | DMS
	Mode          string   `json:"mode"`          // cycle | realTime
	StorageFormat string   `json:"storageFormat"` // RAW | JSON
	Status        string   `json:"status"`        // ENABLE | DISABLE
	CreateTimeMs  int64    `json:"createTimeMs"`
	Detail        Detail   `json:"detail"`
	Agency        *Agency  `json:"agency,omitempty"`
}

// Detail is the stored log_transfer_detail, with the API's own field names.
// invalid_field_value is write-only in the API (§6) and so is not kept.
type Detail struct {
	ObsPeriod          int32    `json:"obs_period,omitempty"`
	ObsPeriodUnit      string   `json:"obs_period_unit,omitempty"`
	ObsBucketName      string   `json:"obs_bucket_name,omitempty"`
	ObsTransferPath    string   `json:"obs_transfer_path,omitempty"`
	ObsPrefixName      string   `json:"obs_prefix_name,omitempty"`
	ObsDirPreFixName   string   `json:"obs_dir_pre_fix_name,omitempty"`
	ObsEncryptedEnable bool     `json:"obs_encrypted_enable,omitempty"`
	ObsEncryptedID     string   `json:"obs_encrypted_id,omitempty"`
	ObsTimeZone        string   `json:"obs_time_zone,omitempty"`
	ObsTimeZoneID      string   `json:"obs_time_zone_id,omitempty"`
	ObsEpsID           string   `json:"obs_eps_id,omitempty"`
	DisID              string   `json:"dis_id,omitempty"`
	DisName            string   `json:"dis_name,omitempty"`
	KafkaID            string   `json:"kafka_id,omitempty"`
	KafkaTopic         string   `json:"kafka_topic,omitempty"`
	Tags               []string `json:"tags,omitempty"`
	LtsTags            []string `json:"lts_tags,omitempty"`
	StreamTags         []string `json:"stream_tags,omitempty"`
	StructFields       []string `json:"struct_fields,omitempty"`
}

// Agency is log_agency_transfer (cross-account delivery, §6).
type Agency struct {
	AgencyDomainID    string `json:"agency_domain_id"`
	AgencyDomainName  string `json:"agency_domain_name"`
	AgencyName        string `json:"agency_name"`
	AgencyProjectID   string `json:"agency_project_id"`
	BeAgencyDomainID  string `json:"be_agency_domain_id"`
	BeAgencyProjectID string `json:"be_agency_project_id"`
}

// newID hands out the next transfer id: a UUID-shaped hash of the project and
// the counter, so that a replay of the same requests on the same state yields
// the same ids.
func (s *State) newID(projectID string) string {
	s.NextID++
	sum := sha256.Sum256([]byte(projectID + "/" + strconv.FormatUint(s.NextID, 10)))
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// find returns the index of transfer id in project, or -1.
func (s *State) find(projectID, id string) int {
	return slices.IndexFunc(s.Transfers, func(t Transfer) bool {
		return t.ID == id && t.ProjectID == projectID
	})
}

// owner returns the transfer (other than except) that already holds stream,
// or nil. One stream belongs to at most one transfer of any type: the
// reference leaves the scope of LTS.0207 open (§10.2) and we pick the strict
// reading of its message.
func (s *State) owner(projectID, stream, except string) *Transfer {
	for i := range s.Transfers {
		t := &s.Transfers[i]
		if t.ProjectID == projectID && t.ID != except && slices.Contains(t.LogStreamIDs, stream) {
			return t
		}
	}
	return nil
}

// LiveDump is a transfer to OBS that already runs when the emulator starts,
// written in the logctl YAML format (design §3, dumps).
type LiveDump struct {
	Name          string   `yaml:"name" json:"name"`
	Region        string   `yaml:"region" json:"region"`
	ProjectID     string   `yaml:"projectId" json:"projectId"`
	LogGroupID    string   `yaml:"logGroupId" json:"logGroupId"`
	LogStreamIDs  []string `yaml:"logStreamIds" json:"logStreamIds"`
	Bucket        string   `yaml:"bucket" json:"bucket"`
	StorageFormat string   `yaml:"storageFormat" json:"storageFormat"`
	Enabled       *bool    `yaml:"enabled" json:"enabled"`
	PrefixName    string   `yaml:"prefixName" json:"prefixName"`
	DirPrefixName string   `yaml:"dirPrefixName" json:"dirPrefixName"`
	Period        string   `yaml:"period" json:"period"`
}

// Seed creates d as a live transfer, applying the same rules and codes as
// CreateTransfer. The caller holds the state lock and persists afterwards.
func (s *State) Seed(w *World, d LiveDump, now time.Time) error {
	p := w.project(d.ProjectID)
	if p == nil {
		return fmt.Errorf("seed dump %q: project %q is not in the world", d.Name, d.ProjectID)
	}
	if d.Region != "" && p.Region != "" && d.Region != p.Region {
		return fmt.Errorf("seed dump %q: project %q is in region %q, not %q", d.Name, p.ID, p.Region, d.Region)
	}
	period, unit, err := parsePeriod(d.Period)
	if err != nil {
		return fmt.Errorf("seed dump %q: %w", d.Name, err)
	}
	status := statusEnable
	if d.Enabled != nil && !*d.Enabled {
		status = statusDisable
	}
	format := d.StorageFormat
	if format == "" {
		format = formatRaw
	}
	in := transferInput{
		groupID: d.LogGroupID, streamIDs: d.LogStreamIDs,
		typ: typeOBS, mode: modeCycle, format: format, status: status,
		detail: Detail{
			ObsPeriod: period, ObsPeriodUnit: unit, ObsBucketName: d.Bucket,
			ObsPrefixName: d.PrefixName, ObsDirPreFixName: d.DirPrefixName,
		},
	}
	if apiErr := checkShape(in.groupID, in.streamIDs, maxDumpStreams); apiErr != nil {
		return fmt.Errorf("seed dump %q: %w", d.Name, apiErr)
	}
	if apiErr := checkInfo(in); apiErr != nil {
		return fmt.Errorf("seed dump %q: %w", d.Name, apiErr)
	}
	if _, apiErr := s.create(p, in, now); apiErr != nil {
		return fmt.Errorf("seed dump %q: %w", d.Name, apiErr)
	}
	return nil
}

// parsePeriod splits the YAML period ("5min", "1hour") into the API's
// period and period unit.
func parsePeriod(s string) (int32, string, error) {
	if s == "" {
		return 0, "", fmt.Errorf("period is required (one of %s)", strings.Join(periodNames, ", "))
	}
	for _, unit := range []string{"min", "hour"} {
		if n, ok := strings.CutSuffix(s, unit); ok {
			v, err := strconv.ParseInt(n, 10, 32)
			if err == nil && validPeriod(int32(v), unit) {
				return int32(v), unit, nil
			}
		}
	}
	return 0, "", fmt.Errorf("period %q is not one of %s", s, strings.Join(periodNames, ", "))
}
