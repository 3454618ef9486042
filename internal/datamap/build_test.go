package datamap

import (
	"testing"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// The team's settings change what the map says exactly as they change what
// the privacy rules say: a declared host is placed, an own host is internal.
func TestTeamSettings(t *testing.T) {
	cat, err := policy.PrivacyWith([]string{"../../examples/policies"})
	if err != nil {
		t.Fatal(err)
	}
	cat.OwnHosts = []string{"S3.Example-Corp.com"}
	siem := clsTask("siem", "ClientIP")
	siem.Type, siem.CLS = "custom_endpoint", nil
	siem.CustomEndpoint = &spec.CustomEndpoint{URL: "https://siem.example.com/in"}
	own := clsTask("own", "ClientIP")
	own.Type, own.CLS = "s3", nil
	own.S3 = &spec.S3Destination{Endpoint: "https://s3.example-corp.com", Region: "x", Bucket: "b"}
	m := Desired(&spec.Document{DeliveryTasks: []spec.DeliveryTask{siem, own}}, cat)
	got := map[string]Destination{}
	for _, d := range m.Destinations {
		got[d.Flows[0].Name] = d
	}
	if j := got["siem"].Jurisdiction; j.Code != "CN" || j.Side != "mainland" {
		t.Errorf("siem.example.com placed at %+v, want CN from examples/policies/privacy.json", j)
	}
	if got["own"].External || !got["siem"].External {
		t.Errorf("external: own %v, siem %v; want false, true", got["own"].External, got["siem"].External)
	}
	if m.Summary.External != 1 {
		t.Errorf("summary counts %d external flows, want 1", m.Summary.External)
	}
}

func TestHostOfNeverKeepsUserinfo(t *testing.T) {
	cases := map[string]string{
		"https://user:secret@Logs.Example.com:8443/in?token=x": "logs.example.com",
		"http://collector.example.org":                         "collector.example.org",
		"HTTPS://a.example.com#frag":                           "a.example.com",
		"ftp://user:secret@host":                               "",
		"${env:URL}":                                           "",
	}
	for in, want := range cases {
		if got := hostOf(in); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", in, got, want)
		}
	}
	d, _ := classifier{&policy.PrivacyCatalog{}}.endpointDest(&spec.CustomEndpoint{URL: "ftp://user:secret@host"})
	if d.Label != "HTTP endpoint (not an http(s) URL)" {
		t.Errorf("label %q", d.Label)
	}
	d, _ = classifier{&policy.PrivacyCatalog{}}.endpointDest(&spec.CustomEndpoint{URL: "https://${env:HOST}/in?key=literal"})
	if d.Label != "HTTP endpoint (host from the environment)" || d.Host != "" {
		t.Errorf("label %q host %q", d.Label, d.Host)
	}
}
