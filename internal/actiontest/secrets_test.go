package actiontest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	ghstub "github.com/logctl/logctl/internal/emulator/github"
)

// Secret values of the scenarios; none may reach GitHub or a log.
var secretValues = map[string]string{
	"SIEM_ACCESS_ID":  "siem-id-4f9a1c",
	"SIEM_ACCESS_KEY": "siem-key-77c2e0b9",
	"SIEM_TOKEN":      "Bearer siem-token-0d15ea5e",
	"S3_ACCESS_ID":    "AKIAS3ACCESS0001",
	"S3_ACCESS_KEY":   "s3-secret-key-b16b00b5",
}

// Emulator credentials (logctl emulator serve --help).
var cloudSecrets = map[string]string{
	"TENCENTCLOUD_SECRET_ID":  "AKIDLOGCTLEMULATOR",
	"TENCENTCLOUD_SECRET_KEY": "logctl-emulator-secret",
	"HUAWEICLOUD_SDK_AK":      "LOGCTLEMULATORAK",
	"HUAWEICLOUD_SDK_SK":      "logctl-emulator-secret",
}

// checkNoSecret: no request body to GitHub, no job summary and no log line
// (but the ::add-mask:: commands themselves) holds a secret value.
func (w *world) checkNoSecret(t *testing.T, res *Result) {
	t.Helper()
	var log []string
	for _, line := range strings.Split(res.Log, "\n") {
		if !strings.HasPrefix(line, "::add-mask::") {
			log = append(log, line)
		}
	}
	w.mu.Lock()
	places := map[string]string{"log": strings.Join(log, "\n"), "job summary": res.Summary,
		"requests to GitHub": strings.Join(w.bodies, "\n")}
	w.mu.Unlock()
	for where, text := range places {
		for name, v := range secretValues {
			if strings.Contains(text, v) {
				t.Errorf("the value of %s is in the %s", name, where)
			}
		}
		if strings.Contains(text, cloudSecrets["TENCENTCLOUD_SECRET_KEY"]) {
			t.Errorf("a cloud secret key is in the %s", where)
		}
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// secretsJSON is what ${{ toJSON(secrets) }} gives: every secret of the
// repository, more than the files need.
func secretsJSON(extra map[string]string) string {
	all := map[string]string{"github_token": ghstub.DefaultToken, "UNRELATED_DEPLOY_KEY": "never-exported-3c3c"}
	for _, m := range []map[string]string{secretValues, cloudSecrets, extra} {
		for k, v := range m {
			all[k] = v
		}
	}
	data, _ := json.Marshal(all)
	return string(data)
}
