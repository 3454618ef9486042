package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

const project = "0123456789abcdef0123456789abcdef"

// faultCodes makes n calls and returns the error code of each.
func faultCodes(e *env, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		_, err := e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", map[string]any{"ZoneId": zone})
		c := code(err)
		if strings.HasPrefix(c, "ClientError.NetworkError") || strings.HasPrefix(c, "non-SDK") {
			c = "dropped"
		}
		out = append(out, c)
	}
	return out
}

func TestFaultRate(t *testing.T) {
	e := newEnv(t, emulator.Options{FaultRate: 1, Seed: 3, NoRateLimits: true})
	got := faultCodes(e, 40)
	kinds := map[string]int{}
	for _, c := range got {
		kinds[c]++
	}
	for _, want := range []string{"InternalError", "RequestLimitExceeded", "dropped"} {
		if kinds[want] == 0 {
			t.Errorf("no %s among %v", want, kinds)
		}
	}
	if kinds[""] != 0 {
		t.Errorf("%d calls succeeded at fault rate 1", kinds[""])
	}
	if n := e.srv.Requests()["teo:DescribeRealtimeLogDeliveryTasks"]; n != 0 {
		t.Errorf("faulted calls reached the handler %d times", n)
	}
	// Reproducible for a seed.
	again := faultCodes(newEnv(t, emulator.Options{FaultRate: 1, Seed: 3, NoRateLimits: true}), 40)
	if jsonOf(again) != jsonOf(got) {
		t.Errorf("same seed, different faults:\n%v\n%v", got, again)
	}

	// Partial rate: some calls pass.
	part := faultCodes(newEnv(t, emulator.Options{FaultRate: 0.3, Seed: 9, NoRateLimits: true}), 60)
	ok := 0
	for _, c := range part {
		if c == "" {
			ok++
		}
	}
	if ok < 25 || ok > 55 {
		t.Errorf("fault rate 0.3: %d of 60 succeeded", ok)
	}

	// HTTP 5xx reach the SDK as InternalError (it reads Error before the status).
	statuses := map[int]bool{}
	for i := 0; i < 30; i++ {
		req, _ := http.NewRequest("POST", e.ts.URL+"/", strings.NewReader("{}"))
		req.Header.Set("X-TC-Action", "DescribeRealtimeLogDeliveryTasks")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			statuses[resp.StatusCode] = true
			resp.Body.Close()
		}
	}
	if !statuses[503] || !statuses[200] {
		t.Errorf("raw fault statuses %v, want both 200 envelopes and 503", statuses)
	}
}

func TestFaultsHuaweiAndFiles(t *testing.T) {
	e := newEnv(t, emulator.Options{FaultRate: 1, Seed: 1, Credentials: []byte("huaweiTokens: {tok: " + project + "}\n")})
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		req, _ := http.NewRequest("GET", e.ts.URL+"/v2/"+project+"/transfers", nil)
		req.Header.Set("X-Auth-Token", "tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			seen["dropped"] = true
			continue
		}
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode == 500 && body["error_code"] == "LTS.0010" {
			seen["LTS.0010"] = true
		} else {
			t.Errorf("LTS fault: HTTP %d %v", resp.StatusCode, body)
		}
	}
	if !seen["dropped"] || !seen["LTS.0010"] {
		t.Errorf("LTS faults seen: %v", seen)
	}
}

func TestFaultAfterCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	e := newEnv(t, emulator.Options{FaultAfterCommit: 1, StatePath: path})
	_, err := e.call("cls", "2020-10-16", "CreateExport", "ap-guangzhou", seedExport)
	if c := code(err); !strings.HasPrefix(c, "ClientError.NetworkError") && !strings.HasPrefix(c, "non-SDK") {
		t.Fatalf("create under fault-after-commit: %v", err)
	}
	// Reads are not mutating: they answer, and show the committed change.
	if n := num(e.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 1 {
		t.Errorf("the lost create was not applied: TotalCount %d", n)
	}
	_, err = e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", seedCreates["cls"])
	if err == nil {
		t.Fatalf("teo create answered under fault-after-commit")
	}
	if n := num(e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": zone})["TotalCount"]); n != 1 {
		t.Errorf("the lost teo create was not applied: %d", n)
	}
	// And persisted: a restart sees it.
	e.ts.Close()
	e.srv.Close()
	e2 := newEnv(t, emulator.Options{StatePath: path})
	if n := num(e2.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 1 {
		t.Errorf("after restart TotalCount %d", n)
	}
}

func TestLatency(t *testing.T) {
	e := newEnv(t, emulator.Options{Latency: 60 * time.Millisecond})
	start := time.Now()
	e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": zone})
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("call took %v with 60ms latency", d)
	}
}

func TestHuaweiRouting(t *testing.T) {
	e := newEnv(t, emulator.Options{Credentials: []byte("huaweiTokens: {tok: " + project + "}\n")})
	req, _ := http.NewRequest("GET", e.ts.URL+"/v2/"+project+"/transfers", nil)
	req.Header.Set("X-Auth-Token", "tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-Request-Id") == "" {
		t.Errorf("GET transfers: %d %s", resp.StatusCode, b)
	}
	if n := e.srv.Requests()["lts:GET /transfers"]; n != 1 {
		t.Errorf("Requests() = %v", e.srv.Requests())
	}
}

func TestFaultAfterCommitHuawei(t *testing.T) {
	e := newEnv(t, emulator.Options{FaultAfterCommit: 1, Credentials: []byte("huaweiTokens: {tok: " + project + "}\n")})
	body := `{"log_group_id": "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053", "log_stream_ids": ["45e7f609-xxxx-4cd3-835b-xxxx4a124718"],
	  "obs_bucket_name": "lts-test", "type": "cycle", "storage_format": "RAW", "switch_on": "true",
	  "prefix_name": "fileprefixname", "dir_prefix_name": "dirprefixname", "period": 5, "period_unit": "min"}`
	req, _ := http.NewRequest("POST", e.ts.URL+"/v2/"+project+"/log-dump/obs", strings.NewReader(body))
	req.Header.Set("X-Auth-Token", "tok")
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("POST answered %d under fault-after-commit", resp.StatusCode)
	}
	req, _ = http.NewRequest("GET", e.ts.URL+"/v2/"+project+"/transfers", nil)
	req.Header.Set("X-Auth-Token", "tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "lts-test") {
		t.Errorf("the lost create was not applied: %d %s", resp.StatusCode, b)
	}
}
