package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
)

// SavedTarget is where a saved plan was made: `apply --plan` refuses to
// carry it out anywhere else (a plan reviewed against the emulator must
// not create resources in an account). It holds no secret: the Tencent
// key is named by a digest of its SecretId, never by the key itself.
type SavedTarget struct {
	// Emulator is the state file of the in-process emulator (--emulator);
	// the endpoints are then left out, since its port changes every run.
	Emulator string `json:"emulator,omitempty"`
	// TencentEndpoint and HuaweiEndpoint are the endpoint URLs
	// (LOGCTL_TENCENT_ENDPOINT, LOGCTL_HUAWEI_ENDPOINT); empty means the
	// vendors' public API hosts.
	TencentEndpoint string `json:"tencentEndpoint,omitempty"`
	HuaweiEndpoint  string `json:"huaweiEndpoint,omitempty"`
	// TencentSite is the Tencent Cloud site, "china" or "intl": two sites
	// with separate accounts. TencentSiteFromFiles says the files chose it
	// (defaults.tencent.site); then the files' digests bind it, and the site
	// variables of the apply do not count.
	TencentSite          string `json:"tencentSite,omitempty"`
	TencentSiteFromFiles bool   `json:"tencentSiteFromFiles,omitempty"`
	// TencentKey is "sha256:" and the first 16 hex digits of the SHA-256 of
	// the SecretId from the environment. The account (AppId) behind a
	// SecretId cannot be known without calling the API, so the key stands
	// for it. Empty with temporary keys (a session token: their SecretId
	// changes every session) or keys from a profile file.
	TencentKey string `json:"tencentKey,omitempty"`
	// HuaweiProject is HUAWEICLOUD_SDK_PROJECT_ID, the default project of
	// the Huawei credentials (dumps name their own project in the files).
	HuaweiProject string `json:"huaweiProject,omitempty"`
}

// KeyDigest names a SecretId without revealing it.
func KeyDigest(secretID string) string {
	sum := sha256.Sum256([]byte(secretID))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// String describes the target for a message.
func (t SavedTarget) String() string {
	if t.Emulator != "" {
		return "the emulator (--emulator, state " + t.Emulator + ")"
	}
	host := "tencentcloudapi.com"
	if t.TencentSite == "intl" {
		host = "intl.tencentcloudapi.com"
	}
	parts := []string{"Tencent " + orPublic(t.TencentEndpoint, host)}
	if t.TencentSite != "" {
		parts[0] += " (site " + t.TencentSite + ")"
	}
	if t.TencentKey != "" {
		parts = append(parts, "SecretId "+t.TencentKey)
	}
	parts = append(parts, "Huawei "+orPublic(t.HuaweiEndpoint, "myhuaweicloud.com"))
	if t.HuaweiProject != "" {
		parts = append(parts, "project "+t.HuaweiProject)
	}
	return strings.Join(parts, ", ")
}

func orPublic(endpoint, public string) string {
	if endpoint == "" {
		return "public API (" + public + ")"
	}
	return "endpoint " + endpoint
}

// Mismatch says how now differs from the saved target, or "" when apply
// may go on. now is the target of the apply as the environment gives it
// (its site from the site variables). An identity unknown on either side (temporary keys, keys
// from a profile file) is not compared: the re-plan still reads that
// target's live state and refuses a plan that differs.
func (t SavedTarget) Mismatch(now SavedTarget) string {
	differ := filepath.Clean(t.Emulator) != filepath.Clean(now.Emulator) ||
		t.TencentEndpoint != now.TencentEndpoint || t.HuaweiEndpoint != now.HuaweiEndpoint ||
		known(t.TencentKey, now.TencentKey) || known(t.HuaweiProject, now.HuaweiProject) ||
		!t.TencentSiteFromFiles && known(t.TencentSite, now.TencentSite)
	if !differ {
		return ""
	}
	return fmt.Sprintf("the plan was made against %s; this apply targets %s", t, now)
}

func known(a, b string) bool { return a != "" && b != "" && a != b }
