package tencent

import (
	"fmt"
	"strings"
)

// Tencent Cloud runs two sites with separate accounts: China
// (tencentcloud.com's Chinese console, hosts <service>.tencentcloudapi.com)
// and International (hosts <service>.intl.tencentcloudapi.com; the teo and
// cls API docs of the international site name teo.intl.tencentcloudapi.com
// and cls.intl.tencentcloudapi.com: tencentcloud-api3.md §1,
// edgeone-logs.md, cls-export.md).
const (
	SiteChina = "china"
	SiteIntl  = "intl"
)

// Site variables: LOGCTL_TENCENT_SITE wins over TENCENTCLOUD_SITE.
const (
	EnvSite       = "LOGCTL_TENCENT_SITE"
	EnvSiteVendor = "TENCENTCLOUD_SITE"
)

// ResolveSite picks the site: the repository's defaults.tencent.site when
// set, else the site variables, else China. An unknown value is an error
// that names where it came from.
func ResolveSite(fromFiles string, getenv func(string) string) (string, error) {
	from, v := "defaults.tencent.site", strings.TrimSpace(fromFiles)
	for _, name := range []string{EnvSite, EnvSiteVendor} {
		if v != "" || getenv == nil {
			break
		}
		from, v = name, strings.TrimSpace(getenv(name))
	}
	switch strings.ToLower(v) {
	case "", SiteChina:
		return SiteChina, nil
	case SiteIntl:
		return SiteIntl, nil
	}
	return "", fmt.Errorf("%s %q is not %s or %s", from, v, SiteChina, SiteIntl)
}
