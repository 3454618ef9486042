package adopt

import (
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// TestHeaderSecrets: every header value is a secret unless its name is on
// spec's short list of harmless headers; names that merely look harmless
// (X-Sig, X-Auth) are secrets too.
func TestHeaderSecrets(t *testing.T) {
	for _, tc := range []struct {
		header, value string
		secret        bool
		env           string // variable holding a secret value
	}{
		{"X-Access-Key", "ak-1", true, "A_HEADER_X_ACCESS_KEY"},
		{"Ocp-Apim-Subscription-Key", "sub-2", true, "A_HEADER_OCP_APIM_SUBSCRIPTION_KEY"},
		{"X-Functions-Key", "fn-3", true, "A_HEADER_X_FUNCTIONS_KEY"},
		{"X-Auth", "auth-4", true, "A_HEADER_X_AUTH"},
		{"X-Sig", "sig-5", true, "A_HEADER_X_SIG"},
		{"X-Passwd", "pw-6", true, "A_HEADER_X_PASSWD"},
		{"Authorization", "Bearer tok-7", true, "A_HEADER_AUTHORIZATION"},
		{"X-Tenant", "tenant-8", true, "A_HEADER_X_TENANT"},
		{"Content-Type", "application/json", false, ""},
		{"content-type", "text/plain", false, ""},
		{"Vendor", "EdgeOne", false, ""},
		{"User-Agent", "edge/1.0", false, ""},
	} {
		t.Run(tc.header, func(t *testing.T) {
			res := Build(liveWithHeaders(spec.Header{Name: tc.header, Value: tc.value}))
			h := res.Files["edgeone-z1.yaml"].DeliveryTasks[0].CustomEndpoint.Headers[0]
			b, err := spec.Encode(res.Files["edgeone-z1.yaml"])
			if err != nil {
				t.Fatal(err)
			}
			if !tc.secret {
				if h.Secret || h.Value != tc.value || len(res.Secrets) != 0 {
					t.Errorf("harmless header hidden: %+v, secrets %v", h, res.Secrets)
				}
				return
			}
			if strings.Contains(string(b), tc.value) {
				t.Errorf("the file holds the secret %q:\n%s", tc.value, b)
			}
			if !h.Secret || h.Value != "${env:"+tc.env+"}" {
				t.Errorf("header = %+v, want secret ${env:%s}", h, tc.env)
			}
			if v, ok := res.Lookup(tc.env); !ok || v != tc.value {
				t.Errorf("Lookup(%s) = %q, %v", tc.env, v, ok)
			}
		})
	}
}

// TestHeaderNamesNeverCollide: header names that differ only in case or
// punctuation derive the same variable name; each still gets a variable of
// its own, whatever the values.
func TestHeaderNamesNeverCollide(t *testing.T) {
	res := Build(liveWithHeaders(
		spec.Header{Name: "X-Auth", Value: "one"},
		spec.Header{Name: "x_auth", Value: "two"},
		spec.Header{Name: "X.Auth", Value: "one"},
	))
	hs := res.Files["edgeone-z1.yaml"].DeliveryTasks[0].CustomEndpoint.Headers
	got := []string{hs[0].Value, hs[1].Value, hs[2].Value}
	want := []string{"${env:A_HEADER_X_AUTH}", "${env:A_HEADER_X_AUTH_2}", "${env:A_HEADER_X_AUTH_3}"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references = %v, want %v", got, want)
	}
	for i, v := range []string{"one", "two", "one"} {
		name := strings.TrimSuffix(strings.TrimPrefix(want[i], "${env:"), "}")
		if got, ok := res.Lookup(name); !ok || got != v {
			t.Errorf("Lookup(%s) = %q, %v; want %q", name, got, ok, v)
		}
	}
	if len(res.Secrets) != 3 {
		t.Errorf("secrets = %v, want three variables", res.Secrets)
	}
}

// TestImportRoundTripsOddValues: empty header values and values holding
// "${" (written with the $${ escape) import and plan to zero changes.
func TestImportRoundTripsOddValues(t *testing.T) {
	live := liveWithHeaders(
		spec.Header{Name: "Vendor", Value: ""},
		spec.Header{Name: "X-Token", Value: ""},
		spec.Header{Name: "User-Agent", Value: "${env:NOT_A_REF} $${x} ${batchSize}"},
		spec.Header{Name: "X-Raw", Value: "${env:KEPT}"},
	)
	live.DeliveryTasks[0].Task.CustomEndpoint.URL = "https://x/${env:PATH}"
	res := Build(live)
	f := res.Files["edgeone-z1.yaml"]
	b, err := spec.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := spec.ParseBytes("edgeone-z1.yaml", b)
	if diags.HasErrors() {
		t.Fatalf("the imported file does not load: %v\n%s", diags.Err(), b)
	}
	resolved, rdiags := doc.Resolve(res.Lookup)
	if rdiags.HasErrors() {
		t.Fatalf("resolve: %v", rdiags.Err())
	}
	if p := diff.Compute(resolved, doc, live); p.HasChanges() || len(p.Unmanaged) > 0 {
		t.Errorf("the imported file plans changes: %+v\n%s", p.Changes, b)
	}
	if got := resolved.DeliveryTasks[0].CustomEndpoint.Headers[2].Value; got != "${env:NOT_A_REF} $${x} ${batchSize}" {
		t.Errorf("escaped value resolves to %q", got)
	}
}

func liveWithHeaders(hs ...spec.Header) *diff.Live {
	return &diff.Live{DeliveryTasks: []diff.LiveTask{{ID: "1", Task: spec.DeliveryTask{
		Name: "a", ZoneID: "z1", Type: "custom_endpoint", LogType: "l7-access-logs", Area: "mainland",
		Entities: []string{"a.example.com"}, Fields: []string{"RequestID"},
		CustomEndpoint: &spec.CustomEndpoint{URL: "https://x", Headers: hs},
	}}}}
}
