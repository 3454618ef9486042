package tencent

import (
	"slices"
	"time"
)

// describe-lag: DescribeRealtimeLogDeliveryTasks reflects a write only
// DescribeLag after it. The default reading is immediate consistency; the
// other is what Terraform's polling after Create and Modify guards against
// (edgeone-logs.md §3, §10: "the task may not be immediately visible",
// UNCONFIRMED). Writes are recorded in State.TaskLog, keyed on the
// emulator clock, and Describe shows, per task, the newest version at
// least DescribeLag old.

// TaskVersion is one recorded state of a task: Task nil means deleted.
type TaskVersion struct {
	TaskId string `json:"TaskId"`
	ZoneId string `json:"ZoneId"`
	At     int64  `json:"At"` // Unix milliseconds
	Task   *Task  `json:"Task,omitempty"`
}

// record notes a write of one task (before nil: created; after nil:
// deleted) at the instant at. A task written for the first time since
// logging started gets its previous version too, as of the epoch.
func (h *Handler) record(before, after *Task, at int64) {
	lag := h.cfg.Semantics.DescribeLag
	if lag <= 0 {
		return
	}
	t := after
	if t == nil {
		t = before
	}
	log := h.cfg.State.TaskLog
	known := slices.ContainsFunc(log, func(v *TaskVersion) bool { return v.TaskId == t.TaskId && v.ZoneId == t.ZoneId })
	if !known && before != nil {
		log = append(log, &TaskVersion{TaskId: t.TaskId, ZoneId: t.ZoneId, Task: cloneTask(before)})
	}
	v := &TaskVersion{TaskId: t.TaskId, ZoneId: t.ZoneId, At: at}
	if after != nil {
		v.Task = cloneTask(after)
	}
	h.cfg.State.TaskLog = append(log, v)
}

// visible returns, per logged task (zone|id), the newest version at or
// before cutoff, or nil when none is (not created yet, or deleted).
func visible(log []*TaskVersion, cutoff int64) map[string]*TaskVersion {
	out := map[string]*TaskVersion{}
	for _, v := range log {
		k := v.ZoneId + "|" + v.TaskId
		if _, seen := out[k]; !seen {
			out[k] = nil
		}
		if v.At <= cutoff && (out[k] == nil || v.At >= out[k].At) {
			out[k] = v
		}
	}
	return out
}

// pruneLog drops the versions nobody can see any more: those older than
// the visible one, and tasks whose visible version is a delete with
// nothing after it.
func (h *Handler) pruneLog(now time.Time) {
	log := h.cfg.State.TaskLog
	if len(log) == 0 {
		return
	}
	cutoff := now.Add(-h.cfg.Semantics.DescribeLag).UnixMilli()
	vis := visible(log, cutoff)
	pending := map[string]bool{}
	for _, v := range log {
		if v.At > cutoff {
			pending[v.ZoneId+"|"+v.TaskId] = true
		}
	}
	h.cfg.State.TaskLog = slices.DeleteFunc(log, func(v *TaskVersion) bool {
		k := v.ZoneId + "|" + v.TaskId
		if v.At > cutoff {
			return false
		}
		if !pending[k] {
			return true // the task is settled: State.Tasks is what Describe shows
		}
		return vis[k] != v
	})
}

// laggedTasks is the tasks of zone as Describe shows them at now: State
// for settled tasks, the visible version for tasks written within the lag
// (deleted ones last, in the order they were first written).
func (h *Handler) laggedTasks(zone string, now time.Time) []*Task {
	if h.cfg.Semantics.DescribeLag <= 0 || len(h.cfg.State.TaskLog) == 0 {
		return h.zoneTasks(zone)
	}
	vis := visible(h.cfg.State.TaskLog, now.Add(-h.cfg.Semantics.DescribeLag).UnixMilli())
	var out []*Task
	done := map[string]bool{}
	for _, t := range h.cfg.State.Tasks {
		if t.ZoneId != zone {
			continue
		}
		k := t.ZoneId + "|" + t.TaskId
		done[k] = true
		v, logged := vis[k]
		switch {
		case !logged:
			out = append(out, t)
		case v != nil && v.Task != nil:
			out = append(out, v.Task)
		}
	}
	for _, v := range h.cfg.State.TaskLog {
		k := v.ZoneId + "|" + v.TaskId
		if v.ZoneId != zone || done[k] {
			continue
		}
		done[k] = true
		if w := vis[k]; w != nil && w.Task != nil {
			out = append(out, w.Task)
		}
	}
	return out
}

// zoneTasks is the stored tasks of zone, in creation order.
func (h *Handler) zoneTasks(zone string) []*Task {
	var out []*Task
	for _, t := range h.cfg.State.Tasks {
		if t.ZoneId == zone {
			out = append(out, t)
		}
	}
	return out
}
