package reconcile

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadSavedPlan: the reader of saved plans, which may come from anyone
// with write access to a CI artifact, never panics; what it accepts names
// its inputs with valid digests and survives a write/read round trip.
func FuzzReadSavedPlan(f *testing.F) {
	digest := strings.Repeat("ab", 32)
	f.Add([]byte(`{"formatVersion":"2","plan":{"formatVersion":"1","changes":[]},"inputs":{"paths":["."],"files":[{"path":"a.yaml","sha256":"` + digest + `"}]}}`))
	f.Add([]byte(`{"formatVersion":"2","plan":{"changes":[{"kind":"deliveryTask","key":"z/a","action":"delete","liveId":"t1","fields":[{"path":"x"}]}]},"inputs":{"paths":["a"],"files":[{"path":"a","sha256":"` + digest + `"}]},"safety":{"maxPercent":100}}`))
	f.Add([]byte(`{"formatVersion":"1","plan":{}}`))
	f.Add([]byte(`{"formatVersion":"2","plan":null}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sp, err := ReadSavedPlan(bytes.NewReader(data))
		if err != nil {
			if sp != nil {
				t.Fatal("a plan and an error")
			}
			return
		}
		if sp.Plan == nil || len(sp.Inputs.Paths) == 0 || len(sp.Inputs.Files) == 0 {
			t.Fatalf("accepted a plan without its inputs: %+v", sp)
		}
		for _, in := range sp.Inputs.Files {
			if !hexDigest.MatchString(in.SHA256) {
				t.Fatalf("accepted digest %q", in.SHA256)
			}
		}
		var first, second bytes.Buffer
		if err := sp.Write(&first); err != nil {
			t.Fatal(err)
		}
		again, err := ReadSavedPlan(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("re-reading what was written: %v\n%s", err, first.Bytes())
		}
		if err := again.Write(&second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed the plan:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}
