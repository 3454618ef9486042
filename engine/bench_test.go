package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// BenchmarkPlan plans 10 zones of tasks against an in-memory cloud, all
// live (no change) and none live (all create): the engine's own cost,
// without the clouds' latency and pacing (bench/plan.sh measures those
// against the emulator).
//
//	go test -run '^$' -bench BenchmarkPlan -benchmem ./engine
func BenchmarkPlan(b *testing.B) {
	const zones, perZone = 10, 500
	for _, live := range []bool{true, false} {
		name := "create"
		if live {
			name = "no-change"
		}
		b.Run(fmt.Sprintf("%s-%d", name, zones*perZone), func(b *testing.B) {
			dir := estate(b, zones, perZone, 0)
			cloud := &fakeCloud{}
			if live {
				cloud.add(reconcile.Object{Dump: &spec.Dump{Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef",
					LogGroupID: "d9dba9f3-0000-48bd-0000-000000000000", LogStreamIDs: []string{"45e7f609-0000-4cd3-835b-000000000000"},
					Bucket: "lts-0", StorageFormat: "RAW", Period: "5min", Name: "dump-0"}})
				for z := range zones {
					for i := range perZone {
						cloud.add(liveTask(fmt.Sprintf("task-%d-%d", z, i), zone(z), fmt.Sprintf("d%d-%d.example.com", z, i)))
					}
				}
			}
			e := &Engine{Providers: cloud.providers}
			for b.Loop() {
				pl, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}})
				if err != nil {
					b.Fatal(err)
				}
				if live == pl.Plan.HasChanges() {
					b.Fatalf("plan summary %+v", pl.Plan.Summary)
				}
			}
		})
	}
}
