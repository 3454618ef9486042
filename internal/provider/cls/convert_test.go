package cls

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/spec"
)

// convExport parses one export written in the logctl YAML format.
func convExport(t *testing.T, yaml string) *spec.Export {
	t.Helper()
	doc, diags := spec.ParseBytes("e.yaml", []byte("version: 1\ndefaults: {tencent: {region: ap-guangzhou}}\nexports:\n"+yaml))
	if diags.HasErrors() || len(doc.Exports) != 1 {
		t.Fatalf("parse: %v", diags.Err())
	}
	return &doc.Exports[0]
}

// The design's example export: the vendor's CreateExport example in YAML.
const convSeedYAML = `  - name: status-200-dec-9
    topicId: ee20bb16-3025-4048-b81a-dd436373062e
    query: "status:200"
    count: 100
    from: 2020-12-09T07:31:47Z
    to: 2020-12-09T07:33:27Z
    order: desc
    format: json
`

func TestCreateRequest(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string // JSON body
	}{
		{name: "vendor example", yaml: convSeedYAML, want: string(readFile(t, "create_export.seed.json"))},
		{name: "epoch milliseconds and defaults left out", yaml: `  - {name: e, topicId: t, query: "*", count: 1, from: 1607499107000, to: 1607499207000}` + "\n",
			want: `{"TopicId":"t","Count":1,"Query":"*","From":1607499107000,"To":1607499207000}`},
		{name: "every parameter", yaml: `  - {name: e, topicId: t, query: "a:b", count: 50000000, from: "2020-12-09T15:31:47.5+08:00", to: 1607499207000,` +
			` order: asc, format: csv, syntaxRule: 1, derivedFields: [timestamp]}` + "\n",
			want: `{"TopicId":"t","Count":50000000,"Query":"a:b","From":1607499107500,"To":1607499207000,"Order":"asc","Format":"csv","SyntaxRule":1,"DerivedFields":["timestamp"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := createRequest(convExport(t, tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(req)
			if diff := cmp.Diff(decodeAny(t, []byte(tt.want)), decodeAny(t, got)); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateRequestRefusals(t *testing.T) {
	tests := []struct{ name, yaml string }{
		{"count zero", `  - {name: e, topicId: t, query: "*", count: 0, from: 1, to: 2}`},
		{"count over the cap", `  - {name: e, topicId: t, query: "*", count: 50000001, from: 1, to: 2}`},
		{"syntax rule 2", `  - {name: e, topicId: t, query: "*", count: 1, from: 1, to: 2, syntaxRule: 2}`},
		{"no window", `  - {name: e, topicId: t, query: "*", count: 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := spec.ParseBytes("e.yaml", []byte("version: 1\nexports:\n"+tt.yaml+"\n"))
			if _, err := createRequest(&doc.Exports[0]); !errors.Is(err, apierr.ErrInvalid) {
				t.Errorf("createRequest = %v, want ErrInvalid", err)
			}
		})
	}
}

// TestExportFromWire reads the vendor's DescribeExports example shape and
// checks it normalizes to the export created from the design's YAML.
func TestExportFromWire(t *testing.T) {
	wire := `{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e","ExportId":"export-57196a6a-7622-47be-bc92-d2ebea959a0f",
		"Query":"status:200","FileName":"log_1_ee20bb16-3025-4048-b81a-dd436373062e_20201209_1_1607499207.tar.gz","FileSize":10,
		"Order":"desc","Format":"json","Count":100,"Status":"Completed","From":1607499107000,"To":1607499207000,
		"CosPath":"https://example/x","CreateTime":"2020-12-09 15:40:00","SyntaxRule":0}`
	var w ExportInfo
	if err := json.Unmarshal([]byte(wire), &w); err != nil {
		t.Fatal(err)
	}
	got := exportFromWire("ap-guangzhou", &w)
	want := convExport(t, convSeedYAML)
	if got.Key() != want.Key() {
		t.Errorf("identity differs:\n got  %s\n want %s", got.Key(), want.Key())
	}
	want.Name = "" // a logctl-side label: never on the wire
	if d := cmp.Diff(diff.NormalizeExport(*want), diff.NormalizeExport(got), cmp.Comparer(func(a, b spec.Timestamp) bool { return a.Millis == b.Millis })); d != "" {
		t.Errorf("normalized export (-from YAML +from wire):\n%s", d)
	}
}
