package lts

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	testProject = "0123456789abcdef0123456789abcdef"
	testSK      = "sk-that-must-never-show"
)

func ptr[T any](v T) *T { return &v }

// captured is one request as the server saw it.
type captured struct {
	method, path, query string
	header              http.Header
	body                []byte
}

// recorder answers every request with status/body and keeps what it saw.
type recorder struct {
	mu     sync.Mutex
	reqs   []captured
	status int
	body   string
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, captured{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), b})
	rec.mu.Unlock()
	w.Header().Set("X-Request-Id", "rid-1")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rec.status)
	io.WriteString(w, rec.body)
}

func newTestAPI(t *testing.T, endpoint string, timeout time.Duration) *API {
	t.Helper()
	a, err := NewAPI(Config{Region: "cn-north-4", ProjectID: testProject, Endpoint: endpoint, Timeout: timeout,
		Getenv: envOf(map[string]string{EnvAK: "AKTEST", EnvSK: testSK, EnvSecurityToken: "sts-token"})})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCreateLogDumpObsMatchesVendorExample sends the seed page's example
// through the SDK and compares the body with the vendor's. The page writes
// "switch_on": "true" (a string); the SDK model, like the parameter table,
// has a boolean, so the testdata carries true.
func TestCreateLogDumpObsMatchesVendorExample(t *testing.T) {
	rec := &recorder{status: 201, body: `{"log_dump_obs_id":"45fdc36b-xxxx-4567-xxxx-559xxxxdf968"}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	a := newTestAPI(t, srv.URL, time.Second)
	resp, err := a.CreateLogDumpObs(context.Background(), &model.CreateLogDumpObsRequestBody{
		LogGroupId: "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053", LogStreamIds: []string{"45e7f609-xxxx-4cd3-835b-xxxx4a124718"},
		ObsBucketName: "lts-test", Type: "cycle", StorageFormat: "RAW", SwitchOn: ptr(true),
		PrefixName: ptr("fileprefixname"), DirPrefixName: ptr("dirprefixname"), Period: 5, PeriodUnit: "min",
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.LogDumpObsId == nil || *resp.LogDumpObsId != "45fdc36b-xxxx-4567-xxxx-559xxxxdf968" {
		t.Errorf("response %+v", resp)
	}
	got := rec.reqs[0]
	if got.method != "POST" || got.path != "/v2/"+testProject+"/log-dump/obs" {
		t.Errorf("request %s %s", got.method, got.path)
	}
	if diff := cmp.Diff(decodeAny(t, readFile(t, "log_dump_obs.seed.json")), decodeAny(t, got.body)); diff != "" {
		t.Errorf("body differs from the vendor example (-seed +sent):\n%s", diff)
	}
}

// TestCreateTransferWire pins what the SDK sends for CreateTransfer: path,
// signing headers, project header, body (golden; -update rewrites it).
func TestCreateTransferWire(t *testing.T) {
	rec := &recorder{status: 200, body: `{"log_group_id":"g","log_group_name":"gn","log_streams":[{"log_stream_id":"s","log_stream_name":"sn"}],
	 "log_transfer_id":"tr-1","log_transfer_info":{"log_create_time":1700000000000,"log_storage_format":"RAW",
	 "log_transfer_mode":"cycle","log_transfer_status":"ENABLE","log_transfer_type":"OBS",
	 "log_transfer_detail":{"obs_period":5,"obs_period_unit":"min","obs_bucket_name":"lts-test","obs_prefix_name":"","tags":[]}}}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	a := newTestAPI(t, srv.URL, time.Second)
	resp, err := a.CreateTransfer(context.Background(), &model.CreateTransferRequestBody{
		LogGroupId: "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053",
		LogStreams: []model.CreateTransferRequestBodyLogStreams{{LogStreamId: "45e7f609-xxxx-4cd3-835b-xxxx4a124718"}},
		LogTransferInfo: &model.CreateTransferRequestBodyLogTransferInfo{
			LogTransferType:   "OBS",
			LogTransferMode:   Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferMode]("cycle"),
			LogStorageFormat:  Enum[model.CreateTransferRequestBodyLogTransferInfoLogStorageFormat]("RAW"),
			LogTransferStatus: Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferStatus]("ENABLE"),
			LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 5, ObsPeriodUnit: "min", ObsBucketName: "lts-test",
				ObsPrefixName: ptr("fileprefixname"), ObsDirPreFixName: ptr("dirprefixname")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if *resp.LogTransferId != "tr-1" || resp.LogTransferInfo.LogTransferDetail.ObsPeriod.Value() != 5 ||
		resp.LogTransferInfo.LogTransferStatus.Value() != "ENABLE" {
		t.Errorf("response decoded as %v", resp)
	}
	got := rec.reqs[0]
	if got.method != "POST" || got.path != "/v2/"+testProject+"/transfers" {
		t.Errorf("request %s %s", got.method, got.path)
	}
	wantHeaders := map[string]string{"X-Project-Id": testProject, "X-Security-Token": "sts-token",
		"Content-Type": "application/json;charset=UTF-8"}
	for k, v := range wantHeaders {
		if got.header.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.header.Get(k), v)
		}
	}
	if auth := got.header.Get("Authorization"); !strings.HasPrefix(auth, "SDK-HMAC-SHA256 Access=AKTEST, SignedHeaders=") {
		t.Errorf("Authorization = %q", auth)
	}
	golden(t, "create_transfer.golden.json", got.body)
}

func TestListAndDeleteTransfers(t *testing.T) {
	rec := &recorder{status: 200, body: `{"log_transfers":[{"log_group_id":"g","log_group_name":"gn","log_streams":[],
	 "log_transfer_id":"tr-1","log_transfer_info":{"log_create_time":1,"log_storage_format":"JSON","log_transfer_mode":"cycle",
	 "log_transfer_status":"DISABLE","log_transfer_type":"OBS","log_transfer_detail":{"obs_period":12,"obs_period_unit":"hour","obs_bucket_name":"b"}}}]}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	a := newTestAPI(t, srv.URL, time.Second)
	list, err := a.ListTransfers(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].LogTransferId != "tr-1" || list[0].LogTransferInfo.LogTransferDetail.ObsPeriodUnit != "hour" {
		t.Errorf("list decoded as %v", list)
	}
	if _, err := a.DeleteTransfer(context.Background(), "tr-1"); err != nil {
		t.Fatal(err)
	}
	if got := rec.reqs[0]; got.method != "GET" || got.path != "/v2/"+testProject+"/transfers" || got.query != "limit=100&offset=0" {
		t.Errorf("list sent %s %s?%s", got.method, got.path, got.query)
	}
	// The server answers the same page whatever the offset: the second
	// call (offset 1) adds nothing and ends the list.
	if got := rec.reqs[1]; got.query != "limit=100&offset=1" {
		t.Errorf("second list call sent %s?%s", got.path, got.query)
	}
	if got := rec.reqs[2]; got.method != "DELETE" || got.query != "log_transfer_id=tr-1" || len(got.body) != 0 {
		t.Errorf("delete sent %s %s?%s body %q", got.method, got.path, got.query, got.body)
	}
}

func TestEnumCarriesAnyString(t *testing.T) {
	for _, s := range []string{"cycle", "realTime", "SOMETHING-NEW"} {
		m := Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferMode](s)
		if m.Value() != s {
			t.Errorf("Enum(%q).Value() = %q", s, m.Value())
		}
	}
	st := Enum[model.UpdateTransferRequestBodyLogTransferInfoLogTransferStatus]("DISABLE")
	if b, _ := json.Marshal(st); string(b) != `"DISABLE"` {
		t.Errorf("marshals as %s", b)
	}
}

func TestResolveEndpoint(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
		err  string
	}{
		{"vendor host", Config{Region: "cn-north-4"}, "https://lts.cn-north-4.myhuaweicloud.com", ""},
		{"eu host", Config{Region: "eu-west-101"}, "https://lts.eu-west-101.myhuaweicloud.eu", ""},
		{"override wins", Config{Region: "cn-north-4", Endpoint: "http://127.0.0.1:8787/"}, "http://127.0.0.1:8787", ""},
		{"no scheme is https", Config{Endpoint: "lts.example.com:8443"}, "https://lts.example.com:8443", ""},
		{"nothing", Config{}, "", "region or an endpoint"},
		{"user info", Config{Endpoint: "http://a:s3cr3t@h"}, "", "user information"},
		{"path", Config{Endpoint: "http://h/v2"}, "", "without a path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cfg.resolveEndpoint()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "s3cr3t") {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestCredentialOverrideIsNotMutated(t *testing.T) {
	shared, err := auth.NewBasicCredentialsBuilder().WithAk("AK").WithSk("SK").WithProjectId("p-original").SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAPI(Config{Region: "cn-north-4", ProjectID: testProject, Credential: shared})
	if err != nil {
		t.Fatal(err)
	}
	if a.ProjectID() != testProject || shared.ProjectId != "p-original" {
		t.Fatalf("api project %q, shared credential project %q", a.ProjectID(), shared.ProjectId)
	}
}

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return v
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readFile(t, name)
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}
