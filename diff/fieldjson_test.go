package diff

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFieldChangeJSON pins the native values of plan JSON format 2 and
// that reading them back gives the display strings the renderers use.
func TestFieldChangeJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		fc   FieldChange
		want string
	}{
		{"string", FieldChange{Path: "type", After: `"cls"`}, `{"path":"type","after":"cls"}`},
		{"number", FieldChange{Path: "sample", Before: "1000", After: "605"}, `{"path":"sample","before":1000,"after":605}`},
		{"list", FieldChange{Path: "fields", After: `["a","b"]`}, `{"path":"fields","after":["a","b"]}`},
		{"object", FieldChange{Path: "logFormat", After: `{"formatType":"json"}`}, `{"path":"logFormat","after":{"formatType":"json"}}`},
		{"null before", FieldChange{Path: "sample", Before: "null", After: "5"}, `{"path":"sample","before":null,"after":5}`},
		{"removed", FieldChange{Path: "s3.bucket", Before: `"b"`}, `{"path":"s3.bucket","before":"b"}`},
		{"sensitive", FieldChange{Path: "customEndpoint.accessKey", Before: "(sensitive)", After: "(sensitive, changed)", Sensitive: true},
			`{"path":"customEndpoint.accessKey","before":"(sensitive)","after":"(sensitive, changed)","sensitive":true}`},
		{"forces replace", FieldChange{Path: "area", Before: `"mainland"`, After: `"overseas"`, ForcesReplace: true},
			`{"path":"area","before":"mainland","after":"overseas","forcesReplace":true}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.fc)
			if err != nil || string(b) != tc.want {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tc.want)
			}
			var back FieldChange
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.fc, back); d != "" {
				t.Errorf("round trip (-want +got):\n%s", d)
			}
		})
	}
}

// TestFieldChangeJSONIndented reads values an indenting encoder spread
// over lines back into their compact display form.
func TestFieldChangeJSONIndented(t *testing.T) {
	b, _ := json.MarshalIndent(FieldChange{Path: "fields", After: `["a","b"]`}, "", "  ")
	var back FieldChange
	if err := json.Unmarshal(b, &back); err != nil || back.After != `["a","b"]` {
		t.Errorf("After = %q, %v", back.After, err)
	}
}
