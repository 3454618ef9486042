package spec

// The Go types below are the single source of the YAML format: the decoder,
// the policy input and `logctl schema` are all derived from their tags.
//
//	yaml:"name" json:"name,omitempty"            the key in the file
//	logctl:"required"      the key must be present
//	enum:"a|b|c"           allowed values (advisory in the schema; policies enforce them with file:line)
//	doc:"..."              description shown in the JSON Schema and editor hovers

// Kind names a kind of managed resource, as in findings and plans.
type Kind string

// The managed kinds.
const (
	KindDeliveryTask Kind = "deliveryTask"
	KindExport       Kind = "export"
	KindDump         Kind = "dump"
)

// File is one YAML document of format version 1.
type File struct {
	Version       int            `yaml:"version" json:"version,omitempty" logctl:"required" doc:"Format version; must be 1."`
	Defaults      *Defaults      `yaml:"defaults" json:"defaults,omitempty" doc:"Values that fill fields not set on a resource."`
	DeliveryTasks []DeliveryTask `yaml:"deliveryTasks" json:"deliveryTasks,omitempty" doc:"EdgeOne real-time log delivery tasks (teo 2022-09-01)."`
	Exports       []Export       `yaml:"exports" json:"exports,omitempty" doc:"CLS log export tasks (cls 2020-10-16): one-shot jobs."`
	Dumps         []Dump         `yaml:"dumps" json:"dumps,omitempty" doc:"Huawei Cloud LTS log transfers to OBS."`
	Scopes        []Scope        `yaml:"scopes" json:"scopes,omitempty" doc:"What this repository owns outright: live resources inside a scope that no file declares are deleted."`
	Safety        *Safety        `yaml:"safety" json:"safety,omitempty" doc:"Thresholds of the safety valve that refuses plans deleting or replacing too much of a scope."`
}

// Safety configures the safety valve (design §6): in a scope with at least
// MinResources live resources, a plan that deletes or replaces more than
// MaxPercent of them is refused unless --force is given.
type Safety struct {
	MinResources *int64 `yaml:"minResources" json:"minResources,omitempty" doc:"Scopes with fewer live resources are not checked; default 10."`
	MaxPercent   *int64 `yaml:"maxPercent" json:"maxPercent,omitempty" doc:"Largest share of a scope that one plan may delete or replace, in percent; default 30."`
}

// Defaults fill fields that resources leave unset.
type Defaults struct {
	Tencent *TencentDefaults `yaml:"tencent" json:"tencent,omitempty"`
	Huawei  *HuaweiDefaults  `yaml:"huawei" json:"huawei,omitempty"`
}

// TencentDefaults apply to exports (region) and to every Tencent call (site).
type TencentDefaults struct {
	Region string `yaml:"region" json:"region,omitempty" doc:"Default CLS region of exports, e.g. ap-guangzhou."`
	Site   string `yaml:"site" json:"site,omitempty" enum:"china|intl" doc:"Which Tencent Cloud site the account is on: china (default, teo.tencentcloudapi.com) or intl (teo.intl.tencentcloudapi.com). LOGCTL_TENCENT_SITE or TENCENTCLOUD_SITE apply when this is not set."`
}

// HuaweiDefaults apply to dumps.
type HuaweiDefaults struct {
	Region    string `yaml:"region" json:"region,omitempty" doc:"Default Huawei Cloud region of dumps, e.g. cn-north-4."`
	ProjectID string `yaml:"projectId" json:"projectId,omitempty" doc:"Default project id (32 hex characters)."`
	CreateAPI string `yaml:"createApi" json:"createApi,omitempty" enum:"transfers|log-dump" doc:"Which API creates dumps: transfers (default) or the older log-dump/obs."`
}

// DeliveryTask is an EdgeOne real-time log delivery task. Its identity is
// (ZoneID, Name).
type DeliveryTask struct {
	Name               string              `yaml:"name" json:"name,omitempty" logctl:"required" doc:"TaskName: up to 200 of [0-9A-Za-z_-]. Identity, together with zoneId."`
	ZoneID             string              `yaml:"zoneId" json:"zoneId,omitempty" logctl:"required" doc:"ZoneId of the EdgeOne site, e.g. zone-2z55fgysdtmc."`
	Type               string              `yaml:"type" json:"type,omitempty" logctl:"required" enum:"cls|custom_endpoint|s3|log_analysis" doc:"TaskType; changing it replaces the task."`
	LogType            string              `yaml:"logType" json:"logType,omitempty" logctl:"required" enum:"l7-access-logs|application|function|web-attack|domain|web-rateLiming|web-rule|web-bot" doc:"LogType; changing it replaces the task. domain, web-rateLiming, web-rule and web-bot are legacy names."`
	Area               string              `yaml:"area" json:"area,omitempty" logctl:"required" enum:"mainland|overseas" doc:"Area; changing it replaces the task."`
	Entities           []string            `yaml:"entities" json:"entities,omitempty" logctl:"required" doc:"EntityList: domains, L4 proxy ids or edge function instances (a set: order ignored)."`
	Fields             []string            `yaml:"fields" json:"fields,omitempty" logctl:"required" doc:"Fields to deliver, in order."`
	CustomFields       []CustomField       `yaml:"customFields" json:"customFields,omitempty" doc:"CustomFields (L7 access logs only)."`
	DeliveryConditions []DeliveryCondition `yaml:"deliveryConditions" json:"deliveryConditions,omitempty" doc:"Deliver a log when any group matches; all conditions inside a group must match. Omitted: deliver all logs."`
	Sample             *int64              `yaml:"sample" json:"sample,omitempty" doc:"Sampling in permille, 1..1000; omitted means 1000."`
	LogFormat          *LogFormat          `yaml:"logFormat" json:"logFormat,omitempty" doc:"LogFormat; for cls and log_analysis only formatType json."`
	Enabled            *bool               `yaml:"enabled" json:"enabled,omitempty" doc:"DeliveryStatus; default true."`
	CLS                *CLSDestination     `yaml:"cls" json:"cls,omitempty" doc:"Destination when type is cls; cannot be modified (replace)."`
	CustomEndpoint     *CustomEndpoint     `yaml:"customEndpoint" json:"customEndpoint,omitempty" doc:"Destination when type is custom_endpoint."`
	S3                 *S3Destination      `yaml:"s3" json:"s3,omitempty" doc:"Destination when type is s3."`
}

// CustomField extracts a request/response header, cookie or body part.
type CustomField struct {
	Name    string `yaml:"name" json:"name,omitempty" logctl:"required" enum:"ReqHeader|RspHeader|Cookie|ReqBody" doc:"What to extract from."`
	Value   string `yaml:"value" json:"value,omitempty" logctl:"required" doc:"Header or cookie name, or an RE2 regex for ReqBody."`
	Enabled *bool  `yaml:"enabled" json:"enabled,omitempty" doc:"Deliver this field; omitted means not delivered."`
}

// DeliveryCondition is one group of conditions that must all match.
type DeliveryCondition struct {
	Conditions []Condition `yaml:"conditions" json:"conditions,omitempty" logctl:"required"`
}

// Condition is one QueryCondition of a delivery condition group.
type Condition struct {
	Key      string   `yaml:"key" json:"key,omitempty" logctl:"required" enum:"EdgeResponseStatusCode|OriginResponseStatusCode|SecurityAction|SecurityModule"`
	Operator string   `yaml:"operator" json:"operator,omitempty" logctl:"required" enum:"equal|great|less|great_equal|less_equal"`
	Value    []string `yaml:"value" json:"value,omitempty" logctl:"required"`
}

// LogFormat is the output format of custom_endpoint and s3 tasks.
type LogFormat struct {
	FormatType      string `yaml:"formatType" json:"formatType,omitempty" logctl:"required" enum:"json|csv|template"`
	BatchPrefix     string `yaml:"batchPrefix" json:"batchPrefix,omitempty"`
	BatchSuffix     string `yaml:"batchSuffix" json:"batchSuffix,omitempty"`
	RecordPrefix    string `yaml:"recordPrefix" json:"recordPrefix,omitempty"`
	RecordSuffix    string `yaml:"recordSuffix" json:"recordSuffix,omitempty"`
	RecordDelimiter string `yaml:"recordDelimiter" json:"recordDelimiter,omitempty" enum:"\n|\t|,"`
	FieldDelimiter  string `yaml:"fieldDelimiter" json:"fieldDelimiter,omitempty" enum:"\t|,|;"`
	RecordTemplate  string `yaml:"recordTemplate" json:"recordTemplate,omitempty" doc:"Template of one record (formatType template), up to 4 KB."`
}

// CLSDestination is a CLS topic that receives the logs.
type CLSDestination struct {
	LogSetID     string `yaml:"logSetId" json:"logSetId,omitempty" logctl:"required"`
	TopicID      string `yaml:"topicId" json:"topicId,omitempty" logctl:"required"`
	LogSetRegion string `yaml:"logSetRegion" json:"logSetRegion,omitempty" logctl:"required"`
}

// CustomEndpoint is an HTTP(S) receiver.
type CustomEndpoint struct {
	URL          string   `yaml:"url" json:"url,omitempty" logctl:"required" doc:"http:// or https:// URL of the receiver."`
	AccessID     string   `yaml:"accessId" json:"accessId,omitempty" doc:"Secret: must be a ${env:NAME} reference. If the API returns it masked, plans do not compare it: rotate it with apply --replace-secrets."`
	AccessKey    string   `yaml:"accessKey" json:"accessKey,omitempty" doc:"Secret: must be a ${env:NAME} reference. If the API returns it masked, plans do not compare it: rotate it with apply --replace-secrets."`
	CompressType string   `yaml:"compressType" json:"compressType,omitempty" enum:"gzip" doc:"gzip, or omitted for none."`
	Protocol     string   `yaml:"protocol" json:"protocol,omitempty" enum:"http|https"`
	Headers      []Header `yaml:"headers" json:"headers,omitempty"`
}

// Header is a custom HTTP header sent with every push.
type Header struct {
	Name   string `yaml:"name" json:"name,omitempty" logctl:"required"`
	Value  string `yaml:"value" json:"value,omitempty" logctl:"required" doc:"Header value. ${env:NAME} is replaced by the variable at plan/apply time; write $${ for a literal ${ (so $${env:X} is the text ${env:X})."`
	Secret bool   `yaml:"secret" json:"secret,omitempty" doc:"true: the value is a secret, must be a ${env:NAME} reference and is never shown. false: the value is not a secret. Unset: a literal value is refused (teo.header-literal-secret) unless the header is Accept, Content-Encoding, Content-Type, User-Agent or Vendor."`
}

// S3Destination is an S3-compatible bucket.
type S3Destination struct {
	Endpoint     string `yaml:"endpoint" json:"endpoint,omitempty" logctl:"required" doc:"URL without bucket or path, e.g. https://s3.ap-northeast-2.amazonaws.com."`
	Region       string `yaml:"region" json:"region,omitempty" logctl:"required"`
	Bucket       string `yaml:"bucket" json:"bucket,omitempty" logctl:"required" doc:"bucket/dir/; the directory is created."`
	CompressType string `yaml:"compressType" json:"compressType,omitempty" enum:"gzip"`
	AccessID     string `yaml:"accessId" json:"accessId,omitempty" logctl:"required" doc:"Secret: must be a ${env:NAME} reference. If the API returns it masked, plans do not compare it: rotate it with apply --replace-secrets."`
	AccessKey    string `yaml:"accessKey" json:"accessKey,omitempty" logctl:"required" doc:"Secret: must be a ${env:NAME} reference. If the API returns it masked, plans do not compare it: rotate it with apply --replace-secrets."`
}

// Export is a CLS export task. Every field is immutable: an edited export is a
// new export.
type Export struct {
	Name          string    `yaml:"name" json:"name,omitempty" logctl:"required" doc:"A label on the logctl side only."`
	Region        string    `yaml:"region" json:"region,omitempty" doc:"CLS region; defaults.tencent.region when omitted."`
	TopicID       string    `yaml:"topicId" json:"topicId,omitempty" logctl:"required"`
	Query         string    `yaml:"query" json:"query,omitempty" logctl:"required" doc:"Search statement; SQL pipes are not supported."`
	Count         *int64    `yaml:"count" json:"count,omitempty" logctl:"required" doc:"Number of log lines, 1..50,000,000."`
	From          Timestamp `yaml:"from" json:"from,omitempty" logctl:"required" doc:"Start: RFC 3339 or epoch milliseconds."`
	To            Timestamp `yaml:"to" json:"to,omitempty" logctl:"required" doc:"End: RFC 3339 or epoch milliseconds."`
	Order         string    `yaml:"order" json:"order,omitempty" enum:"asc|desc" doc:"Default desc."`
	Format        string    `yaml:"format" json:"format,omitempty" enum:"json|csv" doc:"Default json."`
	SyntaxRule    *int64    `yaml:"syntaxRule" json:"syntaxRule,omitempty" doc:"0 Lucene (default), 1 CQL."`
	DerivedFields []string  `yaml:"derivedFields" json:"derivedFields,omitempty" doc:"Fields to export."`
}

// Dump is a Huawei Cloud LTS transfer of log streams to an OBS bucket.
type Dump struct {
	Name          string   `yaml:"name" json:"name,omitempty" logctl:"required" doc:"A label on the logctl side only."`
	Region        string   `yaml:"region" json:"region,omitempty" doc:"Defaults to defaults.huawei.region."`
	ProjectID     string   `yaml:"projectId" json:"projectId,omitempty" doc:"Defaults to defaults.huawei.projectId."`
	LogGroupID    string   `yaml:"logGroupId" json:"logGroupId,omitempty" logctl:"required"`
	LogStreamIDs  []string `yaml:"logStreamIds" json:"logStreamIds,omitempty" logctl:"required"`
	Bucket        string   `yaml:"bucket" json:"bucket,omitempty" logctl:"required" doc:"OBS bucket name, 3..63 characters."`
	StorageFormat string   `yaml:"storageFormat" json:"storageFormat,omitempty" enum:"RAW|JSON" doc:"Default RAW."`
	Enabled       *bool    `yaml:"enabled" json:"enabled,omitempty" doc:"Transfer status; default true."`
	PrefixName    string   `yaml:"prefixName" json:"prefixName,omitempty"`
	DirPrefixName string   `yaml:"dirPrefixName" json:"dirPrefixName,omitempty"`
	Period        string   `yaml:"period" json:"period,omitempty" logctl:"required" enum:"2min|5min|30min|1hour|3hour|6hour|12hour"`
}

// Scope declares what this repository owns: live resources inside a scope
// that no file declares are planned for deletion.
type Scope struct {
	DeliveryTasks *TaskScope   `yaml:"deliveryTasks" json:"deliveryTasks,omitempty" doc:"All delivery tasks of a zone."`
	Exports       *ExportScope `yaml:"exports" json:"exports,omitempty" doc:"All exports of a topic."`
	Dumps         *DumpScope   `yaml:"dumps" json:"dumps,omitempty" doc:"All dumps of a log group."`
}

// TaskScope covers the delivery tasks of one zone.
type TaskScope struct {
	ZoneID string `yaml:"zoneId" json:"zoneId,omitempty" logctl:"required"`
}

// ExportScope covers the exports of one topic.
type ExportScope struct {
	TopicID string `yaml:"topicId" json:"topicId,omitempty" logctl:"required"`
	Region  string `yaml:"region" json:"region,omitempty" doc:"Defaults to defaults.tencent.region."`
}

// DumpScope covers the dumps of one log group.
type DumpScope struct {
	LogGroupID string `yaml:"logGroupId" json:"logGroupId,omitempty" logctl:"required"`
	ProjectID  string `yaml:"projectId" json:"projectId,omitempty" doc:"Defaults to defaults.huawei.projectId."`
	Region     string `yaml:"region" json:"region,omitempty" doc:"Defaults to defaults.huawei.region."`
}
