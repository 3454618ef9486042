package teo

import (
	"context"
	"fmt"

	"github.com/logctl/logctl/internal/tencent"
)

// The API this file speaks (edgeone-logs.md §1).
const (
	Service = "teo"
	Version = "2022-09-01"

	// MaxDescribeLimit is DescribeRealtimeLogDeliveryTasks' page cap (§5).
	MaxDescribeLimit = 1000
)

// Wire types. Field names are the API's; `omitzero` reproduces the SDK's
// omission rule: nil pointers and nil slices are left out, a non-nil empty
// slice is sent as []. Required members are plain values.

// CustomField extracts a header, cookie or body value into the log (§7).
type CustomField struct {
	Name    string `json:"Name"`  // ReqHeader | RspHeader | Cookie | ReqBody
	Value   string `json:"Value"` // the name to extract, or an RE2 regex for ReqBody
	Enabled *bool  `json:"Enabled,omitzero"`
}

// CustomExpressionField is a computed log field (2026 addition, §7).
type CustomExpressionField struct {
	Name       string `json:"Name"`
	Expression string `json:"Expression"`
	Enabled    *bool  `json:"Enabled,omitzero"`
}

// DeliveryCondition is one OR-ed group of AND-ed conditions (§7).
type DeliveryCondition struct {
	Conditions []QueryCondition `json:"Conditions,omitzero"`
}

// QueryCondition filters delivered logs, e.g. SecurityAction equal [Deny].
type QueryCondition struct {
	Key      string   `json:"Key"`
	Operator string   `json:"Operator"`
	Value    []string `json:"Value,omitzero"`
}

// LogFormat shapes delivered records; nil on read means the default format.
type LogFormat struct {
	FormatType      string  `json:"FormatType"` // json | csv | template
	BatchPrefix     *string `json:"BatchPrefix,omitzero"`
	BatchSuffix     *string `json:"BatchSuffix,omitzero"`
	RecordPrefix    *string `json:"RecordPrefix,omitzero"`
	RecordSuffix    *string `json:"RecordSuffix,omitzero"`
	RecordDelimiter *string `json:"RecordDelimiter,omitzero"`
	FieldDelimiter  *string `json:"FieldDelimiter,omitzero"`
	RecordTemplate  *string `json:"RecordTemplate,omitzero"`
}

// CLSTopic is the CLS destination; it cannot be modified (§3).
type CLSTopic struct {
	LogSetId     string `json:"LogSetId"`
	TopicId      string `json:"TopicId"`
	LogSetRegion string `json:"LogSetRegion"`
}

// CustomEndpoint is an HTTP(S) destination. AccessKey is a secret.
type CustomEndpoint struct {
	Url          string   `json:"Url"`
	AccessId     *string  `json:"AccessId,omitzero"`
	AccessKey    *string  `json:"AccessKey,omitzero"`
	CompressType *string  `json:"CompressType,omitzero"` // gzip, or empty for none
	Protocol     *string  `json:"Protocol,omitzero"`     // http | https
	Headers      []Header `json:"Headers,omitzero"`
}

// Header is a request header sent with each push.
type Header struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// S3 is an S3-compatible bucket destination. AccessId and AccessKey are secrets.
type S3 struct {
	Endpoint     string  `json:"Endpoint"`
	Region       string  `json:"Region"`
	Bucket       string  `json:"Bucket"`
	AccessId     string  `json:"AccessId"`
	AccessKey    string  `json:"AccessKey"`
	CompressType *string `json:"CompressType,omitzero"`
}

// AdvancedFilter narrows Describe: task-id, task-name, entity-list, task-type (§5).
type AdvancedFilter struct {
	Name   string   `json:"Name"`
	Values []string `json:"Values"`
	Fuzzy  *bool    `json:"Fuzzy,omitzero"`
}

// RealtimeLogDeliveryTask is a task as Describe returns it (§7). Nullable
// objects decode to nil; Sample is 0 when the task was created without it.
type RealtimeLogDeliveryTask struct {
	TaskId                 string                  `json:"TaskId"`
	TaskName               string                  `json:"TaskName"`
	DeliveryStatus         string                  `json:"DeliveryStatus"` // enabled | disabled | deleted
	TaskType               string                  `json:"TaskType"`
	EntityList             []string                `json:"EntityList,omitzero"`
	LogType                string                  `json:"LogType"`
	Area                   string                  `json:"Area"`
	Fields                 []string                `json:"Fields,omitzero"`
	CustomFields           []CustomField           `json:"CustomFields,omitzero"`
	CustomExpressionFields []CustomExpressionField `json:"CustomExpressionFields,omitzero"`
	DeliveryConditions     []DeliveryCondition     `json:"DeliveryConditions,omitzero"`
	Sample                 uint64                  `json:"Sample"`
	LogFormat              *LogFormat              `json:"LogFormat,omitzero"`
	CLS                    *CLSTopic               `json:"CLS,omitzero"`
	CustomEndpoint         *CustomEndpoint         `json:"CustomEndpoint,omitzero"`
	S3                     *S3                     `json:"S3,omitzero"`
	CreateTime             string                  `json:"CreateTime,omitzero"`
	UpdateTime             string                  `json:"UpdateTime,omitzero"`
}

// CreateTaskRequest is CreateRealtimeLogDeliveryTask's input (§2). Exactly
// the destination matching TaskType is set (none for log_analysis).
type CreateTaskRequest struct {
	ZoneId                 string                  `json:"ZoneId"`
	TaskName               string                  `json:"TaskName"`
	TaskType               string                  `json:"TaskType"`
	EntityList             []string                `json:"EntityList,omitzero"`
	LogType                string                  `json:"LogType"`
	Area                   string                  `json:"Area"`
	Fields                 []string                `json:"Fields,omitzero"`
	CustomFields           []CustomField           `json:"CustomFields,omitzero"`
	CustomExpressionFields []CustomExpressionField `json:"CustomExpressionFields,omitzero"`
	DeliveryConditions     []DeliveryCondition     `json:"DeliveryConditions,omitzero"`
	Sample                 *uint64                 `json:"Sample,omitzero"` // nil = 100 %
	LogFormat              *LogFormat              `json:"LogFormat,omitzero"`
	CLS                    *CLSTopic               `json:"CLS,omitzero"`
	CustomEndpoint         *CustomEndpoint         `json:"CustomEndpoint,omitzero"`
	S3                     *S3                     `json:"S3,omitzero"`
}

// CreateTaskResponse carries the new task's id.
type CreateTaskResponse struct {
	TaskId    string `json:"TaskId"`
	RequestId string `json:"RequestId"`
}

// ModifyTaskRequest is ModifyRealtimeLogDeliveryTask's input (§3). It has no
// Area, LogType, TaskType or CLS: those cannot change. A nil member is left
// out ("keep"); a non-nil empty slice is sent as [] to clear a list.
// DeliveryConditions and LogFormat may reset when omitted (§3, UNCONFIRMED):
// callers should always resend them.
type ModifyTaskRequest struct {
	ZoneId                 string                  `json:"ZoneId"`
	TaskId                 string                  `json:"TaskId"`
	TaskName               *string                 `json:"TaskName,omitzero"`
	DeliveryStatus         *string                 `json:"DeliveryStatus,omitzero"` // enabled | disabled
	EntityList             []string                `json:"EntityList,omitzero"`
	Fields                 []string                `json:"Fields,omitzero"`
	CustomFields           []CustomField           `json:"CustomFields,omitzero"`
	CustomExpressionFields []CustomExpressionField `json:"CustomExpressionFields,omitzero"`
	DeliveryConditions     []DeliveryCondition     `json:"DeliveryConditions,omitzero"`
	Sample                 *uint64                 `json:"Sample,omitzero"`
	LogFormat              *LogFormat              `json:"LogFormat,omitzero"`
	CustomEndpoint         *CustomEndpoint         `json:"CustomEndpoint,omitzero"`
	S3                     *S3                     `json:"S3,omitzero"`
}

// DeleteTaskRequest is DeleteRealtimeLogDeliveryTask's input (§4).
type DeleteTaskRequest struct {
	ZoneId string `json:"ZoneId"`
	TaskId string `json:"TaskId"`
}

// DescribeTasksRequest is DescribeRealtimeLogDeliveryTasks' input (§5).
// A zero Limit is left out (server default 20).
type DescribeTasksRequest struct {
	ZoneId  string           `json:"ZoneId"`
	Offset  int64            `json:"Offset"`
	Limit   uint64           `json:"Limit,omitzero"`
	Filters []AdvancedFilter `json:"Filters,omitzero"`
}

// DescribeTasksResponse is one page of tasks; TotalCount counts all matches.
type DescribeTasksResponse struct {
	TotalCount               uint64                    `json:"TotalCount"`
	RealtimeLogDeliveryTasks []RealtimeLogDeliveryTask `json:"RealtimeLogDeliveryTasks"`
	RequestId                string                    `json:"RequestId"`
}

// ModifyTaskResponse carries only the request id.
type ModifyTaskResponse struct {
	RequestId string `json:"RequestId"`
}

// DeleteTaskResponse carries only the request id.
type DeleteTaskResponse struct {
	RequestId string `json:"RequestId"`
}

// API is the typed teo surface. It is safe for concurrent use.
type API struct {
	c *tencent.Client
	// Page sizes: the documented caps; tests lower them to exercise paging.
	pageSize      int64
	downloadLimit int64
}

// NewAPI wraps a client built with tencent.New(Service, Version, cfg).
func NewAPI(c *tencent.Client) *API {
	return &API{c: c, pageSize: MaxDescribeLimit, downloadLimit: MaxDownloadLimit}
}

// CreateTask creates a real-time log delivery task.
func (a *API) CreateTask(ctx context.Context, req *CreateTaskRequest) (*CreateTaskResponse, error) {
	var resp CreateTaskResponse
	if err := a.c.Call(ctx, "CreateRealtimeLogDeliveryTask", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// ModifyTask changes a task in place.
func (a *API) ModifyTask(ctx context.Context, req *ModifyTaskRequest) (*ModifyTaskResponse, error) {
	var resp ModifyTaskResponse
	if err := a.c.Call(ctx, "ModifyRealtimeLogDeliveryTask", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DeleteTask deletes a task. Deletion may be asynchronous (§4): Describe can
// still list the task for a while.
func (a *API) DeleteTask(ctx context.Context, req *DeleteTaskRequest) (*DeleteTaskResponse, error) {
	var resp DeleteTaskResponse
	if err := a.c.Call(ctx, "DeleteRealtimeLogDeliveryTask", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// DescribeTasks reads one page of tasks.
func (a *API) DescribeTasks(ctx context.Context, req *DescribeTasksRequest) (*DescribeTasksResponse, error) {
	var resp DescribeTasksResponse
	if err := a.c.Call(ctx, "DescribeRealtimeLogDeliveryTasks", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// WalkTasks pages through the tasks of a zone matching filters, one call
// per page of up to MaxDescribeLimit (design §9: one call per page per
// scope), and hands each page to visit. before, when set, runs ahead of
// every call (the provider waits on its rate limiter there). A task seen
// twice because the list shifted between pages is handed over once. It
// reports how many calls it made.
func (a *API) WalkTasks(ctx context.Context, zoneID string, filters []AdvancedFilter, before func() error, visit func([]RealtimeLogDeliveryTask)) (int, error) {
	seen := map[string]bool{}
	calls, err := tencent.WalkOffsets(a.pageSize, func(offset, limit int64) (int, uint64, error) {
		if before != nil {
			if err := before(); err != nil {
				return 0, 0, err
			}
		}
		page, err := a.DescribeTasks(ctx, &DescribeTasksRequest{
			ZoneId: zoneID, Offset: offset, Limit: uint64(limit), Filters: filters,
		})
		if err != nil {
			return 0, 0, err
		}
		fresh := page.RealtimeLogDeliveryTasks[:0:0]
		for _, t := range page.RealtimeLogDeliveryTasks {
			if !seen[t.TaskId] {
				seen[t.TaskId] = true
				fresh = append(fresh, t)
			}
		}
		visit(fresh)
		return len(page.RealtimeLogDeliveryTasks), page.TotalCount, nil
	})
	return calls, err
}

// DescribeAllTasks reads every task of a zone matching filters (WalkTasks
// without pacing) and reports how many calls it made.
func (a *API) DescribeAllTasks(ctx context.Context, zoneID string, filters []AdvancedFilter) ([]RealtimeLogDeliveryTask, int, error) {
	var tasks []RealtimeLogDeliveryTask
	calls, err := a.WalkTasks(ctx, zoneID, filters, nil, func(page []RealtimeLogDeliveryTask) { tasks = append(tasks, page...) })
	if err != nil {
		return nil, calls, fmt.Errorf("describe tasks of zone %s: %w", zoneID, err)
	}
	return tasks, calls, nil
}
