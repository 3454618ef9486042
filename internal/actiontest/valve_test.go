package actiontest

import (
	"strings"
	"testing"
)

// valveRepo owns the whole zone (a scope) and lets the valve act at three
// live tasks: deleting one of them (33%) is over its 30%.
const valveRepo = `version: 1
defaults:
  tencent: {region: ap-guangzhou}
safety: {minResources: 3, maxPercent: 30}
scopes:
  - {deliveryTasks: {zoneId: zone-2z55fgysdtmc}}
deliveryTasks:
  - name: access-to-cls
    zoneId: zone-2z55fgysdtmc
    type: cls
    logType: l7-access-logs
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID, ClientIP, RequestTime]
    cls:
      logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b
      topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588
      logSetRegion: ap-guangzhou
  - name: security-to-siem
    zoneId: zone-2z55fgysdtmc
    type: custom_endpoint
    logType: l7-access-logs
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID, ClientIP, RequestTime, SecurityAction]
    customEndpoint:
      url: https://siem.example.com/edgeone/ingest
      accessId: ${env:SIEM_ACCESS_ID}
      accessKey: ${env:SIEM_ACCESS_KEY}
`

const wafTask = `  - name: waf-analysis
    zoneId: zone-2z55fgysdtmc
    type: log_analysis
    logType: web-attack
    area: mainland
    entities: [domain.example.com]
    fields: [RequestID, ClientIP, RequestTime, SecurityAction, SecurityRuleID]
`

// A refused apply (exit 4) fails the step with the valve's numbers in the
// job summary; force re-runs it with --force, and the summary says so.
func TestApplyRefusedByTheValveThenForced(t *testing.T) {
	w := newWorld(t)
	for name := range callerRepo {
		w.write(t, name, "version: 1\n") // this world manages the zone from logs/valve only
	}
	w.write(t, "logs/valve/tasks.yaml", valveRepo+wafTask)
	apply := func(force string) *Result {
		r := w.edgeRun("push", pushEvent(), "apply")
		r.inputs["path"], r.inputs["force"] = "logs/valve", force
		return w.run(t, r)
	}
	mustSucceed(t, apply("false"), map[string]string{"exit-code": "0"})

	w.write(t, "logs/valve/tasks.yaml", valveRepo)
	res := apply("false")
	if !res.Failed || res.Outputs["exit-code"] != "4" {
		t.Fatalf("want the valve to fail the step with exit 4, got failed=%v exit-code=%q\n%s", res.Failed, res.Outputs["exit-code"], res.Log)
	}
	for _, want := range []string{"apply refused for `logs/valve`", "1 of 3 live resources would be deleted or replaced (33%, limit 30%)", "`force: true`"} {
		if !strings.Contains(res.Summary, want) {
			t.Errorf("the job summary lacks %q:\n%s", want, res.Summary)
		}
	}

	res = apply("true")
	mustSucceed(t, res, map[string]string{"exit-code": "0"})
	if !strings.Contains(res.Summary, "applied `logs/valve` with --force") || !strings.Contains(res.Summary, "alice") {
		t.Errorf("the job summary does not record --force and who asked:\n%s", res.Summary)
	}
}
