package tencent

import (
	"fmt"
	"strconv"
	"time"
)

// Live resources of a world file (design §7 "live:"), in the logctl YAML
// format of design §3. They are created through the same rules as the API,
// once, when the state file is new.

// LiveTask is a deliveryTasks entry.
type LiveTask struct {
	Name                   string                `yaml:"name"`
	ZoneID                 string                `yaml:"zoneId"`
	Type                   string                `yaml:"type"`
	LogType                string                `yaml:"logType"`
	Area                   string                `yaml:"area"`
	Entities               []string              `yaml:"entities"`
	Fields                 []string              `yaml:"fields"`
	CustomFields           []LiveCustomField     `yaml:"customFields"`
	CustomExpressionFields []LiveExpressionField `yaml:"customExpressionFields"`
	DeliveryConditions     []LiveCondGroup       `yaml:"deliveryConditions"`
	Sample                 *uint64               `yaml:"sample"`
	LogFormat              *LiveLogFormat        `yaml:"logFormat"`
	Enabled                *bool                 `yaml:"enabled"`
	CLS                    *LiveCLS              `yaml:"cls"`
	CustomEndpoint         *LiveEndpoint         `yaml:"customEndpoint"`
	S3                     *LiveS3               `yaml:"s3"`
}

type LiveCustomField struct {
	Name    string `yaml:"name"`
	Value   string `yaml:"value"`
	Enabled *bool  `yaml:"enabled"`
}

type LiveExpressionField struct {
	Name       string `yaml:"name"`
	Expression string `yaml:"expression"`
	Enabled    *bool  `yaml:"enabled"`
}

type LiveCondGroup struct {
	Conditions []LiveCondition `yaml:"conditions"`
}

type LiveCondition struct {
	Key      string   `yaml:"key"`
	Operator string   `yaml:"operator"`
	Value    []string `yaml:"value"`
}

type LiveLogFormat struct {
	FormatType      string  `yaml:"formatType"`
	BatchPrefix     *string `yaml:"batchPrefix"`
	BatchSuffix     *string `yaml:"batchSuffix"`
	RecordPrefix    *string `yaml:"recordPrefix"`
	RecordSuffix    *string `yaml:"recordSuffix"`
	RecordTemplate  *string `yaml:"recordTemplate"`
	RecordDelimiter *string `yaml:"recordDelimiter"`
	FieldDelimiter  *string `yaml:"fieldDelimiter"`
}

type LiveCLS struct {
	LogSetID     string `yaml:"logSetId"`
	TopicID      string `yaml:"topicId"`
	LogSetRegion string `yaml:"logSetRegion"`
}

type LiveEndpoint struct {
	URL          string       `yaml:"url"`
	AccessID     *string      `yaml:"accessId"`
	AccessKey    *string      `yaml:"accessKey"`
	CompressType *string      `yaml:"compressType"`
	Protocol     *string      `yaml:"protocol"`
	Headers      []LiveHeader `yaml:"headers"`
}

type LiveHeader struct {
	Name   string `yaml:"name"`
	Value  string `yaml:"value"`
	Secret bool   `yaml:"secret"`
}

type LiveS3 struct {
	Endpoint     string  `yaml:"endpoint"`
	Region       string  `yaml:"region"`
	Bucket       string  `yaml:"bucket"`
	CompressType *string `yaml:"compressType"`
	AccessID     string  `yaml:"accessId"`
	AccessKey    string  `yaml:"accessKey"`
}

// LiveExport is an exports entry. From and To are RFC 3339 or epoch
// milliseconds.
type LiveExport struct {
	Name          string   `yaml:"name"`
	Region        string   `yaml:"region"`
	TopicID       string   `yaml:"topicId"`
	Query         string   `yaml:"query"`
	Count         uint64   `yaml:"count"`
	From          string   `yaml:"from"`
	To            string   `yaml:"to"`
	Order         *string  `yaml:"order"`
	Format        *string  `yaml:"format"`
	SyntaxRule    *uint64  `yaml:"syntaxRule"`
	DerivedFields []string `yaml:"derivedFields"`
}

// SeedTask creates a live delivery task as of now, with the rules of
// CreateRealtimeLogDeliveryTask. The caller holds the lock and commits.
func (h *Handler) SeedTask(l LiveTask, now time.Time) error {
	req := createTaskRequest{
		ZoneId: &l.ZoneID, Area: &l.Area, LogType: &l.LogType, TaskType: &l.Type,
		taskConfig: taskConfig{TaskName: &l.Name, EntityList: l.Entities, Fields: l.Fields, Sample: l.Sample},
	}
	for _, f := range l.CustomFields {
		req.CustomFields = append(req.CustomFields, CustomField{Name: str(f.Name), Value: str(f.Value), Enabled: f.Enabled})
	}
	for _, f := range l.CustomExpressionFields {
		req.CustomExpressionFields = append(req.CustomExpressionFields, CustomExpressionField{Name: str(f.Name), Expression: str(f.Expression), Enabled: f.Enabled})
	}
	for _, g := range l.DeliveryConditions {
		var dc DeliveryCondition
		for _, c := range g.Conditions {
			dc.Conditions = append(dc.Conditions, QueryCondition{Key: str(c.Key), Operator: str(c.Operator), Value: c.Value})
		}
		req.DeliveryConditions = append(req.DeliveryConditions, dc)
	}
	if f := l.LogFormat; f != nil {
		req.LogFormat = &LogFormat{FormatType: str(f.FormatType), BatchPrefix: f.BatchPrefix, BatchSuffix: f.BatchSuffix,
			RecordPrefix: f.RecordPrefix, RecordSuffix: f.RecordSuffix, RecordTemplate: f.RecordTemplate,
			RecordDelimiter: f.RecordDelimiter, FieldDelimiter: f.FieldDelimiter}
	}
	if c := l.CLS; c != nil {
		req.CLS = &CLSTopic{LogSetId: str(c.LogSetID), TopicId: str(c.TopicID), LogSetRegion: str(c.LogSetRegion)}
	}
	if e := l.CustomEndpoint; e != nil {
		ep := &CustomEndpoint{Url: str(e.URL), AccessId: e.AccessID, AccessKey: e.AccessKey, CompressType: e.CompressType, Protocol: e.Protocol}
		for _, hd := range e.Headers {
			ep.Headers = append(ep.Headers, Header{Name: str(hd.Name), Value: str(hd.Value)})
		}
		req.CustomEndpoint = ep
	}
	if s := l.S3; s != nil {
		req.S3 = &S3{Endpoint: str(s.Endpoint), Region: str(s.Region), Bucket: str(s.Bucket), AccessId: str(s.AccessID), AccessKey: str(s.AccessKey), CompressType: s.CompressType}
	}
	t, aerr := h.newTask(&req)
	if aerr != nil {
		return fmt.Errorf("live delivery task %q: %s", l.Name, aerr.Error())
	}
	if l.Enabled != nil && !*l.Enabled {
		t.DeliveryStatus = "disabled"
	}
	t.TaskId = h.cfg.State.nextID(h.cfg.Seed, "task")
	t.CreateTime = isoTime(now)
	t.UpdateTime = t.CreateTime
	h.appendTask(t)
	return nil
}

// SeedExport creates a live export as of now, with the rules of
// CreateExport. The caller holds the lock and commits.
func (h *Handler) SeedExport(l LiveExport, now time.Time) error {
	from, err := parseMillis(l.From)
	if err != nil {
		return fmt.Errorf("live export %q: from: %w", l.Name, err)
	}
	to, err := parseMillis(l.To)
	if err != nil {
		return fmt.Errorf("live export %q: to: %w", l.Name, err)
	}
	req := createExportRequest{TopicId: &l.TopicID, Count: &l.Count, Query: &l.Query, From: &from, To: &to,
		Order: l.Order, Format: l.Format, SyntaxRule: l.SyntaxRule, DerivedFields: l.DerivedFields}
	e, aerr := h.newExport(l.Region, &req)
	if aerr != nil {
		return fmt.Errorf("live export %q: %s", l.Name, aerr.Error())
	}
	e.ExportId = h.cfg.State.nextID(h.cfg.Seed, "export")
	e.Serial = h.cfg.State.Seq
	e.Created = now.UnixMilli()
	h.cfg.State.Exports = append(h.cfg.State.Exports, e)
	return nil
}

// parseMillis reads an RFC 3339 time or epoch milliseconds.
func parseMillis(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0, fmt.Errorf("%q is neither RFC 3339 nor epoch milliseconds", s)
	}
	return t.UnixMilli(), nil
}
