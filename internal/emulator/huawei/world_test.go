package huawei

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

func TestDefaultWorldHoldsSeedIDs(t *testing.T) {
	w := DefaultWorld()
	p := w.project("0123456789abcdef0123456789abcdef")
	if p == nil || p.Region != "cn-north-4" || !p.hasBucket("lts-test") {
		t.Fatalf("default project = %+v", p)
	}
	g := p.group("d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053")
	if g == nil || !g.hasStream("45e7f609-xxxx-4cd3-835b-xxxx4a124718") {
		t.Fatalf("default group = %+v", g)
	}
}

func TestMerge(t *testing.T) {
	w := World{Projects: []Project{{ID: "p1", LogGroups: []LogGroup{{ID: "g1", Streams: []string{"s1"}}}, Buckets: []string{"b1"}}}}
	w.Merge(World{Projects: []Project{
		{ID: "p1", Region: "r1", LogGroups: []LogGroup{
			{ID: "g1", Name: "named", Streams: []string{"s1", "s2"}},
			{ID: "g2", Streams: []string{"s3"}},
		}, Buckets: []string{"b1", "b2"}},
		{ID: "p2", Region: "r2"},
	}})
	want := World{Projects: []Project{
		{ID: "p1", Region: "r1", LogGroups: []LogGroup{
			{ID: "g1", Name: "named", Streams: []string{"s1", "s2"}},
			{ID: "g2", Streams: []string{"s3"}},
		}, Buckets: []string{"b1", "b2"}},
		{ID: "p2", Region: "r2"},
	}}
	if diff := cmp.Diff(want, w); diff != "" {
		t.Errorf("merged world (-want +got):\n%s", diff)
	}
}

// TestWorldYAML decodes the huawei block of the design's world file example.
func TestWorldYAML(t *testing.T) {
	const doc = `
projects:
  - id: 0123456789abcdef0123456789abcdef
    region: cn-north-4
    logGroups:
      - {id: d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053, streams: [45e7f609-xxxx-4cd3-835b-xxxx4a124718]}
    buckets: [lts-test]
`
	var w World
	if err := yaml.Unmarshal([]byte(doc), &w); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultWorld(), w); diff != "" {
		t.Errorf("world (-default +decoded):\n%s", diff)
	}
}

func TestNames(t *testing.T) {
	g := LogGroup{ID: "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053"}
	if got := g.GroupName(); got != "lts-group-d9dba9f3" {
		t.Errorf("GroupName = %q", got)
	}
	if got := (&LogGroup{ID: "x", Name: "app"}).GroupName(); got != "app" {
		t.Errorf("named GroupName = %q", got)
	}
	if got := StreamName("abc"); got != "lts-stream-abc" {
		t.Errorf("StreamName(short id) = %q", got)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in       string
		n        int32
		unit     string
		wantFail bool
	}{
		{"2min", 2, "min", false}, {"5min", 5, "min", false}, {"30min", 30, "min", false},
		{"1hour", 1, "hour", false}, {"3hour", 3, "hour", false}, {"6hour", 6, "hour", false}, {"12hour", 12, "hour", false},
		{"", 0, "", true}, {"10min", 0, "", true}, {"2hour", 0, "", true}, {"5 min", 0, "", true}, {"min", 0, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			n, unit, err := parsePeriod(tc.in)
			if (err != nil) != tc.wantFail || n != tc.n || unit != tc.unit {
				t.Errorf("parsePeriod(%q) = %d %q %v", tc.in, n, unit, err)
			}
		})
	}
}

func TestSeedErrors(t *testing.T) {
	base := LiveDump{Name: "d", ProjectID: projA, LogGroupID: groupApp, LogStreamIDs: []string{streamApp3}, Bucket: "lts-test", Period: "5min"}
	tests := []struct {
		name string
		edit func(d *LiveDump)
		want string
	}{
		{"unknown project", func(d *LiveDump) { d.ProjectID = projMissing }, "not in the world"},
		{"region mismatch", func(d *LiveDump) { d.Region = "cn-east-3" }, "region"},
		{"bad period", func(d *LiveDump) { d.Period = "7min" }, "period"},
		{"bad format", func(d *LiveDump) { d.StorageFormat = "XML" }, codeNotInList},
		{"unknown group", func(d *LiveDump) { d.LogGroupID = groupNone }, codeGroupNotFound},
		{"unknown bucket", func(d *LiveDump) { d.Bucket = "nope-bucket" }, codeNoBucket},
		{"stream taken", func(d *LiveDump) { d.LogStreamIDs = []string{streamApp1} }, codeStreamTaken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d := base
			tc.edit(&d)
			err := f.state.Seed(f.world, d, testNow)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `"d"`) {
				t.Errorf("Seed error = %v, want it to name the dump and mention %q", err, tc.want)
			}
		})
	}
}

func TestSeedDefaultsAndStateRoundTrip(t *testing.T) {
	var s State // zero value usable
	w := DefaultWorld()
	d := LiveDump{Name: "d", Region: "cn-north-4", ProjectID: seedProjectID, LogGroupID: seedGroupID,
		LogStreamIDs: []string{seedStreamID}, Bucket: seedBucket, Period: "1hour"}
	if err := s.Seed(&w, d, testNow); err != nil {
		t.Fatal(err)
	}
	got := s.Transfers[0]
	if got.StorageFormat != "RAW" || got.Status != "ENABLE" || got.Detail.ObsPeriod != 1 || got.Detail.ObsPeriodUnit != "hour" {
		t.Errorf("seeded transfer = %+v", got)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("state JSON round trip (-before +after):\n%s", diff)
	}
}

// TestIDsDeterministic: the same operations on equal states give the same
// ids; different projects or counters give different ones.
func TestIDsDeterministic(t *testing.T) {
	var a, b State
	if x, y := a.newID(projA), b.newID(projA); x != y || len(x) != 36 {
		t.Errorf("ids %q and %q, want equal and 36 characters", x, y)
	}
	if x, y := a.newID(projA), b.newID(projB); x == y {
		t.Errorf("projects A and B share id %q", x)
	}
	later := State{NextID: 5}
	if later.newID(projA) == (&State{}).newID(projA) {
		t.Error("same id from different counters")
	}
	seen := map[string]bool{}
	var c State
	for range 1000 {
		id := c.newID(projA)
		if seen[id] {
			t.Fatalf("id %s repeated", id)
		}
		seen[id] = true
	}
}
