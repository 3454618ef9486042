package adopt

import (
	"strings"
	"testing"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

func TestEnvName(t *testing.T) {
	for _, tc := range []struct{ task, field, want string }{
		{"security-to-siem", "customEndpoint.accessKey", "SECURITY_TO_SIEM_CUSTOMENDPOINT_ACCESSKEY"},
		{"l4_to_s3", "s3.accessId", "L4_TO_S3_S3_ACCESSID"},
		{"9lives", "header.X-Api-Key", "LOGCTL_9LIVES_HEADER_X_API_KEY"},
	} {
		if got := envName(tc.task, tc.field); got != tc.want {
			t.Errorf("envName(%q, %q) = %q, want %q", tc.task, tc.field, got, tc.want)
		}
	}
}

func TestBuildKeepsSecretsOutOfTheFiles(t *testing.T) {
	live := &diff.Live{DeliveryTasks: []diff.LiveTask{
		{ID: "1", Task: spec.DeliveryTask{Name: "a", ZoneID: "z1", Type: "custom_endpoint", CustomEndpoint: &spec.CustomEndpoint{
			URL: "https://x", AccessKey: "k-secret", Headers: []spec.Header{{Name: "Vendor", Value: "EdgeOne"}, {Name: "X-Api-Key", Value: "h-secret"}}}}},
		// Same name in another zone, another key: the variable names must not collide.
		{ID: "2", Task: spec.DeliveryTask{Name: "a", ZoneID: "z2", Type: "s3", S3: &spec.S3Destination{AccessID: "id", AccessKey: "k2-secret"}}},
	}}
	res := Build(live)
	for name, f := range res.Files {
		b, err := spec.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"k-secret", "h-secret", "k2-secret"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s holds secret %q:\n%s", name, secret, b)
			}
		}
	}
	want := map[string]string{"A_CUSTOMENDPOINT_ACCESSKEY": "k-secret", "A_HEADER_X_API_KEY": "h-secret", "A_S3_ACCESSKEY": "k2-secret", "A_S3_ACCESSID": "id"}
	for name, value := range want {
		if got, ok := res.Lookup(name); !ok || got != value {
			t.Errorf("Lookup(%s) = %q, %v", name, got, ok)
		}
	}
	vendor := res.Files["edgeone-z1.yaml"].DeliveryTasks[0].CustomEndpoint.Headers[0]
	if vendor.Value != "EdgeOne" || vendor.Secret {
		t.Errorf("a plain header was hidden: %+v", vendor)
	}
	if len(res.Files["edgeone-z2.yaml"].Scopes) != 1 {
		t.Errorf("no scope for the imported zone")
	}
}
