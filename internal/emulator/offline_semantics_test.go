package emulator_test

import (
	"testing"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
)

// TestLegacyPageBase: by default the legacy DownloadL7Logs counts pages from
// 1 (PageNo 0 reads as 1); under l7-legacy-page-zero from 0.
func TestLegacyPageBase(t *testing.T) {
	start, end := window(2)
	names := func(e *env, no int) (string, map[string]any) {
		out, err := e.call("teo", "2022-01-06", "DownloadL7Logs", "", map[string]any{
			"StartTime": start, "EndTime": end, "PageNo": no, "PageSize": 10, "Zones": []string{"example.com"}})
		if err != nil {
			t.Fatal(err)
		}
		return obj(list(out["Data"])[0])["LogPacketName"].(string), out
	}
	def := newEnv(t, emulator.Options{NoRateLimits: true})
	zero := newEnv(t, emulator.Options{NoRateLimits: true, Semantics: semantics.Semantics{L7LegacyPageZero: true}})
	first1, _ := names(def, 1)
	first0, out := names(zero, 0)
	if first1 != first0 || num(out["PageNo"]) != 0 {
		t.Errorf("first page: default PageNo 1 gives %s, page-zero PageNo 0 gives %s (PageNo %v)", first1, first0, out["PageNo"])
	}
	second0, _ := names(zero, 1)
	second1, _ := names(def, 2)
	if second0 != second1 || second0 == first0 {
		t.Errorf("second page: page-zero PageNo 1 gives %s, default PageNo 2 gives %s", second0, second1)
	}
}

// TestL4SizeReading: the L4 Size is the .gz size by default and the
// uncompressed size under l4-size-original.
func TestL4SizeReading(t *testing.T) {
	start, end := window(1)
	for _, orig := range []bool{false, true} {
		e := newEnv(t, emulator.Options{NoRateLimits: true, Semantics: semantics.Semantics{L4SizeOriginal: orig}})
		out := e.teo("DownloadL4Logs", map[string]any{"StartTime": start, "EndTime": end, "ZoneIds": []string{"zone-2mzegj4vln5f"}, "Limit": 1})
		p := obj(list(out["Data"])[0])
		_, body := fetch(t, p["Url"].(string), nil)
		want := len(body)
		if orig {
			want = len(gunzip(t, body))
		}
		if num(p["Size"]) != want {
			t.Errorf("l4-size-original=%v: Size %v, want %d", orig, p["Size"], want)
		}
	}
}
