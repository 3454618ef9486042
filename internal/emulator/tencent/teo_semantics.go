package tencent

import (
	"slices"
	"time"
)

// The switched readings of teo behaviours the vendor leaves undocumented
// (package semantics; edgeone-logs.md §3, §4, §6, §9, §10, §12).

// notFound answers a Delete or Modify of an unknown task. Default reading:
// FailedOperation.RealtimeLogNotFound (the SDK's error list has it for
// Create); not-found-plain: plain FailedOperation, the only code the vendor
// documents for Delete (edgeone-logs.md §1, §12.5, UNCONFIRMED).
func (h *Handler) notFound(zone, id string) *apiError {
	code := "FailedOperation.RealtimeLogNotFound"
	if h.cfg.Semantics.NotFoundPlain {
		code = "FailedOperation"
	}
	return errf(code, "The real-time log delivery task %s does not exist in zone %s.", id, zone)
}

// refuseLegacy applies refuse-legacy-logtypes: the 2026-07 CLI model says
// domain and web-* "can no longer be added" (edgeone-logs.md §6), while
// SDK-EN and Terraform still create them (the default reading). Only
// Create refuses them: existing tasks keep their type.
func (h *Handler) refuseLegacy(logType string) *apiError {
	if h.cfg.Semantics.RefuseLegacyLogTypes && slices.Contains(legacyLogTypes, logType) {
		return errf("InvalidParameter.RealtimeLogInvalidLogType", "LogType %q can no longer be used for new tasks: use l7-access-logs or web-attack.", logType)
	}
	return nil
}

// fieldCatalog is the known predefined Fields per log type (edgeone-logs.md
// §9): the names seen in vendor examples and field docs. No API lists them,
// so log types without a catalog are not checked.
var fieldCatalog = map[string][]string{
	"l7-access-logs": {
		"RequestID", "ClientIP", "ClientRegion", "RequestTime", "RequestHost",
		"RequestBytes", "RequestMethod", "RequestUrl", "RequestUrlQueryString",
		"RequestUA", "RequestRange", "RequestReferer", "RequestProtocol",
		"RemotePort", "EdgeCacheStatus", "EdgeResponseStatusCode",
		"EdgeResponseBytes", "EdgeResponseTime", "EdgeInternalTime", "ClientState",
		"ClientISP", "EdgeServerID", "EdgeServerIP", "ContentID", "EdgeEndTime",
		"EdgeFunctionSubrequest", "EdgeSeverRegion", "LogTime", "ParentRequestID",
		"RequestStatus", "RequestSSLProtocol", "ClientDeviceType",
		"SecurityAction", "SecurityRuleID", "SecurityUserNote", "SecurityModule",
	},
	// The vendor spells Disconnet… this way.
	"application": {
		"ServiceID", "ConnectTimeStamp", "DisconnetTimeStamp", "DisconnetReason",
		"ClientRealIP", "ClientRegion", "EdgeIP", "ForwardProtocol", "ForwardPort",
		"SentBytes", "ReceivedBytes", "LogTimeStamp",
	},
}

// checkFieldNames applies strict-fields: a name outside the catalog of the
// task's log type is refused with InvalidParameterValue. Default reading:
// any name is accepted, as the API's schema types Fields as free strings.
func (h *Handler) checkFieldNames(logType string, fields []string) *apiError {
	if !h.cfg.Semantics.StrictFields {
		return nil
	}
	known, ok := fieldCatalog[logClass(logType)]
	if !ok {
		return nil
	}
	for i, f := range fields {
		if !slices.Contains(known, f) {
			return errf(codeInvalidParameterValue, "Fields.%d %q is not a %s log field.", i, f, logClass(logType))
		}
	}
	return nil
}

// keepOmitted reports whether a Modify keeps what it omits
// (modify-keeps-omitted: the SDK model texts say an omitted LogFormat
// keeps its value); by default LogFormat, DeliveryConditions and the
// destination's members reset when omitted, as the Modify doc's "omitted
// = default format / deliver all" reads (edgeone-logs.md §3).
func (h *Handler) keepOmitted(create bool) bool {
	return !create && h.cfg.Semantics.ModifyKeepsOmitted
}

// mergeEndpoint is a Modify's CustomEndpoint under modify-keeps-omitted:
// each member the request omits keeps its current value.
func mergeEndpoint(cur, req *CustomEndpoint) *CustomEndpoint {
	out := *req
	if cur == nil {
		return &out
	}
	for _, m := range []struct{ dst, old **string }{
		{&out.AccessId, &cur.AccessId}, {&out.AccessKey, &cur.AccessKey},
		{&out.CompressType, &cur.CompressType}, {&out.Protocol, &cur.Protocol},
	} {
		if *m.dst == nil {
			*m.dst = *m.old
		}
	}
	if out.Headers == nil {
		out.Headers = cur.Headers
	}
	return &out
}

// mergeS3 is mergeEndpoint for S3 (every other member is required).
func mergeS3(cur, req *S3) *S3 {
	out := *req
	if cur != nil && out.CompressType == nil {
		out.CompressType = cur.CompressType
	}
	return &out
}

// masked is how mask-secrets returns a secret (edgeone-logs.md §10: no doc
// says Describe masks AccessKey, and Terraform read it back unchanged in
// 2024, the default reading here).
const masked = "******"

// maskSecrets returns w with AccessId and AccessKey masked when set. The
// destination blocks are copied: w shares them with the stored task.
func maskSecrets(w taskWire) taskWire {
	mask := func(p *string) *string {
		if p == nil || *p == "" {
			return p
		}
		return str(masked)
	}
	if e := w.CustomEndpoint; e != nil {
		c := *e
		c.AccessId, c.AccessKey = mask(c.AccessId), mask(c.AccessKey)
		w.CustomEndpoint = &c
	}
	if s := w.S3; s != nil {
		c := *s
		c.AccessId, c.AccessKey = mask(c.AccessId), mask(c.AccessKey)
		w.S3 = &c
	}
	return w
}

// wireOf is t as Describe returns it under the current semantics.
func (h *Handler) wireOf(t *Task) taskWire {
	w := t.wire()
	if h.cfg.Semantics.MaskSecrets {
		w = maskSecrets(w)
	}
	return w
}

// statusDeleting is the DeliveryStatus of a task being deleted under
// async-delete (Terraform polls Describe after a delete until the task is
// gone, edgeone-logs.md §4: deletion may be asynchronous, UNCONFIRMED).
const statusDeleting = "deleting"

// removeTask deletes the task at i: at once by default; under async-delete
// it stays listed as "deleting", holding its uniqueness slot, until
// AsyncDelete has passed (purge removes it then).
func (h *Handler) removeTask(i int, now time.Time) {
	cur := h.cfg.State.Tasks[i]
	if d := h.cfg.Semantics.AsyncDelete; d > 0 {
		next := cloneTask(cur)
		next.DeliveryStatus = statusDeleting
		next.GoneAt = now.Add(d).UnixMilli()
		h.cfg.State.Tasks[i] = next
		h.tasksChanged()
		h.record(cur, next, now.UnixMilli())
		return
	}
	h.cfg.State.Tasks = slices.Delete(h.cfg.State.Tasks, i, i+1)
	h.tasksChanged()
	h.record(cur, nil, now.UnixMilli())
}

// purge drops the tasks whose asynchronous delete has finished by now and
// reports whether it changed the state.
func (h *Handler) purge(now time.Time) bool {
	changed := false
	h.cfg.State.Tasks = slices.DeleteFunc(h.cfg.State.Tasks, func(t *Task) bool {
		if t.GoneAt == 0 || t.GoneAt > now.UnixMilli() {
			return false
		}
		changed = true
		h.record(t, nil, t.GoneAt)
		return true
	})
	if changed {
		h.tasksChanged()
	}
	return changed
}

// liveTask finds a task Modify and Delete may act on: one being deleted is
// already gone for them.
func (h *Handler) liveTask(zone, id string) int {
	i := h.findTask(zone, id)
	if i >= 0 && h.cfg.State.Tasks[i].GoneAt != 0 {
		return -1
	}
	return i
}
