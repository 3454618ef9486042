package tencent

import (
	"encoding/json"
	"slices"
	"time"
)

// CreateRealtimeLogDeliveryTask, ModifyRealtimeLogDeliveryTask,
// DeleteRealtimeLogDeliveryTask, DescribeRealtimeLogDeliveryTasks
// (edgeone-logs.md §2-§5, §8).

func (h *Handler) createTask(c *call) (map[string]any, *apiError) {
	var req createTaskRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	h.settle(c.now)
	if req.LogType != nil {
		if aerr := h.refuseLegacy(*req.LogType); aerr != nil {
			return nil, aerr
		}
	}
	t, aerr := h.newTask(&req)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := h.checkFieldNames(t.LogType, t.Fields); aerr != nil {
		return nil, aerr
	}
	t.TaskId = h.cfg.State.nextID(h.cfg.Seed, "task")
	t.CreateTime = isoTime(c.now)
	t.UpdateTime = t.CreateTime
	h.appendTask(t)
	h.record(nil, t, c.now.UnixMilli())
	if aerr := h.commit(); aerr != nil {
		return nil, aerr
	}
	return map[string]any{"TaskId": t.TaskId}, nil
}

// newTask validates a create request against the rules and the world and
// returns the task it describes (without id and times).
func (h *Handler) newTask(req *createTaskRequest) (*Task, *apiError) {
	for _, p := range []struct {
		name string
		set  bool
	}{
		{"ZoneId", req.ZoneId != nil}, {"Area", req.Area != nil}, {"LogType", req.LogType != nil},
		{"TaskName", req.TaskName != nil}, {"TaskType", req.TaskType != nil},
		{"EntityList", req.EntityList != nil}, {"Fields", req.Fields != nil},
	} {
		if !p.set {
			return nil, missing(p.name)
		}
	}
	z := h.cfg.World.zone(*req.ZoneId)
	if z == nil {
		return nil, errf(codeResourceNotFound, "The zone %s does not exist.", *req.ZoneId)
	}
	if aerr := validateEnums(*req.Area, *req.LogType, *req.TaskType); aerr != nil {
		return nil, aerr
	}
	t := &Task{
		ZoneId:         z.ID,
		DeliveryStatus: "enabled",
		TaskType:       *req.TaskType,
		LogType:        *req.LogType,
		Area:           *req.Area,
	}
	if aerr := h.destination(t, req.CLS, req.CustomEndpoint, req.S3); aerr != nil {
		return nil, aerr
	}
	if aerr := h.applyConfig(t, z, &req.taskConfig, true); aerr != nil {
		return nil, aerr
	}
	if aerr := h.checkUnique(t); aerr != nil {
		return nil, aerr
	}
	return t, nil
}

// destination checks that exactly the block TaskType needs is present (none
// for log_analysis) and stores it.
func (h *Handler) destination(t *Task, cls *CLSTopic, ep *CustomEndpoint, s3 *S3) *apiError {
	blocks := []struct {
		typ, name string
		present   bool
	}{{"cls", "CLS", cls != nil}, {"custom_endpoint", "CustomEndpoint", ep != nil}, {"s3", "S3", s3 != nil}}
	for _, b := range blocks {
		if b.typ == t.TaskType && !b.present {
			return errf(codeMissingParameter, "The request is missing a required parameter `%s`: it is required when TaskType is %s.", b.name, b.typ)
		}
		if b.typ != t.TaskType && b.present {
			return errf(codeInvalidParameter, "The parameter `%s` is not allowed when TaskType is %s.", b.name, t.TaskType)
		}
	}
	switch t.TaskType {
	case "cls":
		if aerr := h.cfg.World.validateCLS(cls); aerr != nil {
			return aerr
		}
		t.CLS = cls
	case "custom_endpoint":
		if aerr := validateCustomEndpoint(ep); aerr != nil {
			return aerr
		}
		t.CustomEndpoint = normalizeEndpoint(ep)
	case "s3":
		if aerr := validateS3(s3); aerr != nil {
			return aerr
		}
		t.S3 = normalizeS3(s3)
	}
	return nil
}

// applyConfig validates the shared fields of cfg and stores them into t.
// On create every field is taken (absent = default); on modify an absent
// field keeps its value, except DeliveryConditions and LogFormat, whose
// Modify doc says that omitting them means "deliver all" and "default
// format": by default the emulator resets them, and under
// modify-keeps-omitted it keeps them (keepOmitted), so a client must
// always resend them.
func (h *Handler) applyConfig(t *Task, z *Zone, cfg *taskConfig, create bool) *apiError {
	if cfg.TaskName != nil {
		if aerr := validateTaskName(*cfg.TaskName); aerr != nil {
			return aerr
		}
		t.TaskName = *cfg.TaskName
	}
	if cfg.EntityList != nil || create {
		if aerr := validateEntities(z, t.LogType, cfg.EntityList); aerr != nil {
			return aerr
		}
		t.EntityList = slices.Clone(cfg.EntityList)
	}
	if cfg.Fields != nil || create {
		if aerr := validateStrings("Fields", cfg.Fields); aerr != nil {
			return aerr
		}
		t.Fields = slices.Clone(cfg.Fields)
	}
	if cfg.Sample != nil {
		if aerr := validateSample(*cfg.Sample); aerr != nil {
			return aerr
		}
		t.Sample = *cfg.Sample
	}
	if cfg.CustomFields != nil || create {
		if aerr := validateCustomFields(t.LogType, cfg.CustomFields); aerr != nil {
			return aerr
		}
		t.CustomFields = normalizeCustomFields(cfg.CustomFields)
	}
	if cfg.CustomExpressionFields != nil || create {
		if aerr := validateExpressionFields(t.LogType, cfg.CustomExpressionFields); aerr != nil {
			return aerr
		}
		t.CustomExpressionFields = normalizeExpressionFields(cfg.CustomExpressionFields)
	}
	keep := h.keepOmitted(create)
	if cfg.DeliveryConditions != nil || !keep {
		if aerr := validateConditions(cfg.DeliveryConditions); aerr != nil {
			return aerr
		}
		t.DeliveryConditions = nonNil(cfg.DeliveryConditions)
	}
	if cfg.LogFormat != nil || !keep {
		if aerr := validateLogFormat(t.TaskType, cfg.LogFormat); aerr != nil {
			return aerr
		}
		t.LogFormat = normalizeLogFormat(t.TaskType, cfg.LogFormat)
	}
	return nil
}

func (h *Handler) modifyTask(c *call) (map[string]any, *apiError) {
	var raw map[string]json.RawMessage
	if json.Unmarshal(c.body, &raw) == nil {
		for _, k := range []string{"Area", "LogType", "TaskType", "CLS"} {
			if _, ok := raw[k]; ok {
				return nil, errf(codeInvalidParameter, "The parameter `%s` cannot be modified: delete the task and create a new one.", k)
			}
		}
	}
	var req modifyTaskRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	if req.ZoneId == nil {
		return nil, missing("ZoneId")
	}
	if req.TaskId == nil {
		return nil, missing("TaskId")
	}
	z := h.cfg.World.zone(*req.ZoneId)
	if z == nil {
		return nil, errf(codeResourceNotFound, "The zone %s does not exist.", *req.ZoneId)
	}
	h.settle(c.now)
	i := h.liveTask(*req.ZoneId, *req.TaskId)
	if i < 0 {
		return nil, h.notFound(*req.ZoneId, *req.TaskId)
	}
	cur := h.cfg.State.Tasks[i]
	next := cloneTask(cur)
	if req.DeliveryStatus != nil {
		if *req.DeliveryStatus != "enabled" && *req.DeliveryStatus != "disabled" {
			return nil, errf(codeInvalidParameterValue, "DeliveryStatus %q is invalid: enabled or disabled.", *req.DeliveryStatus)
		}
		next.DeliveryStatus = *req.DeliveryStatus
	}
	ep, s3 := req.CustomEndpoint, req.S3
	if ep != nil && next.TaskType != "custom_endpoint" || s3 != nil && next.TaskType != "s3" {
		return nil, errf(codeInvalidParameter, "The destination of a %s task cannot be changed to another type.", next.TaskType)
	}
	if h.keepOmitted(false) {
		if ep != nil {
			ep = mergeEndpoint(cur.CustomEndpoint, ep)
		}
		if s3 != nil {
			s3 = mergeS3(cur.S3, s3)
		}
	}
	if req.Fields != nil {
		if aerr := h.checkFieldNames(next.LogType, req.Fields); aerr != nil {
			return nil, aerr
		}
	}
	if ep != nil {
		if aerr := validateCustomEndpoint(ep); aerr != nil {
			return nil, aerr
		}
		next.CustomEndpoint = normalizeEndpoint(ep)
	}
	if s3 != nil {
		if aerr := validateS3(s3); aerr != nil {
			return nil, aerr
		}
		next.S3 = normalizeS3(s3)
	}
	if aerr := h.applyConfig(next, z, &req.taskConfig, false); aerr != nil {
		return nil, aerr
	}
	if aerr := h.checkUnique(next); aerr != nil {
		return nil, aerr
	}
	next.UpdateTime = isoTime(c.now)
	h.cfg.State.Tasks[i] = next
	h.tasksChanged()
	h.record(cur, next, c.now.UnixMilli())
	if aerr := h.commit(); aerr != nil {
		return nil, aerr
	}
	return map[string]any{}, nil
}

func (h *Handler) deleteTask(c *call) (map[string]any, *apiError) {
	var req deleteTaskRequest
	if aerr := decodeParams(c.body, &req, h.cfg.AllowUnknownParameters); aerr != nil {
		return nil, aerr
	}
	if req.ZoneId == nil {
		return nil, missing("ZoneId")
	}
	if req.TaskId == nil {
		return nil, missing("TaskId")
	}
	if h.cfg.World.zone(*req.ZoneId) == nil {
		return nil, errf(codeResourceNotFound, "The zone %s does not exist.", *req.ZoneId)
	}
	h.settle(c.now)
	i := h.liveTask(*req.ZoneId, *req.TaskId)
	if i < 0 {
		return nil, h.notFound(*req.ZoneId, *req.TaskId)
	}
	h.removeTask(i, c.now)
	if aerr := h.commit(); aerr != nil {
		return nil, aerr
	}
	return map[string]any{}, nil
}

// settle brings the stored tasks up to now: finished asynchronous deletes
// are purged and log versions nobody can see are dropped. A change is
// persisted by the caller's commit (reads commit it themselves).
func (h *Handler) settle(now time.Time) bool {
	changed := h.purge(now)
	before := len(h.cfg.State.TaskLog)
	h.pruneLog(now)
	return changed || len(h.cfg.State.TaskLog) != before
}

func (h *Handler) findTask(zone, id string) int {
	return slices.IndexFunc(h.cfg.State.Tasks, func(t *Task) bool { return t.ZoneId == zone && t.TaskId == id })
}
