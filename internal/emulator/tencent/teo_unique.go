package tencent

import (
	"slices"
)

// checkUnique enforces the entity rules of the Create doc (edgeone-logs.md
// §8) against every other task of the account:
//   - L7 access (l7-access-logs = domain), application and function: per
//     (entity, LogType, Area) at most one cls task plus one custom_endpoint
//     task, or one cls task plus one s3 task;
//   - web-attack and the legacy security types: one task per
//     (entity, LogType, Area);
//   - log_analysis: one task per (ZoneId, Area, LogType).
func (h *Handler) checkUnique(t *Task) *apiError {
	class := logClass(t.LogType)
	if t.TaskType == "log_analysis" {
		for _, o := range h.cfg.State.Tasks {
			if o.TaskId != t.TaskId && o.TaskType == "log_analysis" && o.ZoneId == t.ZoneId && o.Area == t.Area && logClass(o.LogType) == class {
				return errf("InvalidParameter.RealtimeLogNumsExceedLimit", "Zone %s already has the log_analysis task %s for LogType %s in area %s.", t.ZoneId, o.TaskId, t.LogType, t.Area)
			}
		}
		return nil
	}
	for _, e := range t.EntityList {
		types := map[string]string{} // task type -> task id already holding e
		for _, o := range h.cfg.State.Tasks {
			if o.TaskId == t.TaskId || o.TaskType == "log_analysis" || o.Area != t.Area || logClass(o.LogType) != class || !slices.Contains(o.EntityList, e) {
				continue
			}
			types[o.TaskType] = o.TaskId
		}
		if len(types) == 0 {
			continue
		}
		conflict, ok := "", true
		if isSecurityLog(t.LogType) {
			for _, id := range types {
				conflict, ok = id, false
			}
		} else if id, dup := types[t.TaskType]; dup {
			conflict, ok = id, false
		} else if t.TaskType == "s3" && types["custom_endpoint"] != "" {
			conflict, ok = types["custom_endpoint"], false
		} else if t.TaskType == "custom_endpoint" && types["s3"] != "" {
			conflict, ok = types["s3"], false
		}
		if !ok {
			return errf("InvalidParameter.RealtimeLogEntityAlreadyCreated", "The entity %s is already delivered by task %s for LogType %s in area %s.", e, conflict, t.LogType, t.Area)
		}
	}
	return nil
}

// logClass merges the legacy L7 access name into today's.
func logClass(logType string) string {
	if isL7Access(logType) {
		return "l7-access-logs"
	}
	return logType
}
