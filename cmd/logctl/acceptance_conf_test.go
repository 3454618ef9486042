package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/provider/providertest"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// runConformance runs the provider conformance steps that need no emulator
// (providertest.RunLive) through the providers the CLI builds, in the
// sandbox, for each kind: what the acceptance suite checks of each
// provider before the convergence scenario.
func runConformance(t *testing.T, sb sandbox, env []string) {
	providers, err := newProviders(envLookup(env), providerOptions{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	targets := sandboxTargets(sb)
	on, off := true, false
	cls := &spec.CLSDestination{LogSetID: sb.logSetID, TopicID: sb.topicID, LogSetRegion: sb.clsRegion}
	count := int64(10)
	from, _ := spec.ParseTimestamp("2020-12-09T07:31:47Z")
	to, _ := spec.ParseTimestamp("2020-12-09T07:33:27Z")
	kinds := []struct {
		name    string
		target  reconcile.Target
		desired func(int) reconcile.Object
		change  func(reconcile.Object) reconcile.Object
	}{
		{"deliveryTask", targets[0], func(i int) reconcile.Object {
			return reconcile.Object{Task: &spec.DeliveryTask{Name: fmt.Sprintf("%sconf-%02d", sb.prefix, i), ZoneID: sb.zoneID,
				Type: "cls", LogType: "l7-access-logs", Area: "mainland", Entities: []string{sb.domains[i%len(sb.domains)]},
				Fields: []string{"RequestID", "ClientIP"}, CLS: cls,
				CustomFields: []spec.CustomField{{Name: "ReqHeader", Value: "Accept-Language", Enabled: &on}}}}
		}, func(o reconcile.Object) reconcile.Object {
			task, sample := *o.Task, int64(500)
			task.Fields = append(task.Fields, "RequestTime")
			task.CustomFields, task.Sample, task.Enabled = nil, &sample, &off
			return reconcile.Object{Task: &task}
		}},
		{"export", targets[1], func(i int) reconcile.Object {
			return reconcile.Object{Export: &spec.Export{Name: fmt.Sprintf("%sconf-%d", sb.prefix, i), Region: sb.clsRegion,
				TopicID: sb.topicID, Query: fmt.Sprintf("%sconf-%d", sb.prefix, i), Count: &count, From: from, To: to}}
		}, nil},
		{"dump", targets[2], func(i int) reconcile.Object {
			group, stream, bucket := sb.dumpAt(i)
			return reconcile.Object{Dump: &spec.Dump{Name: fmt.Sprintf("%sconf-%d", sb.prefix, i), Region: sb.region,
				ProjectID: sb.projectID, LogGroupID: group, LogStreamIDs: []string{stream}, Bucket: bucket,
				StorageFormat: "RAW", PrefixName: "logctl-acc", Period: "5min"}}
		}, func(o reconcile.Object) reconcile.Object {
			d := *o.Dump
			d.StorageFormat, d.Enabled, d.Period, d.PrefixName, d.DirPrefixName = "JSON", &off, "1hour", "", "logctl-acc"
			return reconcile.Object{Dump: &d}
		}},
	}
	for _, k := range kinds {
		t.Run("conformance/"+k.name, func(t *testing.T) {
			providertest.RunLive(t, func(t *testing.T) providertest.Env {
				return providertest.Env{Provider: providers[k.target.Kind], Target: k.target, Desired: k.desired, Change: k.change}
			})
		})
	}
}
