package emulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/logctl/logctl/internal/emulator"
)

// parityTable is policy/testdata/parity/cases.yaml, the table of requests
// the emulator refuses that lint must catch first. This side reads only
// the requests; policy's parity_test.go lints the same cases' YAML. The two
// share no code, so that neither can pass by agreeing with the other.
type parityTable struct {
	Bases map[string]struct {
		Request map[string]any `yaml:"request"`
	} `yaml:"bases"`
	Cases []struct {
		Name          string         `yaml:"name"`
		Base          string         `yaml:"base"`
		Code          string         `yaml:"code"`
		Existing      bool           `yaml:"existing"`
		Streams       int            `yaml:"streams"`
		CustomHeaders int            `yaml:"customHeaders"`
		Request       map[string]any `yaml:"request"`
	} `yaml:"cases"`
}

// validatorCodes are the error codes the emulator's create validators can
// answer (tencent/teo_validate.go, teo_destinations.go, teo_tasks.go,
// teo_unique.go, cls_exports.go, params.go; huawei/validate.go, dump.go,
// store.go). A code added there belongs here and, with a case, in the
// parity table, which TestParityTableCoversEveryCode holds it to.
var validatorCodes = []string{
	// EdgeOne CreateRealtimeLogDeliveryTask
	"MissingParameter", "InvalidParameter", "InvalidParameterValue", "UnknownParameter",
	"LimitExceeded", "LimitExceeded.CustomLogFieldRegexLimitExceeded", "ResourceNotFound",
	"InvalidParameter.RealtimeLogInvalidDeliveryArea", "InvalidParameter.RealtimeLogInvalidLogType",
	"InvalidParameter.RealtimeLogInvalidTaskType", "InvalidParameter.InvalidLogFormatFormatType",
	"InvalidParameter.InvalidLogFormatRecordDelimiter", "InvalidParameter.InvalidLogFormatFieldDelimiter",
	"InvalidParameter.RealtimeLogEntityAlreadyCreated", "InvalidParameter.RealtimeLogNumsExceedLimit",
	// CLS CreateExport
	"LimitExceeded.Export", "ResourceNotFound.TopicNotExist",
	// Huawei LTS CreateTransfer and the log-dump/obs API
	"LTS.0009", "LTS.1901", "LTS.1902", "LTS.0201", "LTS.0207", "LTS.0208", "LTS.0416",
}

func readParityTable(t *testing.T) parityTable {
	t.Helper()
	data, err := os.ReadFile("../../policy/testdata/parity/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var pt parityTable
	if err := yaml.Unmarshal(data, &pt); err != nil {
		t.Fatal(err)
	}
	return pt
}

// TestEmulatorRefusesParityCases sends every case of the parity table and
// requires the case's error code.
func TestEmulatorRefusesParityCases(t *testing.T) {
	pt := readParityTable(t)
	for _, c := range pt.Cases {
		t.Run(c.Name, func(t *testing.T) {
			base, ok := pt.Bases[c.Base]
			if !ok {
				t.Fatalf("unknown base %q", c.Base)
			}
			req := mergeRequest(base.Request, c.Request)
			if c.Streams > 0 {
				setStreams(req, c.Base, c.Streams)
			}
			if c.CustomHeaders > 0 {
				headers := make([]any, c.CustomHeaders)
				for i := range headers {
					headers[i] = map[string]any{"Name": "ReqHeader", "Value": fmt.Sprintf("X-H%d", i)}
				}
				req["CustomFields"] = headers
			}
			e := newEnv(t, emulator.Options{NoRateLimits: true, Credentials: []byte("huaweiTokens: {tok: " + project + "}\n")})
			if c.Existing {
				first := req
				if c.Base == "teo" {
					first = mergeRequest(req, map[string]any{"TaskName": "first"})
				}
				if got := sendParity(e, c.Base, first); got != "" {
					t.Fatalf("creating the existing resource: %s", got)
				}
			}
			if got := sendParity(e, c.Base, req); got != c.Code {
				t.Errorf("error code = %q, want %q", got, c.Code)
			}
		})
	}
}

// TestParityTableCoversEveryCode requires a case for every code in
// validatorCodes, and no case with a code outside it.
func TestParityTableCoversEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range readParityTable(t).Cases {
		seen[c.Code] = true
		if !slices.Contains(validatorCodes, c.Code) {
			t.Errorf("case %q: code %s is not in validatorCodes", c.Name, c.Code)
		}
	}
	for _, code := range validatorCodes {
		if !seen[code] {
			t.Errorf("no parity case for %s", code)
		}
	}
}

// sendParity sends one create request for the base's API and returns the
// error code ("" on success).
func sendParity(e *env, base string, req map[string]any) string {
	switch base {
	case "teo":
		_, err := e.call("teo", "2022-09-01", "CreateRealtimeLogDeliveryTask", "", req)
		return code(err)
	case "cls":
		_, err := e.call("cls", "2020-10-16", "CreateExport", "ap-guangzhou", req)
		return code(err)
	case "lts-dump":
		return postLTS(e, "/log-dump/obs", req)
	case "lts-transfer":
		return postLTS(e, "/transfers", req)
	}
	e.t.Fatalf("unknown base %q", base)
	return ""
}

func postLTS(e *env, path string, req map[string]any) string {
	body, err := json.Marshal(req)
	if err != nil {
		e.t.Fatal(err)
	}
	r, _ := http.NewRequest("POST", e.ts.URL+"/v2/"+project+path, bytes.NewReader(body))
	r.Header.Set("X-Auth-Token", "tok")
	r.Header.Set("Content-Type", "application/json;charset=UTF-8")
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 300 {
		return ""
	}
	var out struct {
		ErrorCode string `json:"error_code"`
	}
	if err := json.Unmarshal(b, &out); err != nil || out.ErrorCode == "" {
		return fmt.Sprintf("HTTP %d %s", resp.StatusCode, b)
	}
	return out.ErrorCode
}

// setStreams gives an LTS request n distinct stream ids of 36 characters.
func setStreams(req map[string]any, base string, n int) {
	ids := make([]any, n)
	refs := make([]any, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("45e7f609-0000-4cd3-835b-%012d", i)
		refs[i] = map[string]any{"log_stream_id": ids[i]}
	}
	if base == "lts-transfer" {
		req["log_streams"] = refs
	} else {
		req["log_stream_ids"] = ids
	}
}

// mergeRequest returns base with patch merged in: mappings key by key,
// null deletes, anything else replaces.
func mergeRequest(base, patch map[string]any) map[string]any {
	out := make(map[string]any, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range patch {
		switch pv := v.(type) {
		case nil:
			delete(out, k)
		case map[string]any:
			bv, _ := out[k].(map[string]any)
			out[k] = mergeRequest(bv, pv)
		default:
			out[k] = v
		}
	}
	return out
}
