package huawei

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// seedExample is the request body of the vendor page "Creating a Log
// Transfer Task (Old Version)", byte for byte, "switch_on": "true" included.
const seedExample = `{
  "log_group_id": "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053",
  "log_stream_ids": ["45e7f609-xxxx-4cd3-835b-xxxx4a124718"],
  "obs_bucket_name": "lts-test",
  "type": "cycle",
  "storage_format": "RAW",
  "switch_on": "true",
  "prefix_name": "fileprefixname",
  "dir_prefix_name": "dirprefixname",
  "period": 5,
  "period_unit": "min"
}`

func TestAcceptedAuthentication(t *testing.T) {
	const tr = "/v2/" + projA + "/transfers"
	tests := []struct {
		name string
		req  func(t *testing.T) *http.Request
	}{
		{"token", func(*testing.T) *http.Request { return tokenReq("GET", tr, "", tokenA) }},
		{"sdk signature", func(t *testing.T) *http.Request { return signedReq(t, "GET", tr, "", signSpec{}) }},
		{"sdk signature with query", func(t *testing.T) *http.Request {
			return signedReq(t, "GET", tr+"?log_transfer_type=OBS&log_group_name=app", "", signSpec{})
		}},
		{"date 14 minutes slow", func(t *testing.T) *http.Request {
			return signedReq(t, "GET", tr, "", signSpec{date: testNow.Add(-14 * time.Minute)})
		}},
		{"date 14 minutes fast", func(t *testing.T) *http.Request {
			return signedReq(t, "GET", tr, "", signSpec{date: testNow.Add(14 * time.Minute)})
		}},
		{"host signed, as vendor signing guides do", func(t *testing.T) *http.Request {
			return hostSignedReq(t, "GET", tr)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			rec := f.do(tc.req(t))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d, body %s", rec.Code, rec.Body)
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

// hostSignedReq signs host as well, the way the vendor's signing guides do,
// with the package's signer functions (anchored by the known-answer
// vectors): the server must sign over whatever SignedHeaders lists.
func hostSignedReq(t *testing.T, method, target string) *http.Request {
	t.Helper()
	r := tokenReq(method, target, "", "")
	date := testNow.Format(dateFormat)
	r.Header.Set("X-Sdk-Date", date)
	sig := signature(testSK, stringToSign(date, canonicalRequest(r, []string{"host", "x-sdk-date"}, nil)))
	r.Header.Set("Authorization", algorithm+" Access="+testAK+", SignedHeaders=host;x-sdk-date, Signature="+sig)
	return r
}

func TestSeedExampleVerbatim(t *testing.T) {
	f := newFixture(t)
	rec := f.do(tokenReq("POST", "/v2/"+projA+"/log-dump/obs", seedExample, tokenA))
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body)
	}
	var got struct {
		ID string `json:"log_dump_obs_id"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.ID) != 36 {
		t.Fatalf("body %s: want a 36-character log_dump_obs_id (err %v)", rec.Body, err)
	}
	list := listAll(t, f, "")
	tr := findTransfer(t, list, got.ID)
	want := transferJSON{
		LogGroupID: seedGroupID, LogGroupName: "lts-group-d9dba9f3",
		LogStreams:    []streamJSON{{seedStreamID, "lts-stream-45e7f609"}},
		LogTransferID: got.ID,
		LogTransferInfo: infoJSON{
			LogCreateTime: testNow.UnixMilli(), LogStorageFormat: "RAW", LogTransferMode: "cycle",
			LogTransferStatus: "ENABLE", LogTransferType: "OBS",
			LogTransferDetail: detailJSON{
				ObsPeriod: ptr(int32(5)), ObsPeriodUnit: ptr("min"), ObsBucketName: ptr("lts-test"),
				ObsTransferPath: ptr("/lts-test/dirprefixname/LogTanks/cn-north-4/"),
				ObsPrefixName:   ptr("fileprefixname"), ObsDirPreFixName: ptr("dirprefixname"),
				ObsEncryptedEnable: ptr(false), Tags: []string{},
			},
		},
	}
	if diff := cmp.Diff(want, tr); diff != "" {
		t.Errorf("listed transfer (-want +got):\n%s", diff)
	}
}

func TestBothCreatePathsListAlike(t *testing.T) {
	f := newFixture(t)
	dump := dumpCreate(groupApp, streamApp3, "lts-test")
	rec := f.do(tokenReq("POST", "/v2/"+projA+"/log-dump/obs", jsonBody(t, dump), tokenA))
	if rec.Code != http.StatusCreated {
		t.Fatalf("dump: %d %s", rec.Code, rec.Body)
	}
	var d struct {
		ID string `json:"log_dump_obs_id"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &d)
	fromDump := findTransfer(t, listAll(t, f, ""), d.ID)

	g := newFixture(t)
	rec = g.do(tokenReq("POST", "/v2/"+projA+"/transfers", jsonBody(t, obsCreate(groupApp, streamApp3, "lts-test")), tokenA))
	if rec.Code != http.StatusOK {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	var created transferJSON
	_ = json.Unmarshal(rec.Body.Bytes(), &created)
	fromTransfers := findTransfer(t, listAll(t, g, ""), created.LogTransferID)
	if diff := cmp.Diff(created, fromTransfers); diff != "" {
		t.Errorf("create response differs from list (-create +list):\n%s", diff)
	}
	// Same state, same request sequence: the same id as well.
	if diff := cmp.Diff(fromDump, fromTransfers); diff != "" {
		t.Errorf("dump and transfer list differently (-dump +transfers):\n%s", diff)
	}
}

func TestObsPeriodNeverNull(t *testing.T) {
	f := newFixture(t)
	dis := with(with(with(obsCreate(groupApp, streamApp3, ""), "log_transfer_info.log_transfer_type", "DIS"),
		"log_transfer_info.log_transfer_mode", "realTime"),
		"log_transfer_info.log_transfer_detail", obj{"obs_period": 0, "obs_period_unit": "", "obs_bucket_name": "", "dis_id": "d1", "dis_name": "dis-1"})
	if rec := f.do(tokenReq("POST", "/v2/"+projA+"/transfers", jsonBody(t, dis), tokenA)); rec.Code != http.StatusOK {
		t.Fatalf("create DIS: %d %s", rec.Code, rec.Body)
	}
	rec := f.do(tokenReq("GET", "/v2/"+projA+"/transfers", "", tokenA))
	if strings.Contains(rec.Body.String(), "null") {
		t.Errorf("list contains null: %s", rec.Body)
	}
	var raw struct {
		LogTransfers []struct {
			Info struct {
				Type   string                     `json:"log_transfer_type"`
				Detail map[string]json.RawMessage `json:"log_transfer_detail"`
			} `json:"log_transfer_info"`
		} `json:"log_transfers"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, tr := range raw.LogTransfers {
		p, ok := tr.Info.Detail["obs_period"]
		switch tr.Info.Type {
		case "OBS":
			if !ok || (string(p) != "5" && string(p) != "1") {
				t.Errorf("OBS obs_period = %s, want a number", p)
			}
		default:
			if ok {
				t.Errorf("%s transfer has obs_period %s, want it absent", tr.Info.Type, p)
			}
		}
	}
}

func listAll(t *testing.T, f *fixture, query string) []transferJSON {
	t.Helper()
	rec := f.do(tokenReq("GET", "/v2/"+projA+"/transfers"+query, "", tokenA))
	if rec.Code != http.StatusOK {
		t.Fatalf("list: %d %s", rec.Code, rec.Body)
	}
	var l listJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	return l.LogTransfers
}

func findTransfer(t *testing.T, l []transferJSON, id string) transferJSON {
	t.Helper()
	for _, tr := range l {
		if tr.LogTransferID == id {
			return tr
		}
	}
	t.Fatalf("transfer %s not listed", id)
	return transferJSON{}
}

func ids(l []transferJSON) []string {
	out := []string{}
	for _, tr := range l {
		out = append(out, tr.LogTransferID)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

var sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
