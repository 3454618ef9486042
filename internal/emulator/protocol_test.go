package emulator_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/logctl/logctl/internal/emulator"
)

// rawSign signs like the Go SDK does, for requests the SDK cannot be made
// to send (malformed headers, replays).
func rawSign(key, service, host, body string, ts int64) string {
	hm := func(k []byte, m string) []byte { h := hmac.New(sha256.New, k); h.Write([]byte(m)); return h.Sum(nil) }
	sum := func(s string) string { x := sha256.Sum256([]byte(s)); return hex.EncodeToString(x[:]) }
	date := time.Unix(ts, 0).UTC().Format("2006-01-02")
	cr := "POST\n/\n\ncontent-type:application/json\nhost:" + host + "\n\ncontent-type;host\n" + sum(body)
	sts := "TC3-HMAC-SHA256\n" + strconv.FormatInt(ts, 10) + "\n" + date + "/" + service + "/tc3_request\n" + sum(cr)
	k := hm(hm(hm([]byte("TC3"+key), date), service), "tc3_request")
	return hex.EncodeToString(hm(k, sts))
}

// raw posts a hand-built API 3.0 request and returns the Response object.
func (e *env) raw(t *testing.T, action, version, body string, hdr map[string]string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+"/", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", version)
	ts := time.Now().Unix()
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(ts, 10))
	sig := rawSign(emulator.DefaultTencentSecretKey, "teo", e.host(), body, ts)
	req.Header.Set("Authorization", fmt.Sprintf("TC3-HMAC-SHA256 Credential=%s/%s/teo/tc3_request, SignedHeaders=content-type;host, Signature=%s",
		emulator.DefaultTencentSecretID, time.Unix(ts, 0).UTC().Format("2006-01-02"), sig))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("raw %s: %v", action, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("raw %s: HTTP %d, want 200", action, resp.StatusCode)
	}
	var out struct{ Response map[string]any }
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("raw %s: %v: %s", action, err, b)
	}
	if out.Response["RequestId"] == nil {
		t.Errorf("raw %s: no RequestId in %s", action, b)
	}
	return out.Response
}

func errCode(resp map[string]any) string {
	return fmt.Sprint(obj(resp["Error"])["Code"])
}

func TestAuthAndEnvelopeErrors(t *testing.T) {
	creds := []byte("tencent: {AKIDCUSTOM: custom-key, AKIDTEMP: temp-key}\ntencentTokens: {AKIDTEMP: tok-1}\n")
	e := newEnv(t, emulator.Options{Credentials: creds})
	describe := `{"ZoneId":"zone-2z55fgysdtmc"}`
	send := func(c *common.Client, service, version, action string) error {
		_, err := e.callWith(c, service, version, action, describe)
		return err
	}
	def := e.client("", emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey)
	tests := []struct {
		name    string
		err     error
		want    string
		advance time.Duration
	}{
		{name: "default credentials", err: send(def, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks")},
		{name: "credentials file", err: send(e.client("", "AKIDCUSTOM", "custom-key"), "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks")},
		{name: "wrong secret key", err: send(e.client("", emulator.DefaultTencentSecretID, "nope"), "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"), want: "AuthFailure.SignatureFailure"},
		{name: "unknown SecretId", err: send(e.client("", "AKIDUNKNOWN", "x"), "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"), want: "AuthFailure.SecretIdNotFound"},
		{name: "not an API key", err: send(e.client("", "SOMEUSER", "x"), "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"), want: "AuthFailure.InvalidSecretId"},
		{name: "temporary key with token", err: func() error {
			c := common.NewCommonClient(common.NewTokenCredential("AKIDTEMP", "temp-key", "tok-1"), "", e.profile())
			return send(c, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks")
		}()},
		{name: "temporary key with a wrong token", err: func() error {
			c := common.NewCommonClient(common.NewTokenCredential("AKIDTEMP", "temp-key", "tok-2"), "", e.profile())
			return send(c, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks")
		}(), want: "AuthFailure.TokenFailure"},
		{name: "unknown action", err: send(def, "teo", "2022-09-01", "DescribeNothing"), want: "InvalidAction"},
		{name: "wrong version", err: send(def, "teo", "2019-01-01", "DescribeRealtimeLogDeliveryTasks"), want: "NoSuchVersion"},
		{name: "action absent from the legacy version", err: send(def, "teo", "2022-01-06", "DescribeRealtimeLogDeliveryTasks"), want: "InvalidAction"},
		{name: "cls version on teo", err: send(def, "cls", "2022-09-01", "DescribeExports"), want: "NoSuchVersion"},
		{name: "unknown product", err: send(def, "cvm", "2017-03-12", "DescribeInstances"), want: "NoSuchProduct"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.err, tc.want) })
	}

	t.Run("clock skew over 5 minutes", func(t *testing.T) {
		e.clock.Advance(6 * time.Minute)
		defer e.clock.Advance(-6 * time.Minute)
		wantCode(t, send(def, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"), "AuthFailure.SignatureExpire")
	})
	t.Run("clock skew under 5 minutes", func(t *testing.T) {
		e.clock.Advance(-4 * time.Minute)
		defer e.clock.Advance(4 * time.Minute)
		wantCode(t, send(def, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks"), "")
	})
	t.Run("malformed Authorization", func(t *testing.T) {
		for _, h := range []string{"", "TC3-HMAC-SHA256 garbage", "HMAC-SHA1 Credential=x"} {
			r := e.raw(t, "DescribeRealtimeLogDeliveryTasks", "2022-09-01", describe, map[string]string{"Authorization": h})
			if got := errCode(r); got != "AuthFailure.InvalidAuthorization" {
				t.Errorf("Authorization %q: code %s", h, got)
			}
		}
	})
	t.Run("SignedHeaders without host", func(t *testing.T) {
		r := e.raw(t, "DescribeRealtimeLogDeliveryTasks", "2022-09-01", describe, map[string]string{
			"Authorization": "TC3-HMAC-SHA256 Credential=AKIDLOGCTLEMULATOR/2026-01-01/teo/tc3_request, SignedHeaders=content-type, Signature=" + fmt.Sprintf("%064d", 0)})
		if got := errCode(r); got != "AuthFailure.InvalidAuthorization" {
			t.Errorf("code %s", got)
		}
	})
	t.Run("body changed after signing", func(t *testing.T) {
		body := describe
		ts := time.Now().Unix()
		sig := rawSign(emulator.DefaultTencentSecretKey, "teo", e.host(), body, ts)
		r := e.raw(t, "DescribeRealtimeLogDeliveryTasks", "2022-09-01", `{"ZoneId":"zone-2mzegj4vln5f"}`, map[string]string{
			"X-TC-Timestamp": strconv.FormatInt(ts, 10),
			"Authorization": fmt.Sprintf("TC3-HMAC-SHA256 Credential=AKIDLOGCTLEMULATOR/%s/teo/tc3_request, SignedHeaders=content-type;host, Signature=%s",
				time.Unix(ts, 0).UTC().Format("2006-01-02"), sig)})
		if got := errCode(r); got != "AuthFailure.SignatureFailure" {
			t.Errorf("code %s", got)
		}
	})
	t.Run("byte-identical replay is accepted", func(t *testing.T) {
		r1 := e.raw(t, "DescribeRealtimeLogDeliveryTasks", "2022-09-01", describe, nil)
		r2 := e.raw(t, "DescribeRealtimeLogDeliveryTasks", "2022-09-01", describe, nil)
		if r1["Error"] != nil || r2["Error"] != nil {
			t.Errorf("replay refused: %v / %v", r1, r2)
		}
		if r1["RequestId"] == r2["RequestId"] {
			t.Errorf("two answers share RequestId %v", r1["RequestId"])
		}
	})
	t.Run("parameters are matched exactly", func(t *testing.T) {
		_, err := e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", `{"zoneId":"zone-2z55fgysdtmc"}`)
		wantCode(t, err, "UnknownParameter")
		_, err = e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", `{"ZoneId":"zone-2z55fgysdtmc","Limit":"10"}`)
		wantCode(t, err, "InvalidParameter")
		_, err = e.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", `{}`)
		wantCode(t, err, "MissingParameter")
	})
	t.Run("unknown parameters ignored when allowed", func(t *testing.T) {
		e2 := newEnv(t, emulator.Options{AllowUnknownParameters: true})
		_, err := e2.call("teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", `{"ZoneId":"zone-2z55fgysdtmc","Extra":1}`)
		wantCode(t, err, "")
	})
}

func TestRateLimits(t *testing.T) {
	e := newEnv(t, emulator.Options{})
	// With the clock stopped no bucket refills during a burst, so exactly
	// the quota passes however slowly the machine runs the calls.
	e.clock.Freeze()
	burst := func(service, version, action, region, params string, n int) (ok, throttled int) {
		c := e.client(region, emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := e.callWith(c, service, version, action, params)
				mu.Lock()
				defer mu.Unlock()
				switch code(err) {
				case "":
					ok++
				case "RequestLimitExceeded":
					throttled++
				default:
					t.Errorf("%s: %v", action, err)
				}
			}()
		}
		wg.Wait()
		return ok, throttled
	}
	dl := `{"StartTime":"2020-01-01T00:00:00Z","EndTime":"2020-01-01T01:00:00Z","ZoneIds":["zone-2z55fgysdtmc"]}`
	for _, tc := range []struct {
		service, version, action, region, params string
		quota                                    int
	}{
		{"teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", "", `{"ZoneId":"zone-2z55fgysdtmc"}`, 20},
		{"cls", "2020-10-16", "DescribeExports", "ap-guangzhou", `{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e"}`, 20},
		{"teo", "2022-09-01", "DownloadL7Logs", "", dl, 100},
		{"teo", "2022-09-01", "DownloadL4Logs", "", dl, 100},
		{"teo", "2022-01-06", "DownloadL7Logs", "", `{"StartTime":"2020-01-01T00:00:00Z","EndTime":"2020-01-01T01:00:00Z","PageNo":1,"PageSize":10}`, 20},
	} {
		t.Run(tc.action+"@"+tc.version, func(t *testing.T) {
			n := tc.quota + tc.quota/2
			ok, throttled := burst(tc.service, tc.version, tc.action, tc.region, tc.params, n)
			if ok != tc.quota || throttled != n-tc.quota {
				t.Errorf("%d calls: %d ok, %d RequestLimitExceeded; want %d ok and %d throttled", n, ok, throttled, tc.quota, n-tc.quota)
			}
		})
	}
	t.Run("SDK retry after throttling succeeds", func(t *testing.T) {
		if _, th := burst("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", `{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e"}`, 25); th == 0 {
			t.Fatal("the quota was not drained")
		}
		// Time runs again from the drained bucket: only waiting refills it.
		e.clock.Thaw()
		prof := profile.NewClientProfile()
		prof.HttpProfile.Endpoint = e.host()
		prof.HttpProfile.Scheme = "HTTP"
		prof.RateLimitExceededMaxRetries = 3
		prof.RateLimitExceededRetryDuration = func(int) time.Duration { return 300 * time.Millisecond }
		c := common.NewCommonClient(common.NewCredential(emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey), "ap-guangzhou", prof)
		_, err := e.callWith(c, "cls", "2020-10-16", "DescribeExports", `{"TopicId":"ee20bb16-3025-4048-b81a-dd436373062e"}`)
		wantCode(t, err, "")
	})
	t.Run("no limits when turned off", func(t *testing.T) {
		e := newEnv(t, emulator.Options{NoRateLimits: true})
		c := e.client("", emulator.DefaultTencentSecretID, emulator.DefaultTencentSecretKey)
		for i := 0; i < 60; i++ {
			if _, err := e.callWith(c, "teo", "2022-09-01", "DescribeRealtimeLogDeliveryTasks", `{"ZoneId":"zone-2z55fgysdtmc"}`); err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
		}
	})
}
