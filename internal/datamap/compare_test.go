package datamap

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

func catalog(t *testing.T) *policy.PrivacyCatalog {
	t.Helper()
	c, err := policy.Privacy()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func clsTask(name string, fields ...string) spec.DeliveryTask {
	return spec.DeliveryTask{
		Name: name, ZoneID: "zone-1", Type: "cls", LogType: "l7-access-logs", Area: "mainland",
		Entities: []string{"a.example.com"}, Fields: fields, Sample: ptr[int64](100),
		CLS: &spec.CLSDestination{LogSetID: "ls", TopicID: "topic-1", LogSetRegion: "ap-guangzhou"},
	}
}

func mapOf(t *testing.T, tasks ...spec.DeliveryTask) *Map {
	return Desired(&spec.Document{DeliveryTasks: tasks}, catalog(t))
}

func TestCompare(t *testing.T) {
	base := clsTask("t", "RequestID")
	wider := clsTask("t", "RequestID", "ClientIP")
	wider.Sample = ptr[int64](1000)
	moved := clsTask("t", "RequestID")
	moved.Type, moved.CLS = "s3", nil
	moved.S3 = &spec.S3Destination{Endpoint: "https://s3.eu-central-1.amazonaws.com", Region: "eu-central-1", Bucket: "b/x/"}
	narrower := clsTask("t")
	narrower.Sample = ptr[int64](10)
	cases := []struct {
		name     string
		old, new []spec.DeliveryTask
		want     []ChangeKind
		reasons  []string
		newDest  bool
	}{
		{"same", []spec.DeliveryTask{base}, []spec.DeliveryTask{base}, nil, nil, false},
		{"added", nil, []spec.DeliveryTask{base}, []ChangeKind{ChangeAdded}, nil, true},
		{"removed", []spec.DeliveryTask{base}, nil, []ChangeKind{ChangeRemoved}, nil, false},
		{"widened", []spec.DeliveryTask{base}, []spec.DeliveryTask{wider}, []ChangeKind{ChangeWidened},
			[]string{"new fields ClientIP", "sample 10% → 100%"}, false},
		{"new destination", []spec.DeliveryTask{base}, []spec.DeliveryTask{moved}, []ChangeKind{ChangeWidened},
			[]string{"destination CLS topic topic-1 (ap-guangzhou) → S3 bucket b at s3.eu-central-1.amazonaws.com"}, true},
		{"narrowed", []spec.DeliveryTask{base}, []spec.DeliveryTask{narrower}, []ChangeKind{ChangeNarrowed},
			[]string{"fields dropped RequestID", "sample 10% → 1%"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Compare(mapOf(t, tc.old...), mapOf(t, tc.new...))
			var kinds []ChangeKind
			for _, c := range got {
				kinds = append(kinds, c.Kind)
			}
			if d := cmp.Diff(tc.want, kinds); d != "" {
				t.Fatalf("kinds (-want +got):\n%s", d)
			}
			if len(got) == 1 {
				if d := cmp.Diff(tc.reasons, got[0].Reasons); d != "" {
					t.Errorf("reasons (-want +got):\n%s", d)
				}
				if got[0].NewDestination != tc.newDest {
					t.Errorf("NewDestination = %v, want %v", got[0].NewDestination, tc.newDest)
				}
			}
		})
	}
}

func TestJurisdictionsAreNeverGuessed(t *testing.T) {
	cat := catalog(t)
	minio := clsTask("minio")
	minio.Type, minio.CLS = "s3", nil
	minio.S3 = &spec.S3Destination{Endpoint: "https://minio.example.org", Region: "us-east-1", Bucket: "b"}
	// Huawei's ap-southeast-1 is Hong Kong, AWS's Singapore.
	obs := clsTask("obs")
	obs.Type, obs.CLS = "s3", nil
	obs.S3 = &spec.S3Destination{Endpoint: "https://obs.ap-southeast-1.myhuaweicloud.com", Region: "ap-southeast-1", Bucket: "b"}
	aws := clsTask("aws")
	aws.Type, aws.CLS = "s3", nil
	aws.S3 = &spec.S3Destination{Endpoint: "https://s3.ap-southeast-1.amazonaws.com", Region: "ap-southeast-1", Bucket: "b"}
	m := Desired(&spec.Document{DeliveryTasks: []spec.DeliveryTask{minio, obs, aws}}, cat)
	got := map[string]string{}
	for _, d := range m.Destinations {
		got[d.Flows[0].Name] = d.Jurisdiction.Code
	}
	want := map[string]string{"minio": Unknown, "obs": "HK", "aws": "SG"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("jurisdictions (-want +got):\n%s", d)
	}
	if m.Summary.CrossBorder != 2 {
		t.Errorf("CrossBorder = %d, want 2 (mainland to HK and SG; unknown is not counted)", m.Summary.CrossBorder)
	}
}

func TestPercent(t *testing.T) {
	for in, want := range map[int64]string{1000: "100%", 605: "60.5%", 1: "0.1%", 10: "1%"} {
		if got := Percent(in); got != want {
			t.Errorf("Percent(%d) = %q, want %q", in, got, want)
		}
	}
}
