package huawei

import (
	"slices"
	"strconv"
)

// Enum values of the transfer APIs (huawei-lts-transfer.md §6).
const (
	typeOBS       = "OBS"
	typeDIS       = "DIS"
	typeDMS       = "DMS"
	modeCycle     = "cycle"
	modeRealTime  = "realTime"
	formatRaw     = "RAW"
	formatJSON    = "JSON"
	statusEnable  = "ENABLE"
	statusDisable = "DISABLE"
)

// periodNames are the only OBS transfer intervals (§4, §6).
var periodNames = []string{"2min", "5min", "30min", "1hour", "3hour", "6hour", "12hour"}

func validPeriod(n int32, unit string) bool {
	return slices.Contains(periodNames, strconv.Itoa(int(n))+unit)
}

// requiredTags must all be present when tag delivery is on (§6 tags).
var requiredTags = []string{"hostIP", "hostId", "hostName", "pathFile", "collectTime"}

// transferInput is a create request after decoding, whichever API it came
// through.
type transferInput struct {
	groupID   string
	streamIDs []string
	typ       string
	mode      string
	format    string
	status    string
	detail    Detail
	agency    *Agency
}

// checkShape applies §10.1's length rules to the ids of a create request.
func checkShape(groupID string, streamIDs []string, maxStreams int) *apiError {
	if len(groupID) != 36 {
		return validation("log_group_id must be 36 characters")
	}
	if len(streamIDs) == 0 || len(streamIDs) > maxStreams {
		return validation("between 1 and %d log streams are required", maxStreams)
	}
	for i, id := range streamIDs {
		if len(id) != 36 {
			return validation("log stream id %q must be 36 characters", id)
		}
		if slices.Contains(streamIDs[:i], id) {
			return validation("log stream id %q is given twice", id)
		}
	}
	return nil
}

// checkInfo applies the enum and pairing rules of §6 and §10.1 to the
// transfer type, mode, format, status and detail.
func checkInfo(in transferInput) *apiError {
	switch in.typ {
	case typeOBS:
		if in.mode != modeCycle {
			return notInList("log_transfer_mode", in.mode)
		}
	case typeDIS, typeDMS:
		if in.mode != modeRealTime {
			return notInList("log_transfer_mode", in.mode)
		}
	default:
		return notInList("log_transfer_type", in.typ)
	}
	if err := checkFormatStatus(in.typ, in.format, in.status); err != nil {
		return err
	}
	if in.agency != nil {
		if err := checkAgency(*in.agency); err != nil {
			return err
		}
	}
	return checkDetail(in.typ, in.format, in.detail)
}

// checkFormatStatus: RAW or JSON (DMS RAW only, §6); ENABLE or DISABLE on
// input (EXCEPTION is only ever read back).
func checkFormatStatus(typ, format, status string) *apiError {
	if format != formatRaw && format != formatJSON || typ == typeDMS && format != formatRaw {
		return notInList("log_storage_format", format)
	}
	if status != statusEnable && status != statusDisable {
		return notInList("log_transfer_status", status)
	}
	return nil
}

func checkDetail(typ, format string, d Detail) *apiError {
	switch typ {
	case typeOBS:
		return checkOBSDetail(d)
	case typeDIS:
		if d.DisID == "" || d.DisName == "" {
			return validation("dis_id and dis_name are required for DIS transfers")
		}
	case typeDMS:
		if d.KafkaID == "" || d.KafkaTopic == "" {
			return validation("kafka_id and kafka_topic are required for DMS transfers")
		}
	}
	return checkTags(d.Tags)
}

func checkOBSDetail(d Detail) *apiError {
	if d.ObsPeriodUnit != "min" && d.ObsPeriodUnit != "hour" {
		return notInList("obs_period_unit", d.ObsPeriodUnit)
	}
	if !validPeriod(d.ObsPeriod, d.ObsPeriodUnit) {
		return notInList("obs_period and obs_period_unit", strconv.Itoa(int(d.ObsPeriod))+d.ObsPeriodUnit)
	}
	if n := len(d.ObsBucketName); n < 3 || n > 63 {
		return validation("obs_bucket_name must be 3 to 63 characters")
	}
	if len(d.ObsPrefixName) > 64 || len(d.ObsDirPreFixName) > 64 {
		return validation("obs_prefix_name and obs_dir_pre_fix_name are at most 64 characters")
	}
	if (d.ObsTimeZone == "") != (d.ObsTimeZoneID == "") {
		return validation("obs_time_zone and obs_time_zone_id must be given together")
	}
	if d.ObsEncryptedEnable && len(d.ObsEncryptedID) != 36 {
		return validation("obs_encrypted_id (36 characters) is required when obs_encrypted_enable is true")
	}
	return checkTags(d.Tags)
}

func checkTags(tags []string) *apiError {
	if len(tags) == 0 {
		return nil
	}
	for _, t := range requiredTags {
		if !slices.Contains(tags, t) {
			return validation("tags must include %q when tag delivery is on", t)
		}
	}
	return nil
}

func checkAgency(a Agency) *apiError {
	for _, v := range []string{a.AgencyDomainID, a.AgencyDomainName, a.AgencyName,
		a.AgencyProjectID, a.BeAgencyDomainID, a.BeAgencyProjectID} {
		if v == "" {
			return validation("every log_agency_transfer field is required when it is given")
		}
	}
	return nil
}
