package diff

import (
	"encoding/json"
	"testing"

	"github.com/logctl/logctl/spec"
)

// FuzzNormalize checks the normalizer's invariants on arbitrary tasks:
// normalizing twice equals normalizing once, and a task diffed against
// itself is a no-op whatever its content.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{"name":"t","zoneId":"z","type":"cls","logType":"domain","area":"mainland","entities":["b","a","a"],"sample":0}`))
	f.Add([]byte(`{"type":"custom_endpoint","customEndpoint":{"url":"HTTPS://x","headers":[{"name":"b","value":"1"},{"name":"a","value":"2"}]},"customFields":[{"name":"ReqHeader","value":"x"}]}`))
	f.Add([]byte(`{"type":"log_analysis","logFormat":{"formatType":"json"},"deliveryConditions":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var task spec.DeliveryTask
		if json.Unmarshal(data, &task) != nil {
			return
		}
		once := NormalizeTask(task)
		twice := NormalizeTask(once)
		if a, b := encode(taskFields(once)), encode(taskFields(twice)); a != b {
			t.Fatalf("normalize is not idempotent:\n%s\n%s", a, b)
		}
		c := Change{}
		compare(&c, taskFields(NormalizeTask(task)), taskFields(NormalizeTask(task)))
		if c.Action != ActionNoop {
			t.Fatalf("self-diff is %s: %+v", c.Action, c.Fields)
		}
	})
}
