package policy

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// PrivacyCatalog is the classification the privacy.* rules use, read from
// the literal `catalog` of builtin/privacy_catalog.rego: the one place that
// says which fields are personal and where regions are, shared by the Rego
// rules and `logctl map`.
type PrivacyCatalog struct {
	// PersonalFields maps a predefined field name to why it is personal.
	PersonalFields map[string]string `json:"personalFields"`
	// PersonalCustomFields maps a custom field kind (ReqHeader, Cookie, …)
	// to lower-case values, or "*" for all, and why they are personal.
	PersonalCustomFields map[string]map[string]string `json:"personalCustomFields"`
	// Regions maps a cloud ("tencent", "huawei", "aws") and region id to an
	// ISO 3166 country code.
	Regions map[string]map[string]string `json:"regions"`
	// S3Clouds maps an S3 endpoint host suffix to the cloud of Regions.
	S3Clouds map[string]string `json:"s3Clouds"`
	// OwnS3Suffixes are S3 hosts of the account's own cloud (Tencent COS).
	OwnS3Suffixes []string `json:"ownS3Suffixes"`

	// The team's settings from data.logctl.privacy (PrivacyWith): hosts
	// that are the team's own, and where endpoint hosts are.
	OwnHosts          []string          `json:"-"`
	HostJurisdictions map[string]string `json:"-"`
}

const privacyCatalogFile = "builtin/privacy_catalog.rego"

var privacyCatalog = sync.OnceValues(loadPrivacyCatalog)

// Privacy returns the built-in privacy catalog. It is parsed once.
func Privacy() (*PrivacyCatalog, error) { return privacyCatalog() }

func loadPrivacyCatalog() (*PrivacyCatalog, error) {
	src, err := builtinFS.ReadFile(privacyCatalogFile)
	if err != nil {
		return nil, fmt.Errorf("read privacy catalog: %w", err)
	}
	m, err := ast.ParseModuleWithOpts(builtinPrefix+"privacy_catalog.rego", string(src), parserOptions())
	if err != nil {
		return nil, fmt.Errorf("parse privacy catalog: %w", err)
	}
	for _, r := range m.Rules {
		if r.Head.Name.String() != "catalog" || r.Head.Value == nil {
			continue
		}
		v, err := ast.JSON(r.Head.Value.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: catalog must be a literal: %w", privacyCatalogFile, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		var c PrivacyCatalog
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", privacyCatalogFile, err)
		}
		return &c, nil
	}
	return nil, fmt.Errorf("%s: no catalog rule", privacyCatalogFile)
}

// PrivacyWith returns the built-in catalog with the team's settings read
// from the data files of the --policy directories (data.logctl.privacy
// ownHosts and hostJurisdictions), as the privacy.* rules see them.
func PrivacyWith(dirs []string) (*PrivacyCatalog, error) {
	base, err := Privacy()
	if err != nil {
		return nil, err
	}
	c := *base
	if len(dirs) == 0 {
		return &c, nil
	}
	set, err := loadPolicies(dirs, false)
	if err != nil {
		return nil, err
	}
	logctl, _ := set.data["logctl"].(map[string]any)
	team, _ := logctl["privacy"].(map[string]any)
	b, err := json.Marshal(team)
	if err != nil {
		return nil, err
	}
	var settings struct {
		OwnHosts          []string          `json:"ownHosts"`
		HostJurisdictions map[string]string `json:"hostJurisdictions"`
	}
	if err := json.Unmarshal(b, &settings); err != nil {
		return nil, fmt.Errorf("data.logctl.privacy: %w", err)
	}
	c.OwnHosts, c.HostJurisdictions = settings.OwnHosts, settings.HostJurisdictions
	return &c, nil
}
