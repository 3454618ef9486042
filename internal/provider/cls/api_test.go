package cls

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

// TestCreateExportMatchesVendorExample builds the seed page's example
// request and compares its JSON with the vendor's body.
func TestCreateExportMatchesVendorExample(t *testing.T) {
	req := CreateExportRequest{TopicId: "ee20bb16-3025-4048-b81a-dd436373062e", Query: "status:200",
		Count: 100, Order: ptr("desc"), Format: ptr("json"), From: 1607499107000, To: 1607499207000}
	got, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	seed := readFile(t, "create_export.seed.json")
	if diff := cmp.Diff(decodeAny(t, seed), decodeAny(t, got)); diff != "" {
		t.Errorf("request differs from the vendor example (-seed +ours):\n%s", diff)
	}
	var back CreateExportRequest
	strictDecode(t, seed, &back)
	if diff := cmp.Diff(req, back); diff != "" {
		t.Errorf("vendor example decodes differently (-built +decoded):\n%s", diff)
	}
	var resp CreateExportResponse
	strictDecode(t, readFile(t, "create_export_response.seed.json"), &resp)
	if resp.ExportId != "57196a6a-7622-47be-bc92-d2ebea959a0f" || resp.RequestId == "" {
		t.Errorf("response decoded as %+v", resp)
	}
}

func TestCreateExportOmission(t *testing.T) {
	tests := []struct {
		name string
		req  CreateExportRequest
		want string
	}{
		{"defaults left to the service", CreateExportRequest{TopicId: "t", Count: 1, Query: "*", From: 1, To: 2},
			`{"TopicId":"t","Count":1,"Query":"*","From":1,"To":2}`},
		{"explicit Lucene and empty field list are sent",
			CreateExportRequest{TopicId: "t", Count: 1, Query: "*", From: 1, To: 2, SyntaxRule: ptr(uint64(0)),
				DerivedFields: []string{}},
			`{"TopicId":"t","Count":1,"Query":"*","From":1,"To":2,"SyntaxRule":0,"DerivedFields":[]}`},
		{"CQL with derived fields",
			CreateExportRequest{TopicId: "t", Count: 50000000, Query: "a:b", From: 1607499107000, To: 1607499207000,
				Format: ptr("csv"), SyntaxRule: ptr(uint64(1)), DerivedFields: []string{"timestamp"}},
			`{"TopicId":"t","Count":50000000,"Query":"a:b","From":1607499107000,"To":1607499207000,"Format":"csv","SyntaxRule":1,"DerivedFields":["timestamp"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestExportInfoDecodesEveryField decodes a DescribeExports page carrying
// every ExportInfo member of cls-export.md §3 strictly, and one without the
// newer members.
func TestExportInfoDecodesEveryField(t *testing.T) {
	body := `{"TotalCount":2,"RequestId":"r","Exports":[
	 {"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e","ExportId":"57196a6a-7622-47be-bc92-d2ebea959a0f",
	  "Query":"status:200","FileName":"log_1_ee20bb16_20201209_x_1607499300.tar.gz","FileSize":1234,
	  "Order":"desc","Format":"json","Count":100,"Status":"Completed","From":1607499107000,"To":1607499207000,
	  "CosPath":"https://example/file","CreateTime":"2020-12-09 15:35:00","SyntaxRule":1,
	  "DerivedFields":["timestamp"],"CreateTimestamp":1607499300000},
	 {"TopicId":"t","ExportId":"e2","Query":"*","FileName":"","FileSize":0,"Order":"asc","Format":"csv",
	  "Count":1,"Status":"Queuing","From":1,"To":2,"CosPath":"","CreateTime":"2020-12-09 15:35:00","SyntaxRule":0}]}`
	var resp DescribeExportsResponse
	strictDecode(t, []byte(body), &resp)
	want := ExportInfo{TopicId: "ee20bb16-3025-4048-b81a-dd436373062e", ExportId: "57196a6a-7622-47be-bc92-d2ebea959a0f",
		Query: "status:200", FileName: "log_1_ee20bb16_20201209_x_1607499300.tar.gz", FileSize: 1234,
		Order: "desc", Format: "json", Count: 100, Status: "Completed", From: 1607499107000, To: 1607499207000,
		CosPath: "https://example/file", CreateTime: "2020-12-09 15:35:00", SyntaxRule: 1,
		DerivedFields: []string{"timestamp"}, CreateTimestamp: 1607499300000}
	if resp.TotalCount != 2 || len(resp.Exports) != 2 {
		t.Fatalf("decoded %+v", resp)
	}
	if diff := cmp.Diff(want, resp.Exports[0]); diff != "" {
		t.Errorf("ExportInfo (-want +got):\n%s", diff)
	}
	if old := resp.Exports[1]; old.DerivedFields != nil || old.CreateTimestamp != 0 {
		t.Errorf("absent newer members decoded as %+v", old)
	}
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

func strictDecode(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("strict decode into %T: %v", v, err)
	}
}
