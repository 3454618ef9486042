package tencent

// Wire types of teo 2022-09-01 (edgeone-logs.md §7). Pointer and slice
// fields distinguish "absent" from "zero" on input; the stored Task uses
// the read-back shape of DescribeRealtimeLogDeliveryTasks.

// CustomField extracts a header, cookie or body value into the log.
type CustomField struct {
	Name    *string `json:"Name"`
	Value   *string `json:"Value"`
	Enabled *bool   `json:"Enabled"`
}

// CustomExpressionField is a field computed from an expression.
type CustomExpressionField struct {
	Name       *string `json:"Name"`
	Expression *string `json:"Expression"`
	Enabled    *bool   `json:"Enabled"`
}

// DeliveryCondition is one OR-ed group of AND-ed conditions.
type DeliveryCondition struct {
	Conditions []QueryCondition `json:"Conditions"`
}

// QueryCondition is one condition of a delivery condition group.
type QueryCondition struct {
	Key      *string  `json:"Key"`
	Operator *string  `json:"Operator"`
	Value    []string `json:"Value"`
}

// LogFormat is the output format of delivered logs.
type LogFormat struct {
	FormatType      *string `json:"FormatType"`
	BatchPrefix     *string `json:"BatchPrefix"`
	BatchSuffix     *string `json:"BatchSuffix"`
	RecordPrefix    *string `json:"RecordPrefix"`
	RecordSuffix    *string `json:"RecordSuffix"`
	RecordTemplate  *string `json:"RecordTemplate"`
	RecordDelimiter *string `json:"RecordDelimiter"`
	FieldDelimiter  *string `json:"FieldDelimiter"`
}

// CLSTopic is a CLS destination.
type CLSTopic struct {
	LogSetId     *string `json:"LogSetId"`
	TopicId      *string `json:"TopicId"`
	LogSetRegion *string `json:"LogSetRegion"`
}

// CustomEndpoint is an HTTP(S) destination.
type CustomEndpoint struct {
	Url          *string  `json:"Url"`
	AccessId     *string  `json:"AccessId"`
	AccessKey    *string  `json:"AccessKey"`
	CompressType *string  `json:"CompressType"`
	Protocol     *string  `json:"Protocol"`
	Headers      []Header `json:"Headers"`
}

// Header is a request header added to custom-endpoint pushes.
type Header struct {
	Name  *string `json:"Name"`
	Value *string `json:"Value"`
}

// S3 is an S3-compatible bucket destination.
type S3 struct {
	Endpoint     *string `json:"Endpoint"`
	Region       *string `json:"Region"`
	Bucket       *string `json:"Bucket"`
	AccessId     *string `json:"AccessId"`
	AccessKey    *string `json:"AccessKey"`
	CompressType *string `json:"CompressType"`
}

// taskConfig is every field a task carries that Create and Modify share.
type taskConfig struct {
	TaskName               *string                 `json:"TaskName"`
	EntityList             []string                `json:"EntityList"`
	Fields                 []string                `json:"Fields"`
	CustomFields           []CustomField           `json:"CustomFields"`
	CustomExpressionFields []CustomExpressionField `json:"CustomExpressionFields"`
	DeliveryConditions     []DeliveryCondition     `json:"DeliveryConditions"`
	Sample                 *uint64                 `json:"Sample"`
	LogFormat              *LogFormat              `json:"LogFormat"`
	CustomEndpoint         *CustomEndpoint         `json:"CustomEndpoint"`
	S3                     *S3                     `json:"S3"`
}

type createTaskRequest struct {
	ZoneId   *string   `json:"ZoneId"`
	Area     *string   `json:"Area"`
	LogType  *string   `json:"LogType"`
	TaskType *string   `json:"TaskType"`
	CLS      *CLSTopic `json:"CLS"`
	taskConfig
}

type modifyTaskRequest struct {
	ZoneId         *string `json:"ZoneId"`
	TaskId         *string `json:"TaskId"`
	DeliveryStatus *string `json:"DeliveryStatus"`
	taskConfig
}

type deleteTaskRequest struct {
	ZoneId *string `json:"ZoneId"`
	TaskId *string `json:"TaskId"`
}

// AdvancedFilter is a Describe filter.
type AdvancedFilter struct {
	Name   *string  `json:"Name"`
	Values []string `json:"Values"`
	Fuzzy  *bool    `json:"Fuzzy"`
}

type describeTasksRequest struct {
	ZoneId  *string          `json:"ZoneId"`
	Offset  *int64           `json:"Offset"`
	Limit   *int64           `json:"Limit"`
	Filters []AdvancedFilter `json:"Filters"`
}

// Task is a stored real-time log delivery task, in the shape Describe
// returns (RealtimeLogDeliveryTask). Empty lists are [] and unused
// destinations null, as in the vendor example; Sample 0 means "not set".
type Task struct {
	ZoneId                 string                  `json:"ZoneId"`
	TaskId                 string                  `json:"TaskId"`
	TaskName               string                  `json:"TaskName"`
	DeliveryStatus         string                  `json:"DeliveryStatus"`
	TaskType               string                  `json:"TaskType"`
	EntityList             []string                `json:"EntityList"`
	LogType                string                  `json:"LogType"`
	Area                   string                  `json:"Area"`
	Fields                 []string                `json:"Fields"`
	CustomFields           []CustomField           `json:"CustomFields"`
	CustomExpressionFields []CustomExpressionField `json:"CustomExpressionFields"`
	DeliveryConditions     []DeliveryCondition     `json:"DeliveryConditions"`
	Sample                 uint64                  `json:"Sample"`
	LogFormat              *LogFormat              `json:"LogFormat"`
	CLS                    *CLSTopic               `json:"CLS"`
	CustomEndpoint         *CustomEndpoint         `json:"CustomEndpoint"`
	S3                     *S3                     `json:"S3"`
	CreateTime             string                  `json:"CreateTime"`
	UpdateTime             string                  `json:"UpdateTime"`
	// GoneAt (Unix milliseconds) is when a task being deleted under
	// async-delete disappears; 0 for a live task. Emulator bookkeeping.
	GoneAt int64 `json:"GoneAt,omitempty"`
}

// taskWire is RealtimeLogDeliveryTask on the wire: Task without ZoneId and
// GoneAt, which are emulator bookkeeping.
type taskWire struct {
	Task
	ZoneId *struct{} `json:"ZoneId,omitempty"`
	GoneAt *struct{} `json:"GoneAt,omitempty"`
}

// wire is the Describe form of t, with empty lists as [].
func (t *Task) wire() taskWire {
	c := *t
	c.EntityList, c.Fields = nonNil(c.EntityList), nonNil(c.Fields)
	c.CustomFields, c.CustomExpressionFields = nonNil(c.CustomFields), nonNil(c.CustomExpressionFields)
	c.DeliveryConditions = nonNil(c.DeliveryConditions)
	return taskWire{Task: c}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
