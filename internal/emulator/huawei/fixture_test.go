package huawei

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

const (
	testAK      = "LOGCTLEMULATORAK"
	testSK      = "logctl-emulator-secret"
	projA       = seedProjectID
	projB       = "fedcba9876543210fedcba9876543210"
	projMissing = "ffffffffffffffffffffffffffffffff"
	groupApp    = "11111111-2222-4333-8444-555555555555"
	groupOther  = "22222222-2222-4333-8444-555555555555"
	groupNone   = "99999999-2222-4333-8444-555555555555"
	streamApp1  = "aaaaaaaa-0000-4000-8000-000000000001"
	streamApp2  = "aaaaaaaa-0000-4000-8000-000000000002"
	streamApp3  = "aaaaaaaa-0000-4000-8000-000000000003"
	streamOther = "bbbbbbbb-0000-4000-8000-000000000001"
	tokenA      = "token-for-project-a"
	tokenB      = "token-for-project-b"
	tokenNoProj = "token-for-a-missing-project"
)

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fixture is a handler over the default world plus a test project, with
// two live dumps seeded on groupApp: dump1 (streamApp1, 5min, enabled) and
// dump2 (streamApp2, 1hour, disabled).
type fixture struct {
	h         http.Handler
	world     *World
	state     *State
	mu        sync.Mutex
	commits   int
	commitErr error
}

func testWorld() World {
	w := DefaultWorld()
	w.Merge(World{Projects: []Project{
		{ID: projA, LogGroups: []LogGroup{
			{ID: groupApp, Name: "app", Streams: []string{streamApp1, streamApp2, streamApp3}},
			{ID: groupOther, Streams: []string{streamOther}},
		}, Buckets: []string{"app-bucket"}},
		{ID: projB, Region: "cn-east-3"},
	}})
	return w
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureAt(t, func() time.Time { return testNow })
}

// newFixtureAt is newFixture with the handler on the given clock; the SDK
// signs with the real time, so its tests use time.Now.
func newFixtureAt(t testing.TB, now func() time.Time) *fixture {
	t.Helper()
	w := testWorld()
	f := &fixture{world: &w, state: &State{}}
	off := false
	for _, d := range []LiveDump{
		{Name: "dump1", ProjectID: projA, LogGroupID: groupApp, LogStreamIDs: []string{streamApp1}, Bucket: "lts-test", Period: "5min"},
		{Name: "dump2", ProjectID: projA, LogGroupID: groupApp, LogStreamIDs: []string{streamApp2}, Bucket: "app-bucket", Period: "1hour", Enabled: &off, StorageFormat: "JSON"},
	} {
		if err := f.state.Seed(f.world, d, testNow.Add(-time.Hour)); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	f.h = NewHandler(Config{
		World: f.world, State: f.state, Lock: &f.mu,
		Commit:      func() error { f.commits++; return f.commitErr },
		Credentials: map[string]string{testAK: testSK},
		Tokens:      map[string]string{tokenA: projA, tokenB: projB, tokenNoProj: projMissing},
		Now:         now,
	})
	return f
}

func (f *fixture) id(i int) string { return f.state.Transfers[i].ID }

func (f *fixture) do(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, r)
	return rec
}

// tokenReq builds a request authenticated with X-Auth-Token.
func tokenReq(method, target, body, token string) *http.Request {
	r := httptest.NewRequest(method, "http://lts.test"+target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json;charset=UTF-8")
	if token != "" {
		r.Header.Set("X-Auth-Token", token)
	}
	return r
}

// signSpec describes how signedReq signs; the zero value signs as the SDK
// does with the test credentials at testNow for project A.
type signSpec struct {
	ak, sk  string
	date    time.Time
	project string
}

// signedReq signs with the SDK's own signer, so the server is checked
// against the vendor code rather than against itself.
func signedReq(t testing.TB, method, target, body string, spec signSpec) *http.Request {
	t.Helper()
	if spec.ak == "" {
		spec.ak, spec.sk = testAK, testSK
	}
	if spec.date.IsZero() {
		spec.date = testNow
	}
	if spec.project == "" {
		spec.project = projA
	}
	r := httptest.NewRequest(method, "http://lts.test"+target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "huaweicloud-usdk-go/3.0")
	r.Header.Set("X-Project-Id", spec.project)
	r.Header.Set("X-Sdk-Date", spec.date.UTC().Format("20060102T150405Z"))
	b := request.NewHttpRequestBuilder().WithMethod(method).WithEndpoint("http://lts.test").WithPath(r.URL.Path)
	for k, vs := range r.URL.Query() {
		b.AddQueryParam(k, reflect.ValueOf(vs[0]))
	}
	for k := range r.Header {
		b.AddHeaderParam(k, r.Header.Get(k))
	}
	if body != "" {
		b.WithBody("body", body)
	}
	headers, err := signer.Sign(b.Build(), spec.ak, spec.sk)
	if err != nil {
		t.Fatalf("sdk sign: %v", err)
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return r
}

// errorBody is the LTS / gateway error envelope.
type errorBody struct {
	Code      string `json:"error_code"`
	Msg       string `json:"error_msg"`
	RequestID string `json:"request_id"`
}

// jsonBody marshals v, failing the test on error.
func jsonBody(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// obj is a JSON object under construction for request bodies.
type obj = map[string]any

// with returns a deep copy of m with the dotted path set to v (or removed
// when v is the remove sentinel).
func with(m obj, path string, v any) obj {
	c := deepCopy(m).(obj)
	cur := c
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		cur = cur[k].(obj)
	}
	if _, ok := v.(removeKey); ok {
		delete(cur, keys[len(keys)-1])
	} else {
		cur[keys[len(keys)-1]] = v
	}
	return c
}

type removeKey struct{}

var remove = removeKey{}

func deepCopy(v any) any {
	switch x := v.(type) {
	case obj:
		c := obj{}
		for k, e := range x {
			c[k] = deepCopy(e)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = deepCopy(e)
		}
		return c
	}
	return v
}

// obsCreate is a valid CreateTransfer body for an OBS transfer.
func obsCreate(group, stream, bucket string) obj {
	return obj{
		"log_group_id": group,
		"log_streams":  []any{obj{"log_stream_id": stream}},
		"log_transfer_info": obj{
			"log_transfer_type":   "OBS",
			"log_transfer_mode":   "cycle",
			"log_storage_format":  "RAW",
			"log_transfer_status": "ENABLE",
			"log_transfer_detail": obj{"obs_period": 5, "obs_period_unit": "min", "obs_bucket_name": bucket},
		},
	}
}

// dumpCreate is a valid log-dump/obs body.
func dumpCreate(group, stream, bucket string) obj {
	return obj{
		"log_group_id": group, "log_stream_ids": []any{stream}, "obs_bucket_name": bucket,
		"type": "cycle", "storage_format": "RAW", "period": 5, "period_unit": "min",
	}
}

// updateReq is a valid UpdateTransfer body for transfer id.
func updateReq(id string) obj {
	return obj{
		"log_transfer_id": id,
		"log_transfer_info": obj{
			"log_storage_format":  "JSON",
			"log_transfer_status": "DISABLE",
			"log_transfer_detail": obj{"obs_period": 30, "obs_period_unit": "min", "obs_bucket_name": "app-bucket"},
		},
	}
}
