package reconcile

import (
	"strings"
	"testing"
)

func TestSavedTargetMismatch(t *testing.T) {
	emu := SavedTarget{Emulator: ".logctl/emulator.json"}
	cloud := SavedTarget{TencentKey: KeyDigest("AKIDONE"), HuaweiProject: "p1"}
	for _, tc := range []struct {
		name       string
		saved, now SavedTarget
		want       string // "" when apply may go on
	}{
		{"same emulator", emu, SavedTarget{Emulator: "./.logctl/emulator.json"}, ""},
		{"other emulator state", emu, SavedTarget{Emulator: "other.json"}, "state other.json"},
		{"emulator, then an endpoint", emu, SavedTarget{TencentEndpoint: "http://127.0.0.1:8787", HuaweiEndpoint: "http://127.0.0.1:8787"},
			"the plan was made against the emulator (--emulator, state .logctl/emulator.json); this apply targets Tencent endpoint http://127.0.0.1:8787"},
		{"emulator, then the clouds", emu, cloud, "this apply targets Tencent public API (tencentcloud"},
		{"same clouds", cloud, cloud, ""},
		{"another key", cloud, SavedTarget{TencentKey: KeyDigest("AKIDTWO"), HuaweiProject: "p1"}, "SecretId " + KeyDigest("AKIDTWO")},
		{"another project", cloud, SavedTarget{TencentKey: KeyDigest("AKIDONE"), HuaweiProject: "p2"}, "project p2"},
		{"temporary keys now", cloud, SavedTarget{HuaweiProject: "p1"}, ""},
		{"site from the variables", SavedTarget{TencentSite: "china"}, SavedTarget{TencentSite: "intl"}, "Tencent public API (intl.tencentcloudapi.com) (site intl)"},
		{"site from the files", SavedTarget{TencentSite: "intl", TencentSiteFromFiles: true}, SavedTarget{TencentSite: "china"}, ""},
		{"another endpoint", cloud, SavedTarget{TencentEndpoint: "https://proxy.example.com", TencentKey: KeyDigest("AKIDONE"), HuaweiProject: "p1"}, "endpoint https://proxy.example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.saved.Mismatch(tc.now)
			if (got == "") != (tc.want == "") || !strings.Contains(got, tc.want) {
				t.Errorf("Mismatch = %q, want %q", got, tc.want)
			}
		})
	}
	if d := KeyDigest("AKIDONE"); strings.Contains(d, "AKID") || len(d) != len("sha256:")+16 {
		t.Errorf("KeyDigest = %q", d)
	}
}
