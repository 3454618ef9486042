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
		for _, o := range h.tasksOf(e) {
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

// taskIndex finds the tasks that deliver an entity without scanning the
// account: checkUnique runs on every create and modify, and seeding a world
// of 100,000 tasks scanned them all for each one (minutes of start-up).
// It describes base, the State.Tasks it was built from; appendTask keeps it
// current, other changes drop it, and a State.Tasks that is not base any
// more (restored, replaced) rebuilds it.
type taskIndex struct {
	base     []*Task
	byEntity map[string][]*Task
}

func (x *taskIndex) add(t *Task) {
	for _, e := range t.EntityList {
		x.byEntity[e] = append(x.byEntity[e], t)
	}
}

// indexed reports whether the index describes State.Tasks as it is.
func (h *Handler) indexed() bool {
	x, tasks := h.index, h.cfg.State.Tasks
	return x != nil && len(x.base) == len(tasks) && (len(tasks) == 0 || &x.base[0] == &tasks[0])
}

// tasksOf returns the tasks whose EntityList holds e.
func (h *Handler) tasksOf(e string) []*Task {
	if !h.indexed() {
		x := &taskIndex{base: h.cfg.State.Tasks, byEntity: map[string][]*Task{}}
		for _, t := range x.base {
			x.add(t)
		}
		h.index = x
	}
	return h.index.byEntity[e]
}

// appendTask stores a new task, keeping the index current.
func (h *Handler) appendTask(t *Task) {
	valid := h.indexed()
	h.cfg.State.Tasks = append(h.cfg.State.Tasks, t)
	if valid {
		h.index.base = h.cfg.State.Tasks
		h.index.add(t)
	} else {
		h.index = nil
	}
}

// tasksChanged drops the index after a task was changed or removed.
func (h *Handler) tasksChanged() { h.index = nil }
