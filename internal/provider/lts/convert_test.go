package lts

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/spec"
)

// The design's example dump, which is the vendor's log-dump/obs example.
const convSeedYAML = `version: 1
dumps:
  - name: app-logs-to-obs
    region: cn-north-4
    projectId: 0123456789abcdef0123456789abcdef
    logGroupId: d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053
    logStreamIds: [45e7f609-xxxx-4cd3-835b-xxxx4a124718]
    bucket: lts-test
    storageFormat: RAW
    enabled: true
    prefixName: fileprefixname
    dirPrefixName: dirprefixname
    period: 5min
`

func convSeedDump(t *testing.T) *spec.Dump {
	t.Helper()
	doc, diags := spec.ParseBytes("d.yaml", []byte(convSeedYAML))
	if diags.HasErrors() || len(doc.Dumps) != 1 {
		t.Fatalf("parse: %v", diags.Err())
	}
	return &doc.Dumps[0]
}

// TestBodiesMatchVendorExamples: the example dump written as logctl YAML
// gives the vendor's log-dump/obs body, and the same transfer through the
// transfers API.
func TestBodiesMatchVendorExamples(t *testing.T) {
	d := convSeedDump(t)
	tests := []struct {
		name  string
		build func(*spec.Dump) (any, error)
		file  string
	}{
		{"log-dump/obs", func(d *spec.Dump) (any, error) { return logDumpBody(d) }, "log_dump_obs.seed.json"},
		{"transfers", func(d *spec.Dump) (any, error) { return createTransferBody(d) }, "create_transfer.golden.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := tt.build(d)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(body)
			if diff := cmp.Diff(decodeAny(t, readFile(t, tt.file)), decodeAny(t, got)); diff != "" {
				t.Errorf("body (-example +got):\n%s", diff)
			}
		})
	}
}

func TestDumpFromWire(t *testing.T) {
	on, off := true, false
	tests := []struct {
		name string
		wire string
		want *spec.Dump // nil: not an OBS transfer, skipped
	}{
		{name: "vendor example shape with empty prefixes",
			wire: `{"log_group_id":"g","log_group_name":"gn","log_streams":[{"log_stream_id":"s1","log_stream_name":"n1"},{"log_stream_id":"s2","log_stream_name":"n2"}],
				"log_transfer_id":"t","log_transfer_info":{"log_create_time":1,"log_storage_format":"RAW","log_transfer_mode":"cycle",
				"log_transfer_status":"ENABLE","log_transfer_type":"OBS","log_transfer_detail":{"obs_period":5,"obs_period_unit":"min",
				"obs_bucket_name":"lts-test","obs_transfer_path":"/lts-test/LogTanks/cn-north-4/","obs_prefix_name":"","obs_dir_pre_fix_name":"",
				"obs_encrypted_enable":false,"tags":[]}}}`,
			want: &spec.Dump{Region: "r", ProjectID: "p", LogGroupID: "g", LogStreamIDs: []string{"s1", "s2"}, Bucket: "lts-test",
				StorageFormat: "RAW", Enabled: &on, Period: "5min"}},
		{name: "disabled JSON every 12 hours with prefixes",
			wire: `{"log_group_id":"g","log_streams":[{"log_stream_id":"s"}],"log_transfer_id":"t","log_transfer_info":{"log_storage_format":"JSON",
				"log_transfer_mode":"cycle","log_transfer_status":"DISABLE","log_transfer_type":"OBS","log_transfer_detail":{"obs_period":12,
				"obs_period_unit":"hour","obs_bucket_name":"b","obs_prefix_name":"pre","obs_dir_pre_fix_name":"dir"}}}`,
			want: &spec.Dump{Region: "r", ProjectID: "p", LogGroupID: "g", LogStreamIDs: []string{"s"}, Bucket: "b",
				StorageFormat: "JSON", Enabled: &off, PrefixName: "pre", DirPrefixName: "dir", Period: "12hour"}},
		{name: "exception reads as disabled",
			wire: `{"log_group_id":"g","log_streams":[],"log_transfer_id":"t","log_transfer_info":{"log_storage_format":"RAW",
				"log_transfer_mode":"cycle","log_transfer_status":"EXCEPTION","log_transfer_type":"OBS","log_transfer_detail":{"obs_period":1,
				"obs_period_unit":"hour","obs_bucket_name":"b"}}}`,
			want: &spec.Dump{Region: "r", ProjectID: "p", LogGroupID: "g", Bucket: "b", StorageFormat: "RAW", Enabled: &off, Period: "1hour"}},
		{name: "DIS transfer is not a dump",
			wire: `{"log_group_id":"g","log_streams":[{"log_stream_id":"s"}],"log_transfer_id":"t","log_transfer_info":{"log_storage_format":"RAW",
				"log_transfer_mode":"realTime","log_transfer_status":"ENABLE","log_transfer_type":"DIS","log_transfer_detail":{"dis_id":"d","dis_name":"n"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w model.CreateTransferResponseBody
			if err := json.Unmarshal([]byte(tt.wire), &w); err != nil {
				t.Fatal(err)
			}
			if !isOBS(&w) {
				if tt.want != nil {
					t.Fatal("isOBS = false for an OBS transfer")
				}
				return
			}
			if tt.want == nil {
				t.Fatal("isOBS = true for a non-OBS transfer")
			}
			got := dumpFromWire("r", "p", &w)
			if diff := cmp.Diff(*tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("dump (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitPeriod(t *testing.T) {
	tests := []struct {
		in   string
		n    int32
		unit string
	}{
		{"2min", 2, "min"}, {"5min", 5, "min"}, {"30min", 30, "min"},
		{"1hour", 1, "hour"}, {"3hour", 3, "hour"}, {"6hour", 6, "hour"}, {"12hour", 12, "hour"},
	}
	for _, tt := range tests {
		n, unit, err := splitPeriod(tt.in)
		if err != nil || n != tt.n || unit != tt.unit {
			t.Errorf("splitPeriod(%q) = %d, %q, %v; want %d, %q", tt.in, n, unit, err, tt.n, tt.unit)
		}
	}
	for _, bad := range []string{"", "10min", "1h", "24hour", "5 min"} {
		if _, _, err := splitPeriod(bad); !errors.Is(err, apierr.ErrInvalid) {
			t.Errorf("splitPeriod(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

// TestUpdateBody: the whole detail and the streams are sent; an unset
// prefix is written out as "", so that it is cleared whether the server
// replaces the detail (§8) or keeps omitted members (modify-keeps-omitted).
func TestUpdateBody(t *testing.T) {
	d := convSeedDump(t)
	off := false
	d.Enabled, d.PrefixName, d.StorageFormat, d.Period = &off, "", "", "3hour"
	body, err := updateBody("tr-1", d)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(body)
	want := `{"log_transfer_id":"tr-1","log_streams":[{"log_stream_id":"45e7f609-xxxx-4cd3-835b-xxxx4a124718"}],
		"log_transfer_info":{"log_storage_format":"RAW","log_transfer_status":"DISABLE","log_transfer_detail":{"obs_period":3,
		"obs_period_unit":"hour","obs_bucket_name":"lts-test","obs_prefix_name":"","obs_dir_pre_fix_name":"dirprefixname"}}}`
	if diff := cmp.Diff(decodeAny(t, []byte(want)), decodeAny(t, got)); diff != "" {
		t.Errorf("update body (-want +got):\n%s", diff)
	}
}
