package huawei

import (
	"net"
	"net/http"
	"strings"
)

// endpointRegion is the region an LTS request was addressed to, read from
// its Host: lts.<region>.myhuaweicloud.com (lts.eu-west-101.myhuaweicloud.eu
// in Europe, huawei-lts-transfer.md §1). The real service knows its region
// from the endpoint it runs at; the emulator serves every region on one
// address, so a client reaching it through an endpoint override keeps the
// vendor host in the Host header (as with curl --resolve) and the emulator
// reads the region there. Any other Host (a bare 127.0.0.1:8787) names no
// region: "" and the check does not apply.
func endpointRegion(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	for _, domain := range []string{".myhuaweicloud.com", ".myhuaweicloud.eu"} {
		if rest, ok := strings.CutSuffix(host, domain); ok {
			if region, ok := strings.CutPrefix(rest, "lts."); ok && region != "" && !strings.Contains(region, ".") {
				return region
			}
		}
	}
	return ""
}

// checkRegion refuses a call whose project belongs to another region than
// the endpoint's: for real, another region's project id sent to
// lts.<region>.myhuaweicloud.com is not a project of that region. Which code
// the service answers is UNCONFIRMED; 403 LTS.0011 (project id does not
// match, §7) is the closest documented one.
func checkRegion(r *http.Request, p *Project) *apiError {
	region := endpointRegion(r.Host)
	if region == "" || p.Region == "" || region == p.Region {
		return nil
	}
	return newErr(http.StatusForbidden, codeProjectMismatch,
		"Invalid project id: project %s belongs to region %s, not to this endpoint's region %s", p.ID, p.Region, region)
}
