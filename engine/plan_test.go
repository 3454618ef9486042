package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

// estate writes a config of zones × perZone delivery tasks (zone(z),
// task-Z-I, one domain each), topics × 1 export and one project with one
// dump, each zone and topic in a scope, and returns its directory.
func estate(t testing.TB, zones, perZone, topics int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\ndefaults:\n  tencent: {region: ap-guangzhou}\n  huawei: {region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}\n")
	b.WriteString("scopes:\n")
	for z := range zones {
		fmt.Fprintf(&b, "  - {deliveryTasks: {zoneId: %s}}\n", zone(z))
	}
	for p := range topics {
		fmt.Fprintf(&b, "  - {exports: {topicId: ee20bb16-3025-4048-b81a-%012d}}\n", p)
	}
	b.WriteString("deliveryTasks:\n")
	for z := range zones {
		for i := range perZone {
			b.WriteString("  - " + task(fmt.Sprintf("task-%d-%d", z, i), zone(z), fmt.Sprintf("d%d-%d.example.com", z, i)) + "\n")
		}
	}
	if topics > 0 {
		b.WriteString("exports:\n")
	}
	for p := range topics {
		fmt.Fprintf(&b, "  - {name: export-%d, topicId: ee20bb16-3025-4048-b81a-%012d, query: \"status:200\", count: 10, from: 1607499107000, to: 1607499207000}\n", p, p)
	}
	b.WriteString("dumps:\n  - {name: dump-0, logGroupId: d9dba9f3-0000-48bd-0000-000000000000, logStreamIds: [45e7f609-0000-4cd3-835b-000000000000], bucket: lts-0, storageFormat: RAW, period: 5min}\n")
	dir := t.TempDir()
	writeFile(t, dir, "logs.yaml", b.String())
	return dir
}

// zone is the id of the estate's zone z, in the form EdgeOne ids take.
func zone(z int) string { return fmt.Sprintf("zone-%012d", z) }

// freeZone is a zone no scope covers.
const freeZone = "zone-free00000000"

// task is a delivery task to CLS in flow style.
func task(name, zone, entity string) string {
	return fmt.Sprintf("{name: %s, zoneId: %s, type: cls, logType: l7-access-logs, area: mainland, entities: [%s], fields: [RequestID], "+
		"cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}", name, zone, entity)
}

// liveTask is the live form of task.
func liveTask(name, zone, entity string) reconcile.Object {
	return reconcile.Object{Task: &spec.DeliveryTask{Name: name, ZoneID: zone, Type: "cls", LogType: "l7-access-logs", Area: "mainland",
		Entities: []string{entity}, Fields: []string{"RequestID"},
		CLS: &spec.CLSDestination{LogSetID: "1a6efff1-0e40-4d37-a4ed-02c92513406b", TopicID: "0b3a07c0-5cf6-4017-8a75-cd4459aea588", LogSetRegion: "ap-guangzhou"}}}
}

func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// recorder records what the observer is told, in order.
type recorder struct{ events, findings []string }

func (r *recorder) observer() Observer {
	return Observer{
		Linted: func(fs []policy.Finding, _ *spec.Document) error {
			r.events = append(r.events, fmt.Sprintf("linted %d", len(fs)))
			for _, f := range fs {
				r.findings = append(r.findings, f.Rule+": "+f.Message)
			}
			return nil
		},
		LiveFindings: func(fs []policy.Finding, _ *spec.Document) error {
			for _, f := range fs {
				r.events = append(r.events, "live "+f.Rule)
			}
			return nil
		},
		Reading: func(purpose string, ts []reconcile.Target) {
			r.events = append(r.events, fmt.Sprintf("%s %d targets", purpose, len(ts)))
		},
	}
}

func TestPlan(t *testing.T) {
	dir := estate(t, 2, 3, 1)
	cloud := &fakeCloud{}
	// One task already live and unchanged, one live task no file declares
	// inside a scope (deleted), one outside every scope (unmanaged).
	cloud.add(liveTask("task-0-0", zone(0), "d0-0.example.com"))
	cloud.add(liveTask("stray", zone(1), "x.example.com"))
	cloud.add(liveTask("not-ours", zone(9), "y.example.com"))
	var rec recorder
	e := &Engine{Providers: cloud.providers, Observer: rec.observer()}
	pl, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	want := diff.Summary{Create: 5 + 1 + 1, Delete: 1, Noop: 1}
	if pl.Plan.Summary != want {
		t.Errorf("summary = %+v, want %+v", pl.Plan.Summary, want)
	}
	if len(pl.Plan.Unmanaged) != 0 {
		t.Errorf("unmanaged = %+v: zone-9 is not read", pl.Plan.Unmanaged)
	}
	if got, want := strings.Join(rec.events, "; "), "linted 0; plan 4 targets"; got != want {
		t.Errorf("events = %q, want %q", got, want)
	}
	if len(cloud.reads) != 4 {
		t.Errorf("reads = %v, want the 2 zones, the topic and the project", cloud.reads)
	}
}

func TestPlanStops(t *testing.T) {
	cases := []struct {
		name    string
		extra   string // a second file
		live    []reconcile.Object
		wantErr func(error) bool
		reads   int // -1: any (the reads run beside the files' pass)
		events  string
	}{
		{
			// The reads start beside the files' pass and are cancelled.
			name:    "error findings stop the plan",
			extra:   "version: 1\ndeliveryTasks:\n  - " + task("other", zone(0), "d0-0.example.com") + "\n",
			wantErr: func(err error) bool { return errors.Is(err, ErrDenied) },
			reads:   -1,
			events:  "linted 2",
		},
		{
			name: "a missing variable stops before any read",
			extra: "version: 1\ndeliveryTasks:\n  - {name: ep, zoneId: " + zone(0) + ", type: custom_endpoint, logType: l7-access-logs, area: mainland, " +
				"entities: [ep.example.com], fields: [RequestID], logFormat: {formatType: json}, customEndpoint: {url: \"https://x.example.com\", accessId: \"${env:NOT_SET}\", accessKey: \"${env:NOT_SET}\"}}\n",
			wantErr: func(err error) bool {
				var m *MissingEnvError
				return errors.As(err, &m) && len(m.Diagnostics) == 2 // one per use
			},
			events: "linted 0",
		},
		{
			// Outside every scope: a live task there stays, and holds its slot.
			name:    "a live task that takes a declared slot",
			extra:   "version: 1\ndeliveryTasks:\n  - " + task("mine", freeZone, "e.example.com") + "\n",
			live:    []reconcile.Object{liveTask("console-made", freeZone, "e.example.com")},
			wantErr: func(err error) bool { return errors.Is(err, ErrDenied) },
			reads:   3,
			events:  "linted 0; plan 3 targets; live teo.entity-unique",
		},
		{
			// Inside a scope the plan deletes it: the live pass sees the
			// live state as the plan leaves it.
			name:    "a live task the plan deletes holds no slot",
			live:    []reconcile.Object{liveTask("console-made", zone(0), "d0-0.example.com")},
			wantErr: func(err error) bool { return err == nil },
			reads:   2,
			events:  "linted 0; plan 2 targets",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := estate(t, 1, 1, 0)
			if tc.extra != "" {
				writeFile(t, dir, "extra.yaml", tc.extra)
			}
			cloud := &fakeCloud{}
			for _, o := range tc.live {
				cloud.add(o)
			}
			var rec recorder
			e := &Engine{Providers: cloud.providers, Observer: rec.observer()}
			pl, err := e.Plan(context.Background(), PlanRequest{Paths: []string{dir}})
			if !tc.wantErr(err) {
				t.Errorf("err = %v", err)
			}
			if err != nil && pl != nil && pl.Plan != nil {
				t.Errorf("a stopped plan planned %+v", pl.Plan.Summary)
			}
			if tc.reads >= 0 && len(cloud.reads) != tc.reads {
				t.Errorf("reads = %v, want %d", cloud.reads, tc.reads)
			}
			if got := strings.Join(rec.events, "; "); got != tc.events {
				t.Errorf("events = %q, want %q (findings %q)", got, tc.events, rec.findings)
			}
		})
	}
}
