package datamap

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// classifier answers the catalog's questions: is a field personal, where is
// a region, whose is an S3 host.
type classifier struct{ cat *policy.PrivacyCatalog }

func (c classifier) field(name string) Field {
	return Field{Name: name, Personal: c.cat.PersonalFields[name]}
}

// custom classifies a custom field; header names compare case-insensitively
// (HTTP header names are), cookie names and body patterns match "*".
func (c classifier) custom(cf spec.CustomField) Field {
	f := Field{Name: cf.Value, Capture: cf.Name}
	byValue := c.cat.PersonalCustomFields[cf.Name]
	if why, ok := byValue[strings.ToLower(cf.Value)]; ok {
		f.Personal = why
	} else if why, ok := byValue["*"]; ok {
		f.Personal = why
	}
	return f
}

// region places a region of a cloud ("tencent", "huawei", "aws"); what
// names the region in basis ("CLS region").
func (c classifier) region(cloud, region, what string) Jurisdiction {
	code, ok := c.cat.Regions[cloud][region]
	if !ok || region == "" {
		return Jurisdiction{Code: Unknown, Side: Unknown, Basis: fmt.Sprintf("%s %q is not in the privacy catalog", what, region)}
	}
	return Jurisdiction{Code: code, Side: side(code), Basis: fmt.Sprintf("%s %s", what, region)}
}

func side(code string) string {
	if code == "CN" {
		return "mainland"
	}
	return "overseas"
}

// areaJurisdiction places the traffic of an EdgeOne area (teo 2022-09-01
// Area: mainland = mainland China, overseas = global excluding it).
func areaJurisdiction(area string) Jurisdiction {
	switch area {
	case "mainland":
		return Jurisdiction{Code: "CN", Side: "mainland", Basis: "EdgeOne area mainland"}
	case "overseas":
		return Jurisdiction{Code: "non-CN", Side: "overseas", Basis: "EdgeOne area overseas (outside mainland China)"}
	}
	return Jurisdiction{Code: Unknown, Side: Unknown, Basis: fmt.Sprintf("EdgeOne area %q is not mainland or overseas", area)}
}

// s3Cloud names the cloud of an S3 endpoint host by suffix, or "".
func (c classifier) s3Cloud(host string) string {
	best := ""
	cloud := ""
	for suffix, cl := range c.cat.S3Clouds {
		if under(host, suffix) && len(suffix) > len(best) {
			best, cloud = suffix, cl
		}
	}
	return cloud
}

func (c classifier) ownS3(host string) bool {
	for _, s := range c.cat.OwnS3Suffixes {
		if under(host, s) {
			return true
		}
	}
	return false
}

func under(host, suffix string) bool {
	return host == suffix || strings.HasSuffix(host, "."+suffix)
}

// operators names the company behind each cloud of the catalog.
var operators = map[string]string{
	"tencent": "Tencent Cloud",
	"huawei":  "Huawei Cloud",
	"aws":     "Amazon Web Services",
}

func unknownPlace(basis string) Jurisdiction {
	return Jurisdiction{Code: Unknown, Side: Unknown, Basis: basis}
}

// hostJurisdiction is where the team says an endpoint host is.
func (c classifier) hostJurisdiction(host string) (string, bool) {
	code, ok := c.cat.HostJurisdictions[host]
	if !ok || code == "" || code == Unknown {
		return "", false
	}
	return code, true
}

// markOwn makes a destination on one of the team's own hosts internal.
func (c classifier) markOwn(d *Destination) {
	for _, h := range c.cat.OwnHosts {
		if d.Host != "" && strings.EqualFold(h, d.Host) {
			d.External = false
			d.Operator = "the team's own (data.logctl.privacy.ownHosts)"
		}
	}
}
