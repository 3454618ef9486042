package tencent

import (
	"fmt"
	"testing"
)

// The sizes WarmExportSizes records are the archives' lengths, the same
// that ServeExportFile sends and DescribeExports reports.
func TestWarmExportSizes(t *testing.T) {
	st := &State{}
	for i := range 5 {
		st.Exports = append(st.Exports, &Export{ExportId: fmt.Sprintf("ex-%d", i), TopicId: "topic", Format: []string{"json", "csv"}[i%2],
			Order: "asc", Count: uint64(10 * (i + 1)), From: 1700000000000, To: 1700003600000, Created: 1700000000000})
	}
	h := NewHandler(Config{State: st})
	h.WarmExportSizes()
	for _, e := range st.Exports {
		v, ok := h.sizes.Load("export:" + e.ExportId)
		if !ok {
			t.Fatalf("%s: not sized", e.ExportId)
		}
		if want := int64(len(exportArchive(e))); v.(int64) != want {
			t.Errorf("%s: size %d, archive %d bytes", e.ExportId, v, want)
		}
	}
}
