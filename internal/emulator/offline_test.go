package emulator_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

// The DownloadL4Logs example of seed 003 and the 2022-01-06 DownloadL7Logs
// example of seed 002, verbatim.
const (
	seedL4 = `{
    "Limit": 10,
    "Offset": 0,
    "StartTime": "2020-09-22T00:00:00+00:00",
    "EndTime": "2020-09-22T00:00:00+00:00",
    "ZoneIds": [
        "zone-2mzegj4vln5f"
    ]
}`
	seedL7Legacy = `{
    "PageNo": 0,
    "PageSize": 0,
    "Zones": [
        "xx"
    ],
    "StartTime": "2022-05-04T03:27:00+08:00",
    "Domains": [
        "xx"
    ],
    "EndTime": "2022-05-10T23:59:00+08:00"
}`
)

func window(days int) (string, string) {
	now := time.Now()
	return now.Add(-time.Duration(days) * 24 * time.Hour).Format(time.RFC3339), now.Format(time.RFC3339)
}

func fetch(t *testing.T, url string, hdr map[string]string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	return out
}

func TestOfflineSeedExamples(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	out := e.teo("DownloadL4Logs", seedL4)
	if num(out["TotalCount"]) != 0 || jsonOf(out["Data"]) != "[]" {
		t.Errorf("seed L4 (2020, outside retention): %s", jsonOf(out))
	}
	legacy, err := e.call("teo", "2022-01-06", "DownloadL7Logs", "", seedL7Legacy)
	if err != nil {
		t.Fatalf("seed legacy DownloadL7Logs: %v", err)
	}
	if num(legacy["TotalSize"]) != 0 || jsonOf(legacy["Data"]) != "[]" || legacy["Pages"] == nil || legacy["PageNo"] == nil {
		t.Errorf("seed legacy: %s", jsonOf(legacy))
	}
}

func TestOfflineL7(t *testing.T) {
	e := newEnv(t, emulator.Options{NoRateLimits: true})
	start, end := window(40)
	req := func(extra map[string]any) map[string]any {
		p := map[string]any{"StartTime": start, "EndTime": end, "ZoneIds": []string{zone}}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	out := e.teo("DownloadL7Logs", req(map[string]any{"Limit": 300}))
	// 31 days of hours, less the 3 most recent hours and the running one.
	if n := num(out["TotalCount"]); n != 740 {
		t.Errorf("TotalCount = %d, want 740", n)
	}
	data := list(out["Data"])
	if len(data) != 300 {
		t.Fatalf("Limit 300 gave %d items", len(data))
	}
	first := obj(data[0])
	for _, k := range []string{"Domain", "Area", "LogPacketName", "Url", "LogTime", "LogStartTime", "LogEndTime", "Size"} {
		if first[k] == nil {
			t.Errorf("L7OfflineLog lacks %s: %v", k, first)
		}
	}
	st, _ := time.Parse(time.RFC3339, first["LogStartTime"].(string))
	en, _ := time.Parse(time.RFC3339, first["LogEndTime"].(string))
	if en.Sub(st) != time.Hour || int64(num(first["LogTime"])) != st.Unix() || first["Domain"] != "domain.example.com" || first["Area"] != "mainland" {
		t.Errorf("package window: %v", first)
	}
	if want := st.UTC().Format("20060102-15") + "-domain.example.com"; first["LogPacketName"] != want {
		t.Errorf("LogPacketName = %v, want %s", first["LogPacketName"], want)
	}
	if time.Since(st) > 31*24*time.Hour {
		t.Errorf("oldest package %v is older than 31 days", st)
	}

	// Pages put together are the whole list, in order, with no repeats.
	names := map[string]bool{}
	for off := 0; off < 740; off += 300 {
		for _, x := range list(e.teo("DownloadL7Logs", req(map[string]any{"Limit": 300, "Offset": off}))["Data"]) {
			names[obj(x)["LogPacketName"].(string)] = true
		}
	}
	if len(names) != 740 {
		t.Errorf("paging saw %d distinct packages", len(names))
	}
	// Deterministic: the same listing twice.
	again := e.teo("DownloadL7Logs", req(map[string]any{"Limit": 300}))
	if jsonOf(again["Data"]) != jsonOf(out["Data"]) {
		t.Errorf("listing is not deterministic")
	}
	// Defaults: Limit 20.
	if n := len(list(e.teo("DownloadL7Logs", req(nil))["Data"])); n != 20 {
		t.Errorf("default Limit gave %d", n)
	}

	// The package at Url is gzip; Size is its uncompressed size.
	status, body := fetch(t, first["Url"].(string), nil)
	if status != 200 {
		t.Fatalf("GET Url: %d", status)
	}
	text := gunzip(t, body)
	if len(text) != num(first["Size"]) {
		t.Errorf("Size %v, uncompressed %d bytes", first["Size"], len(text))
	}
	line := strings.SplitN(string(text), "\n", 2)[0]
	var rec map[string]any
	if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["RequestID"] == nil || rec["RequestHost"] != "domain.example.com" || rec["EdgeResponseStatusCode"] == nil {
		t.Errorf("log line %q: %v", line, err)
	}
	// Resumable: a Range request gets the rest.
	status, tail := fetch(t, first["Url"].(string), map[string]string{"Range": "bytes=10-"})
	if status != http.StatusPartialContent || !bytes.Equal(tail, body[10:]) {
		t.Errorf("Range request: %d, %d bytes", status, len(tail))
	}
	if code, _ := fetch(t, e.ts.URL+"/offline-logs/l7/"+zone+"/20200101/2020010100-domain.example.com.log.gz", nil); code != 404 {
		t.Errorf("package outside retention: %d, want 404", code)
	}
	if code, _ := fetch(t, strings.Replace(first["Url"].(string), "domain.example.com.log", "nope.example.com.log", 1), nil); code != 404 {
		t.Errorf("package of an unknown domain: %d, want 404", code)
	}

	// Filters and errors.
	if n := num(e.teo("DownloadL7Logs", req(map[string]any{"Domains": []string{"nope.example.com"}}))["TotalCount"]); n != 0 {
		t.Errorf("unknown domain filter: %d", n)
	}
	recent := e.teo("DownloadL7Logs", req(map[string]any{"StartTime": time.Now().Add(-3 * time.Hour).Format(time.RFC3339)}))
	if n := num(recent["TotalCount"]); n != 0 {
		t.Errorf("the most recent 3 hours have %d packages", n)
	}
	both := e.teo("DownloadL7Logs", req(map[string]any{"ZoneIds": []string{zone, "zone-2mzegj4vln5f"}}))
	if n := num(both["TotalCount"]); n != 1480 {
		t.Errorf("two zones with one domain each: %d, want 1480", n)
	}
	for name, tc := range map[string]struct {
		p    map[string]any
		want string
	}{
		"limit over 300":   {req(map[string]any{"Limit": 301}), "InvalidParameterValue"},
		"no zone ids":      {req(map[string]any{"ZoneIds": []string{}}), "MissingParameter"},
		"unknown zone":     {req(map[string]any{"ZoneIds": []string{"zone-nope"}}), "ResourceUnavailable"},
		"bad start":        {req(map[string]any{"StartTime": "yesterday"}), "InvalidParameterValue"},
		"end before start": {req(map[string]any{"StartTime": end, "EndTime": start}), "InvalidParameterValue"},
		"missing start":    {map[string]any{"EndTime": end, "ZoneIds": []string{zone}}, "MissingParameter"},
		"proxy ids on L7":  {req(map[string]any{"ProxyIds": []string{"x"}}), "UnknownParameter"},
	} {
		_, err := e.call("teo", "2022-09-01", "DownloadL7Logs", "", tc.p)
		if code(err) != tc.want {
			t.Errorf("%s: %q, want %q", name, code(err), tc.want)
		}
	}
}

func TestOfflineL4AndLegacy(t *testing.T) {
	e := newEnv(t, emulator.Options{NoRateLimits: true})
	start, end := window(2)
	out := e.teo("DownloadL4Logs", map[string]any{"StartTime": start, "EndTime": end, "ZoneIds": []string{"zone-2mzegj4vln5f"}, "ProxyIds": []string{"proxy-1491-11ed-9792-525400655ede"}, "Limit": 5})
	if n := num(out["TotalCount"]); n < 40 || n > 45 {
		t.Errorf("two days of L4 packages: %d", n)
	}
	p := obj(list(out["Data"])[0])
	if p["ProxyId"] != "proxy-1491-11ed-9792-525400655ede" || p["Domain"] != nil {
		t.Errorf("L4OfflineLog: %v", p)
	}
	status, body := fetch(t, p["Url"].(string), nil)
	if status != 200 || len(body) != num(p["Size"]) {
		t.Errorf("L4 package: HTTP %d, %d bytes, Size %v (L4 Size is the .gz size)", status, len(body), p["Size"])
	}
	if !strings.Contains(string(gunzip(t, body)), `"DisconnetReason"`) {
		t.Errorf("L4 lines lack the vendor field names")
	}

	legacy, err := e.call("teo", "2022-01-06", "DownloadL7Logs", "", map[string]any{"StartTime": start, "EndTime": end, "PageNo": 2, "PageSize": 10, "Zones": []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	total := num(legacy["TotalSize"])
	if total < 40 || num(legacy["PageNo"]) != 2 || num(legacy["PageSize"]) != 10 || num(legacy["Pages"]) != (total+9)/10 || len(list(legacy["Data"])) != 10 {
		t.Errorf("legacy page: %s", jsonOf(legacy))
	}
	if d := obj(list(legacy["Data"])[0]); d["Domain"] != "domain.example.com" || d["LogStartTime"] != nil {
		t.Errorf("legacy L7OfflineLog: %v", d)
	}
	_, err = e.call("teo", "2022-01-06", "DownloadL7Logs", "", map[string]any{"StartTime": start, "EndTime": end, "PageNo": 1})
	wantCode(t, err, "MissingParameter")
}
