package huawei

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// errorCase is one request that must fail with wantStatus and wantCode.
type errorCase struct {
	name       string
	req        func(t *testing.T, f *fixture) *http.Request
	wantStatus int
	wantCode   string
}

const (
	trPath   = "/v2/" + projA + "/transfers"
	dumpPath = "/v2/" + projA + "/log-dump/obs"
)

// TestErrors drives every documented error through the handler and checks
// status, error_code, the envelope, the X-Request-Id header, and that the
// state is unchanged.
func TestErrors(t *testing.T) {
	var tests []errorCase
	for _, cases := range [][]errorCase{authCases(), dumpCases(), createCases(), updateDeleteListCases()} {
		tests = append(tests, cases...)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			before := jsonBody(t, f.state)
			rec := f.do(tc.req(t, f))
			var got errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("body %q is not JSON: %v", rec.Body.String(), err)
			}
			if rec.Code != tc.wantStatus || got.Code != tc.wantCode {
				t.Fatalf("got %d %s (%s), want %d %s", rec.Code, got.Code, got.Msg, tc.wantStatus, tc.wantCode)
			}
			checkEnvelope(t, rec.Header().Get("X-Request-Id"), got)
			if after := jsonBody(t, f.state); after != before {
				t.Errorf("state changed by a failed request:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// authCases: huawei-lts-transfer.md §2, and routing.
func authCases() []errorCase {
	const tr = trPath
	createOK := obsCreate(groupApp, streamApp3, "lts-test")
	return []errorCase{
		{"no credentials", raw("GET", tr, "", ""), 401, codeAuth},
		{"unknown token", raw("GET", tr, "", "not-a-token"), 401, codeAuth},
		{"token for another project", raw("GET", tr, "", tokenB), 403, codeProjectMismatch},
		{"project not in world", raw("GET", "/v2/"+projMissing+"/transfers", "", tokenNoProj), 403, codeInvalidProject},
		{"malformed authorization", func(t *testing.T, f *fixture) *http.Request {
			r := signedReq(t, "GET", tr, "", signSpec{})
			r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access="+testAK)
			return r
		}, 401, codeAuth},
		{"unknown access key", signed("GET", tr, "", signSpec{ak: "NOSUCHAK", sk: testSK}), 401, codeAuth},
		{"wrong secret key", signed("GET", tr, "", signSpec{ak: testAK, sk: "wrong"}), 401, codeAuth},
		{"date 16 minutes slow", signed("GET", tr, "", signSpec{date: testNow.Add(-16 * time.Minute)}), 401, codeAuth},
		{"date 16 minutes fast", signed("GET", tr, "", signSpec{date: testNow.Add(16 * time.Minute)}), 401, codeAuth},
		{"body changed after signing", func(t *testing.T, f *fixture) *http.Request {
			r := signedReq(t, "POST", tr, jsonBody(t, createOK)+"\n", signSpec{})
			tampered := signedReq(t, "POST", tr, jsonBody(t, with(createOK, "log_group_id", groupOther))+"\n", signSpec{})
			tampered.Header.Set("Authorization", r.Header.Get("Authorization"))
			return tampered
		}, 401, codeAuth},
		{"signed host changed", func(t *testing.T, f *fixture) *http.Request {
			r := hostSignedReq(t, "GET", tr)
			r.Host = "other.test"
			return r
		}, 401, codeAuth},
		{"date not signed", func(t *testing.T, f *fixture) *http.Request {
			r := hostSignedReq(t, "GET", tr)
			sig := signature(testSK, stringToSign(r.Header.Get("X-Sdk-Date"), canonicalRequest(r, []string{"host"}, nil)))
			r.Header.Set("Authorization", algorithm+" Access="+testAK+", SignedHeaders=host, Signature="+sig)
			return r
		}, 401, codeAuth},
		{"x-project-id differs from url", signed("GET", tr, "", signSpec{project: projB}), 403, codeProjectMismatch},
		{"unknown path", raw("GET", "/v2/"+projA+"/groups", "", tokenA), 404, codeNoAPI},
		{"get on log-dump", raw("GET", dumpPath, "", tokenA), 404, codeNoAPI},
		{"commit fails", func(t *testing.T, f *fixture) *http.Request {
			f.commitErr = errTest
			return tokenReq("POST", tr, jsonBody(t, createOK), tokenA)
		}, 500, codeInternal},
	}
}

// dumpCases: the old API, §4.
func dumpCases() []errorCase {
	const dump = dumpPath
	dumpOK := dumpCreate(groupApp, streamApp3, "lts-test")
	return []errorCase{
		{"dump not json", raw("POST", dump, "{not json", tokenA), 400, codeNotJSON},
		{"dump group id too short", body("POST", dump, with(dumpOK, "log_group_id", "short")), 400, codeValidation},
		{"dump no streams", body("POST", dump, with(dumpOK, "log_stream_ids", []any{})), 400, codeValidation},
		{"dump bucket too short", body("POST", dump, with(dumpOK, "obs_bucket_name", "ab")), 400, codeValidation},
		{"dump missing type", body("POST", dump, with(dumpOK, "type", remove)), 400, codeValidation},
		{"dump missing period", body("POST", dump, with(dumpOK, "period", remove)), 400, codeValidation},
		{"dump switch_on not boolean", body("POST", dump, with(dumpOK, "switch_on", "maybe")), 400, codeValidation},
		{"dump type realTime", body("POST", dump, with(dumpOK, "type", "realTime")), 400, codeNotInList},
		{"dump storage format XML", body("POST", dump, with(dumpOK, "storage_format", "XML")), 400, codeNotInList},
		{"dump period 4min", body("POST", dump, with(dumpOK, "period", 4)), 400, codeNotInList},
		{"dump period unit day", body("POST", dump, with(dumpOK, "period_unit", "day")), 400, codeNotInList},
		{"dump prefix too long", body("POST", dump, with(dumpOK, "prefix_name", strings.Repeat("p", 65))), 400, codeBadPrefix},
		{"dump dir prefix too long", body("POST", dump, with(dumpOK, "dir_prefix_name", strings.Repeat("d", 65))), 400, codeBadPrefix},
		{"dump unknown group", body("POST", dump, with(dumpOK, "log_group_id", groupNone)), 400, codeGroupNotFound},
		{"dump stream of another group", body("POST", dump, with(dumpOK, "log_stream_ids", []any{streamOther})), 400, codeStreamNotFound},
		{"dump unknown bucket", body("POST", dump, with(dumpOK, "obs_bucket_name", "no-such-bucket")), 400, codeNoBucket},
		{"dump stream already transferred", body("POST", dump, with(dumpOK, "log_stream_ids", []any{streamApp1})), 400, codeStreamTaken},
	}
}

// createCases: CreateTransfer, §5 and §6.
func createCases() []errorCase {
	const tr = trPath
	createOK := obsCreate(groupApp, streamApp3, "lts-test")
	disCreate := with(with(with(createOK, "log_transfer_info.log_transfer_type", "DIS"),
		"log_transfer_info.log_transfer_mode", "realTime"),
		"log_transfer_info.log_transfer_detail", obj{"obs_period": 0, "obs_period_unit": "", "obs_bucket_name": ""})
	return []errorCase{
		{"create not json", raw("POST", tr, `{"log_group_id":`, tokenA), 400, codeNotJSON},
		{"create array body", raw("POST", tr, `[]`, tokenA), 400, codeValidation},
		{"create missing info", body("POST", tr, with(createOK, "log_transfer_info", remove)), 400, codeValidation},
		{"create null detail", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_detail", nil)), 400, codeValidation},
		{"create stream id wrong type", body("POST", tr, with(createOK, "log_streams", []any{obj{"log_stream_id": 7}})), 400, codeValidation},
		{"create type S3", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_type", "S3")), 400, codeNotInList},
		{"create OBS in realTime mode", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_mode", "realTime")), 400, codeNotInList},
		{"create DIS in cycle mode", body("POST", tr, with(disCreate, "log_transfer_info.log_transfer_mode", "cycle")), 400, codeNotInList},
		{"create DMS as JSON", body("POST", tr, with(with(disCreate, "log_transfer_info.log_transfer_type", "DMS"), "log_transfer_info.log_storage_format", "JSON")), 400, codeNotInList},
		{"create status EXCEPTION", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_status", "EXCEPTION")), 400, codeNotInList},
		{"create period 7min", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_detail.obs_period", 7)), 400, codeNotInList},
		{"create period 2hour", body("POST", tr, with(with(createOK, "log_transfer_info.log_transfer_detail.obs_period", 2), "log_transfer_info.log_transfer_detail.obs_period_unit", "hour")), 400, codeNotInList},
		{"create DIS without dis_id", body("POST", tr, disCreate), 400, codeValidation},
		{"create time zone without id", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_detail.obs_time_zone", "UTC+01:00")), 400, codeValidation},
		{"create incomplete agency", body("POST", tr, with(createOK, "log_transfer_info.log_agency_transfer", obj{"agency_name": "a"})), 400, codeValidation},
		{"create tags missing hostIP", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_detail.tags", []any{"hostId"})), 400, codeValidation},
		{"create unknown group", body("POST", tr, with(createOK, "log_group_id", groupNone)), 400, codeGroupNotFound},
		{"create unknown stream", body("POST", tr, with(createOK, "log_streams", []any{obj{"log_stream_id": "cccccccc-0000-4000-8000-000000000001"}})), 400, codeStreamNotFound},
		{"create unknown bucket", body("POST", tr, with(createOK, "log_transfer_info.log_transfer_detail.obs_bucket_name", "no-such-bucket")), 400, codeNoBucket},
		{"create stream in another transfer", body("POST", tr, with(createOK, "log_streams", []any{obj{"log_stream_id": streamApp2}})), 400, codeStreamTaken},
	}
}

// updateDeleteListCases: UpdateTransfer, DeleteTransfer, ListTransfers, §5.
func updateDeleteListCases() []errorCase {
	const tr = trPath
	return []errorCase{
		{"update not json", raw("PUT", tr, "nope", tokenA), 400, codeNotJSON},
		{"update missing id", body("PUT", tr, with(updateReq(""), "log_transfer_id", remove)), 400, codeValidation},
		{"update unknown id", body("PUT", tr, updateReq("00000000-0000-4000-8000-000000000000")), 400, codeNoTransfer},
		{"update missing info", func(t *testing.T, f *fixture) *http.Request {
			return tokenReq("PUT", tr, jsonBody(t, with(updateReq(f.id(0)), "log_transfer_info", remove)), tokenA)
		}, 400, codeValidation},
		{"update bad status", update(func(b obj) obj { return with(b, "log_transfer_info.log_transfer_status", "PAUSED") }), 400, codeNotInList},
		{"update bad period", update(func(b obj) obj { return with(b, "log_transfer_info.log_transfer_detail.obs_period", 10) }), 400, codeNotInList},
		{"update unknown bucket", update(func(b obj) obj {
			return with(b, "log_transfer_info.log_transfer_detail.obs_bucket_name", "no-such-bucket")
		}), 400, codeNoBucket},
		{"update other group", update(func(b obj) obj { return with(b, "log_group_id", groupOther) }), 400, codeValidation},
		{"update stream of another transfer", update(func(b obj) obj {
			return with(b, "log_streams", []any{obj{"log_stream_id": streamApp1}, obj{"log_stream_id": streamApp2}})
		}), 400, codeStreamTaken},
		{"update stream not in group", update(func(b obj) obj {
			return with(b, "log_streams", []any{obj{"log_stream_id": streamOther}})
		}), 400, codeStreamNotFound},

		{"delete missing id", raw("DELETE", tr, "", tokenA), 400, codeValidation},
		{"delete unknown id", raw("DELETE", tr+"?log_transfer_id=00000000-0000-4000-8000-000000000000", "", tokenA), 400, codeNoTransfer},
		{"delete transfer of another project", func(t *testing.T, f *fixture) *http.Request {
			return tokenReq("DELETE", "/v2/"+projB+"/transfers?log_transfer_id="+f.id(0), "", tokenB)
		}, 400, codeNoTransfer},
		{"list bad transfer type", raw("GET", tr+"?log_transfer_type=S3", "", tokenA), 400, codeInvalidType},
	}
}

func checkEnvelope(t *testing.T, rid string, got errorBody) {
	t.Helper()
	if rid == "" {
		t.Error("no X-Request-Id header")
	}
	if got.Msg == "" {
		t.Error("empty error_msg")
	}
	if strings.HasPrefix(got.Code, "APIGW.") && got.RequestID != rid {
		t.Errorf("request_id %q, want the X-Request-Id %q", got.RequestID, rid)
	}
	if strings.Contains(got.Msg, testSK) {
		t.Error("error message leaks the secret key")
	}
}

type testError string

func (e testError) Error() string { return string(e) }

const errTest = testError("disk full")

func raw(method, target, b, token string) func(*testing.T, *fixture) *http.Request {
	return func(*testing.T, *fixture) *http.Request { return tokenReq(method, target, b, token) }
}

func body(method, target string, b obj) func(*testing.T, *fixture) *http.Request {
	return func(t *testing.T, _ *fixture) *http.Request { return tokenReq(method, target, jsonBody(t, b), tokenA) }
}

func signed(method, target, b string, spec signSpec) func(*testing.T, *fixture) *http.Request {
	return func(t *testing.T, _ *fixture) *http.Request { return signedReq(t, method, target, b, spec) }
}

// update builds a PUT of dump2 (the fixture's second transfer) changed by fn.
func update(fn func(obj) obj) func(*testing.T, *fixture) *http.Request {
	return func(t *testing.T, f *fixture) *http.Request {
		return tokenReq("PUT", "/v2/"+projA+"/transfers", jsonBody(t, fn(updateReq(f.id(1)))), tokenA)
	}
}
