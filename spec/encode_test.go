package spec

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Encoding what was loaded and loading it again gives the same resources.
func TestEncodeRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.yaml")
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, diags := ParseBytes(name, b)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			f := &File{Version: 1, DeliveryTasks: doc.DeliveryTasks, Exports: doc.Exports, Dumps: doc.Dumps, Scopes: doc.Scopes}
			out, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			again, diags := ParseBytes("encoded.yaml", out)
			if diags.HasErrors() {
				t.Fatalf("%v\n%s", diags, out)
			}
			opt := cmp.Comparer(func(a, b Timestamp) bool { return a.Millis == b.Millis && a.Set == b.Set })
			for _, pair := range []struct{ a, b any }{
				{doc.DeliveryTasks, again.DeliveryTasks}, {doc.Exports, again.Exports},
				{doc.Dumps, again.Dumps}, {doc.Scopes, again.Scopes},
			} {
				if d := cmp.Diff(pair.a, pair.b, opt); d != "" {
					t.Errorf("round trip differs (-loaded +encoded):\n%s\n%s", d, out)
				}
			}
		})
	}
}

func TestEncodeQuotesAmbiguousStrings(t *testing.T) {
	f := &File{Version: 1, Exports: []Export{{Name: "true", TopicID: "123", Query: "2020-01-01", Count: ptrTo(int64(5)),
		From: TimestampFromMillis(1000), To: TimestampFromMillis(2000)}}}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := ParseBytes("x.yaml", out)
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, out)
	}
	if e := doc.Exports[0]; e.Name != "true" || e.TopicID != "123" || e.Query != "2020-01-01" {
		t.Errorf("got %+v from\n%s", e, out)
	}
}

func ptrTo[T any](v T) *T { return &v }
