package render

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// liveBefore is the examples' state before the pull request: access-to-cls
// sent fewer fields at a lower sample (widened), l4-to-s3 went to another
// bucket (new destination), waf-analysis did not exist (added) and a debug
// task is gone (removed).
func liveBefore(t *testing.T, desired *spec.Document) *datamap.Map {
	t.Helper()
	var tasks []spec.DeliveryTask
	for _, x := range desired.DeliveryTasks {
		switch x.Name {
		case "access-to-cls":
			x.Fields = []string{"RequestID", "RequestTime", "RequestHost"}
			x.Sample = new(int64(100))
		case "l4-to-s3":
			s3 := *x.S3
			s3.Bucket = "old-archive/l4/"
			x.S3 = &s3
		case "waf-analysis":
			continue
		}
		tasks = append(tasks, x)
	}
	debug := desired.DeliveryTasks[1]
	debug.Name = "debug-to-vendor"
	debug.CustomEndpoint = &spec.CustomEndpoint{URL: "http://debug.vendor.example/in"}
	tasks = append(tasks, debug)
	cat, err := policy.Privacy()
	if err != nil {
		t.Fatal(err)
	}
	return datamap.Desired(&spec.Document{DeliveryTasks: tasks}, cat)
}

func TestDataChangeCommentGolden(t *testing.T) {
	golden, _ := filepath.Abs(filepath.Join("testdata", "map", "change.md"))
	t.Chdir(moduleRoot)
	doc, _, err := spec.Load([]string{"examples/edgeone-delivery.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := policy.Privacy()
	changes := datamap.Compare(liveBefore(t, doc), datamap.Desired(doc, cat))
	secs := DataMapChangeSections(changes)
	var texts []string
	for _, s := range secs {
		texts = append(texts, s.Markdown)
	}
	out := strings.Join(texts, "\n\n") + "\n"
	checkGolden(t, golden, []byte(out))
	if !strings.Contains(out, `widened: new fields ClientIP, RequestUrl, EdgeResponseStatusCode; sample 10% → 60\.5%`) {
		t.Errorf("no widened flow in:\n%s", out)
	}
	mmd := strings.TrimSuffix(strings.TrimPrefix(secs[1].Markdown, "```mermaid\n"), "```")
	if err := validateMermaid(mmd); err != nil {
		t.Errorf("invalid mermaid: %v\n%s", err, mmd)
	}
}

// The diagram is the first section to leave the comment for the job
// summary; the table stays as long as the riskiest plan details.
func TestDataChangeSectionsInTheComment(t *testing.T) {
	changes := []datamap.Change{{Kind: datamap.ChangeAdded, ResourceKind: spec.KindDeliveryTask, Name: "t", Key: "z/t", Source: "s",
		After: &datamap.End{DestinationID: "d", Destination: "D", Sample: 1000}}}
	p := &diff.Plan{Changes: []diff.Change{{Kind: spec.KindDeliveryTask, Name: "t", Key: "z/t", Action: diff.ActionCreate}}}
	secs := CommentSections(p, nil, CommentOptions{Dir: ".", DataChanges: changes})
	var prios []int
	diagram := -1
	for i, s := range secs {
		if s.Droppable {
			prios = append(prios, s.Priority)
		}
		if strings.HasPrefix(s.Markdown, "```mermaid") {
			diagram = i
		}
	}
	if diagram < 0 || secs[diagram].Priority != slices.Min(prios) {
		t.Fatalf("the diagram is not dropped first: %+v", secs)
	}
	// Compared and unchanged: no section, and not the old table either.
	for _, s := range CommentSections(p, nil, CommentOptions{Dir: ".", DataChanges: []datamap.Change{}}) {
		if strings.Contains(s.Markdown, "What data goes where") {
			t.Errorf("unchanged data map still has a section: %q", s.Markdown)
		}
	}
}

// A live flow of a resource the plan leaves alone (unmanaged, outside every
// scope) is not a change of the pull request.
func TestDataChangesOnlyOfPlannedResources(t *testing.T) {
	removed := datamap.Change{Kind: datamap.ChangeRemoved, ResourceKind: spec.KindDeliveryTask, Name: "other", Key: "z/other",
		Source: "s", Before: &datamap.End{DestinationID: "d", Destination: "D", Sample: 1000}}
	p := &diff.Plan{Changes: []diff.Change{{Kind: spec.KindDeliveryTask, Name: "t", Key: "z/t", Action: diff.ActionNoop}}}
	for _, s := range CommentSections(p, nil, CommentOptions{Dir: ".", DataChanges: []datamap.Change{removed}}) {
		if strings.Contains(s.Markdown, "other") {
			t.Errorf("an unplanned flow is shown: %q", s.Markdown)
		}
	}
	p.Unmanaged = nil
	p.Changes = append(p.Changes, diff.Change{Kind: spec.KindDeliveryTask, Name: "other", Key: "z/other", Action: diff.ActionDelete})
	found := false
	for _, s := range CommentSections(p, nil, CommentOptions{Dir: ".", DataChanges: []datamap.Change{removed}}) {
		found = found || strings.Contains(s.Markdown, "`other`")
	}
	if !found {
		t.Error("the flow of a planned delete is missing")
	}
}
