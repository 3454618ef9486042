package emulator_test

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

const topic = "ee20bb16-3025-4048-b81a-dd436373062e"

// The CreateExport example of seed 001, verbatim.
const seedExport = `{
    "TopicId": "ee20bb16-3025-4048-b81a-dd436373062e",
    "Query": "status:200",
    "Count": 100,
    "Order": "desc",
    "Format": "json",
    "From": 1607499107000,
    "To": 1607499207000
}`

func TestCLSSeedExportLifecycle(t *testing.T) {
	e := newEnv(t, emulator.Options{ExportStep: time.Second})
	id, _ := e.cls("CreateExport", seedExport)["ExportId"].(string)
	if len(id) != 36 {
		t.Fatalf("ExportId = %q", id)
	}
	info := func() map[string]any {
		out := e.cls("DescribeExports", map[string]any{"TopicId": topic})
		if num(out["TotalCount"]) != 1 {
			t.Fatalf("TotalCount = %v", out["TotalCount"])
		}
		return obj(list(out["Exports"])[0])
	}
	got := info()
	for k, want := range map[string]any{
		"TopicId": topic, "ExportId": id, "Query": "status:200", "Order": "desc", "Format": "json",
		"Count": 100.0, "From": 1607499107000.0, "To": 1607499207000.0, "Status": "Queuing", "CosPath": "",
		"SyntaxRule": 0.0, "FileSize": 0.0,
	} {
		if jsonOf(got[k]) != jsonOf(want) {
			t.Errorf("%s = %s, want %s", k, jsonOf(got[k]), jsonOf(want))
		}
	}
	if ct, _ := got["CreateTime"].(string); len(ct) != 19 || ct[10] != ' ' {
		t.Errorf("CreateTime = %q, want yyyy-MM-dd HH:mm:ss", ct)
	}
	if fn, _ := got["FileName"].(string); !strings.HasPrefix(fn, "log_") || !strings.Contains(fn, topic) || !strings.HasSuffix(fn, ".tar.gz") {
		t.Errorf("FileName = %q", fn)
	}
	if num(got["CreateTimestamp"]) == 0 || got["DerivedFields"] == nil {
		t.Errorf("CreateTimestamp/DerivedFields missing: %v", got)
	}

	e.clock.Advance(time.Second)
	if s := info()["Status"]; s != "Processing" {
		t.Errorf("after one step Status = %v, want Processing", s)
	}
	e.clock.Advance(time.Second)
	got = info()
	if got["Status"] != "Completed" || got["CosPath"] == "" || num(got["FileSize"]) == 0 {
		t.Fatalf("after two steps: %v", got)
	}

	// The CosPath serves a tar.gz of FileSize bytes with the records.
	resp, err := http.Get(got["CosPath"].(string))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) != num(got["FileSize"]) {
		t.Fatalf("GET CosPath: %d, %d bytes, FileSize %v", resp.StatusCode, len(body), got["FileSize"])
	}
	zr, err := gzip.NewReader(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	hdr, err := tr.Next()
	if err != nil {
		t.Fatal(err)
	}
	content, _ := io.ReadAll(tr)
	if lines := strings.Count(string(content), "\n"); lines != 100 || !strings.HasSuffix(hdr.Name, ".json") {
		t.Errorf("archive %s holds %d lines, want 100", hdr.Name, lines)
	}

	e.cls("DeleteExport", map[string]any{"ExportId": id})
	if n := num(e.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 0 {
		t.Errorf("after delete TotalCount = %d", n)
	}
	_, err = e.call("cls", "2020-10-16", "DeleteExport", "ap-guangzhou", map[string]any{"ExportId": id})
	wantCode(t, err, "ResourceNotFound.ExportNotExist")
}

func TestCLSExportParameters(t *testing.T) {
	e := newEnv(t, emulator.Options{NoRateLimits: true})
	all := `{"TopicId":"0b3a07c0-5cf6-4017-8a75-cd4459aea588","Query":"level:ERROR AND \"a|b\"","Count":50000000,"From":1,"To":2,
		"Order":"asc","Format":"csv","SyntaxRule":1,"DerivedFields":["timestamp","status"]}`
	id := e.cls("CreateExport", all)["ExportId"].(string)
	got := obj(list(e.cls("DescribeExports", map[string]any{"TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588"})["Exports"])[0])
	if got["ExportId"] != id || got["Order"] != "asc" || got["Format"] != "csv" || num(got["SyntaxRule"]) != 1 ||
		jsonOf(got["DerivedFields"]) != `["timestamp","status"]` || num(got["Count"]) != 50000000 {
		t.Errorf("read back: %s", jsonOf(got))
	}
	base := func(edit string) string {
		return `{"TopicId":"` + topic + `","Query":"*","Count":10,"From":1000,"To":2000` + edit + `}`
	}
	for name, tc := range map[string]struct {
		body, region, want string
	}{
		"count 0":                 {base(`,"Count":0`), "ap-guangzhou", "InvalidParameter"},
		"count over 50M":          {base(`,"Count":50000001`), "ap-guangzhou", "LimitExceeded.Export"},
		"from after to":           {base(`,"From":3000`), "ap-guangzhou", "InvalidParameter"},
		"from equals to":          {base(`,"From":2000`), "ap-guangzhou", "InvalidParameter"},
		"bad order":               {base(`,"Order":"newest"`), "ap-guangzhou", "InvalidParameter"},
		"bad format":              {base(`,"Format":"parquet"`), "ap-guangzhou", "InvalidParameter"},
		"bad syntax rule":         {base(`,"SyntaxRule":2`), "ap-guangzhou", "InvalidParameter"},
		"sql pipe":                {base(`,"Query":"* | select count(*)"`), "ap-guangzhou", "InvalidParameter"},
		"unknown topic":           {base(`,"TopicId":"00000000-0000-4000-8000-000000000000"`), "ap-guangzhou", "ResourceNotFound.TopicNotExist"},
		"topic of another region": {base(""), "ap-beijing", "ResourceNotFound.TopicNotExist"},
		"missing query":           {`{"TopicId":"` + topic + `","Count":10,"From":1000,"To":2000}`, "ap-guangzhou", "MissingParameter"},
		"missing count":           {`{"TopicId":"` + topic + `","Query":"*","From":1000,"To":2000}`, "ap-guangzhou", "MissingParameter"},
		"missing topic":           {`{"Query":"*","Count":10,"From":1000,"To":2000}`, "ap-guangzhou", "MissingParameter"},
		"missing region":          {base(""), "", "MissingParameter"},
		"unknown parameter":       {base(`,"Limit":3`), "ap-guangzhou", "UnknownParameter"},
		"string count":            {base(`,"Count":"10"`), "ap-guangzhou", "InvalidParameter"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.call("cls", "2020-10-16", "CreateExport", tc.region, tc.body)
			wantCode(t, err, tc.want)
		})
	}
	_, err := e.call("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", map[string]any{"TopicId": "nope"})
	wantCode(t, err, "ResourceNotFound.TopicNotExist")
	_, err = e.call("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", map[string]any{})
	wantCode(t, err, "MissingParameter")
	_, err = e.call("cls", "2020-10-16", "DeleteExport", "ap-guangzhou", map[string]any{})
	wantCode(t, err, "MissingParameter")
	_, err = e.call("cls", "2020-10-16", "DeleteExport", "ap-beijing", map[string]any{"ExportId": id})
	wantCode(t, err, "ResourceNotFound.ExportNotExist")
}

func TestCLSDescribePagination(t *testing.T) {
	e := newEnv(t, emulator.Options{NoRateLimits: true})
	var ids []string
	for i := 0; i < 130; i++ {
		body := fmt.Sprintf(`{"TopicId":"%s","Query":"n:%d","Count":1,"From":1000,"To":2000}`, topic, i)
		ids = append(ids, e.cls("CreateExport", body)["ExportId"].(string))
	}
	out := e.cls("DescribeExports", map[string]any{"TopicId": topic})
	if num(out["TotalCount"]) != 130 || len(list(out["Exports"])) != 20 {
		t.Errorf("default page: TotalCount %v, %d items", out["TotalCount"], len(list(out["Exports"])))
	}
	seen := map[string]bool{}
	for off := 0; off < 130; off += 100 {
		for _, x := range list(e.cls("DescribeExports", map[string]any{"TopicId": topic, "Offset": off, "Limit": 100})["Exports"]) {
			seen[obj(x)["ExportId"].(string)] = true
		}
	}
	if len(seen) != 130 {
		t.Errorf("paging by 100 saw %d exports", len(seen))
	}
	if first := obj(list(out["Exports"])[0]); first["ExportId"] != ids[129] {
		t.Errorf("first listed export is %v, want the newest %s", first["ExportId"], ids[129])
	}
	_, err := e.call("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", map[string]any{"TopicId": topic, "Limit": 101})
	wantCode(t, err, "InvalidParameterValue")
	_, err = e.call("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", map[string]any{"TopicId": topic, "Offset": -1})
	wantCode(t, err, "InvalidParameterValue")
	if n := num(e.cls("DescribeExports", map[string]any{"TopicId": "0b3a07c0-5cf6-4017-8a75-cd4459aea588"})["TotalCount"]); n != 0 {
		t.Errorf("other topic lists %d exports", n)
	}
}
