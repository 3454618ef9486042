package spec

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// every diagnostic must carry the file name.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validTask))
	f.Add([]byte("version: 1\nexports:\n  - {name: e, topicId: t, query: q, count: 1, from: 2020-12-09T07:31:47Z, to: 1}\n"))
	f.Add([]byte("version: 1\ndeliveryTasks:\n  - &a {name: x}\n  - {<<: *a, zoneId: z}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("\xff"))
	if files, _ := filepath.Glob("../examples/*.yaml"); len(files) > 0 {
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := ParseBytes("fuzz.yaml", data)
		for _, d := range diags {
			if d.Pos.File != "fuzz.yaml" {
				t.Fatalf("diagnostic without file: %+v", d)
			}
		}
		if doc == nil {
			t.Fatal("nil document")
		}
		for i := range doc.DeliveryTasks {
			_ = doc.Locate("deliveryTasks[0].cls.topicId")
			_ = doc.DeliveryTasks[i].Key()
		}
		_, _ = doc.Resolve(func(string) (string, bool) { return "v", true })
	})
}
