package huawei

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestUpdateTransfer(t *testing.T) {
	f := newFixture(t)
	id := f.id(1)
	b := with(with(updateReq(id), "log_streams", []any{obj{"log_stream_id": streamApp2}, obj{"log_stream_id": streamApp3}}),
		"log_transfer_info.log_transfer_detail.obs_prefix_name", "pre")
	rec := f.do(tokenReq("PUT", "/v2/"+projA+"/transfers", jsonBody(t, b), tokenA))
	if rec.Code != http.StatusOK {
		t.Fatalf("update: %d %s", rec.Code, rec.Body)
	}
	var got transferJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	info := got.LogTransferInfo
	if info.LogStorageFormat != "JSON" || info.LogTransferStatus != "DISABLE" ||
		*info.LogTransferDetail.ObsPeriod != 30 || *info.LogTransferDetail.ObsBucketName != "app-bucket" ||
		*info.LogTransferDetail.ObsPrefixName != "pre" {
		t.Errorf("update not applied: %+v", info)
	}
	if diff := cmp.Diff([]string{streamApp2, streamApp3}, streamIDsOf(got)); diff != "" {
		t.Errorf("streams (-want +got):\n%s", diff)
	}
	// Type, mode and creation time are kept.
	if info.LogTransferType != "OBS" || info.LogTransferMode != "cycle" || info.LogCreateTime != f.state.Transfers[1].CreateTimeMs {
		t.Errorf("immutable fields changed: %+v", info)
	}
	if diff := cmp.Diff(got, findTransfer(t, listAll(t, f, ""), id)); diff != "" {
		t.Errorf("update response differs from list (-update +list):\n%s", diff)
	}
	if f.commits != 1 {
		t.Errorf("commits = %d, want 1", f.commits)
	}
}

func TestDeleteTransfer(t *testing.T) {
	f := newFixture(t)
	id, remaining := f.id(0), f.id(1)
	before := findTransfer(t, listAll(t, f, ""), id)
	rec := f.do(tokenReq("DELETE", "/v2/"+projA+"/transfers?log_transfer_id="+id, "", tokenA))
	if rec.Code != http.StatusOK {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	var got transferJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, got); diff != "" {
		t.Errorf("delete returns (-listed +returned):\n%s", diff)
	}
	if diff := cmp.Diff([]string{remaining}, ids(listAll(t, f, ""))); diff != "" {
		t.Errorf("after delete (-want +got):\n%s", diff)
	}
	// The stream is free again.
	rec = f.do(tokenReq("POST", "/v2/"+projA+"/transfers", jsonBody(t, obsCreate(groupApp, streamApp1, "lts-test")), tokenA))
	if rec.Code != http.StatusOK {
		t.Errorf("re-create on freed stream: %d %s", rec.Code, rec.Body)
	}
}

func TestListFilters(t *testing.T) {
	f := newFixture(t)
	dis := with(with(with(obsCreate(groupOther, streamOther, ""), "log_transfer_info.log_transfer_type", "DIS"),
		"log_transfer_info.log_transfer_mode", "realTime"),
		"log_transfer_info.log_transfer_detail", obj{"dis_id": "d1", "dis_name": "dis-1"})
	if rec := f.do(tokenReq("POST", "/v2/"+projA+"/transfers", jsonBody(t, dis), tokenA)); rec.Code != http.StatusOK {
		t.Fatalf("create DIS: %d %s", rec.Code, rec.Body)
	}
	all := []string{f.id(0), f.id(1), f.id(2)}
	tests := []struct {
		name, query string
		want        []string
	}{
		{"no filter, creation order", "", all},
		{"type OBS", "?log_transfer_type=OBS", all[:2]},
		{"type DIS", "?log_transfer_type=DIS", all[2:]},
		{"type DMS", "?log_transfer_type=DMS", []string{}},
		{"group name", "?log_group_name=app", all[:2]},
		{"synthesised group name", "?log_group_name=lts-group-22222222", all[2:]},
		{"stream name", "?log_stream_name=lts-stream-aaaaaaaa", all[:2]},
		{"unknown group name", "?log_group_name=nope", []string{}},
		{"offset and limit ignored", "?offset=1&limit=1", all},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ids(listAll(t, f, tc.query))); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
	// Another project's list is empty and says so with [], not null.
	rec := f.do(tokenReq("GET", "/v2/"+projB+"/transfers", "", tokenB))
	if rec.Body.String() != `{"log_transfers":[]}` {
		t.Errorf("project B list = %s", rec.Body)
	}
}

func streamIDsOf(tr transferJSON) []string {
	out := []string{}
	for _, s := range tr.LogStreams {
		out = append(out, s.LogStreamID)
	}
	return out
}

// TestConcurrentCreates: parallel signed creates on distinct streams all
// succeed, get distinct ids, and a parallel create on one stream succeeds
// exactly once (run under -race).
func TestConcurrentCreates(t *testing.T) {
	w := testWorld()
	const n = 40
	var streams []string
	for i := range n {
		streams = append(streams, fmt.Sprintf("cccccccc-0000-4000-8000-%012d", i))
	}
	w.Merge(World{Projects: []Project{{ID: projA, LogGroups: []LogGroup{{ID: groupApp, Streams: streams}}}}})
	var mu sync.Mutex
	h := NewHandler(Config{World: &w, State: &State{}, Lock: &mu,
		Credentials: map[string]string{testAK: testSK}, Now: func() time.Time { return testNow }})
	codes := make([]int, 2*n)
	var wg sync.WaitGroup
	for i := range 2 * n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stream := streams[i%n]
			if i >= n {
				stream = streams[0] // all of these race for one stream
			}
			r := signedReq(t, "POST", "/v2/"+projA+"/transfers", jsonBody(t, obsCreate(groupApp, stream, "lts-test"))+"\n", signSpec{})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			codes[i] = rec.Code
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == http.StatusOK {
			ok++
		}
	}
	if ok != n {
		t.Errorf("%d creates succeeded, want %d (one per stream)", ok, n)
	}
}
