// Package semantics names the readings of undocumented vendor behaviour that
// the emulator can switch between. The default (the zero Semantics) is the
// reading the emulator was first built on; each switch turns on the other
// plausible reading, so logctl can be proven correct under both.
//
// The readings come from ../shared/reference/ (marked UNCONFIRMED there) and
// the vendors' SDK model texts; each field's comment names the behaviour.
package semantics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// EnvVar is the environment variable that turns switches on in --emulator
// sessions (the in-process emulator); its value has the --semantics syntax.
const EnvVar = "LOGCTL_EMULATOR_SEMANTICS"

// Semantics is the set of switched readings. The zero value is the default.
type Semantics struct {
	// ModifyKeepsOmitted: teo ModifyRealtimeLogDeliveryTask keeps every field
	// the request omits (LogFormat, DeliveryConditions, CustomFields, the
	// destination's members); the LTS transfer update keeps omitted detail
	// fields. Default: omitted fields are reset to their defaults.
	ModifyKeepsOmitted bool
	// AsyncDelete: a deleted task is still listed (status "deleting") and
	// still holds its uniqueness slot for this long. 0: deletes are immediate.
	AsyncDelete time.Duration
	// DescribeLag: Describe/List reflect a create, modify or delete only this
	// long after it. 0: reads are immediately consistent.
	DescribeLag time.Duration
	// NotFoundPlain: Delete/Modify of an unknown task answer plain
	// FailedOperation instead of FailedOperation.RealtimeLogNotFound.
	NotFoundPlain bool
	// MaskSecrets: Describe returns AccessId/AccessKey masked ("******").
	MaskSecrets bool
	// LTSPage: ListTransfers returns at most this many transfers per call and
	// honours offset/limit. 0: one call returns every transfer.
	LTSPage int
	// L7LegacyPageZero: legacy DownloadL7Logs (2022-01-06) pages count from 0.
	L7LegacyPageZero bool
	// L4SizeOriginal: the Size of an L4 offline package is its uncompressed
	// size. Default: the compressed size.
	L4SizeOriginal bool
	// RefuseLegacyLogTypes: Create refuses domain and web-* log types with
	// InvalidParameter.RealtimeLogInvalidLogType.
	RefuseLegacyLogTypes bool
	// StrictFields: Create/Modify refuse field names outside the known
	// catalog with InvalidParameterValue.
	StrictFields bool
}

// All is every switch on, with the durations and page size of "all".
func All() Semantics {
	return Semantics{
		ModifyKeepsOmitted:   true,
		AsyncDelete:          3 * time.Second,
		DescribeLag:          2 * time.Second,
		NotFoundPlain:        true,
		MaskSecrets:          true,
		LTSPage:              100,
		L7LegacyPageZero:     true,
		L4SizeOriginal:       true,
		RefuseLegacyLogTypes: true,
		StrictFields:         true,
	}
}

// Names lists the switch names --semantics accepts, for --help and errors.
func Names() []string {
	return []string{
		"modify-keeps-omitted", "async-delete=DUR", "describe-lag=DUR",
		"not-found-plain", "mask-secrets", "lts-page=N", "l7-legacy-page-zero",
		"l4-size-original", "refuse-legacy-logtypes", "strict-fields", "all",
	}
}

// Parse reads a comma-separated list of switch names ("" is the default).
// A later switch overrides an earlier one, so "all,lts-page=5" works.
func Parse(s string) (Semantics, error) {
	var sem Semantics
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, val, hasVal := strings.Cut(item, "=")
		if err := sem.set(name, val, hasVal); err != nil {
			return Semantics{}, fmt.Errorf("semantics %q: %w (known: %s)", item, err, strings.Join(Names(), ", "))
		}
	}
	return sem, nil
}

func (s *Semantics) set(name, val string, hasVal bool) error {
	flags := map[string]*bool{
		"modify-keeps-omitted": &s.ModifyKeepsOmitted, "not-found-plain": &s.NotFoundPlain,
		"mask-secrets": &s.MaskSecrets, "l7-legacy-page-zero": &s.L7LegacyPageZero,
		"l4-size-original": &s.L4SizeOriginal, "refuse-legacy-logtypes": &s.RefuseLegacyLogTypes,
		"strict-fields": &s.StrictFields,
	}
	if p, ok := flags[name]; ok {
		if hasVal {
			return fmt.Errorf("%s takes no value", name)
		}
		*p = true
		return nil
	}
	switch name {
	case "all":
		if hasVal {
			return fmt.Errorf("all takes no value")
		}
		*s = All()
		return nil
	case "async-delete", "describe-lag":
		if !hasVal {
			return fmt.Errorf("%s needs a duration, as in %s=3s", name, name)
		}
		d, err := time.ParseDuration(val)
		if err != nil || d <= 0 {
			return fmt.Errorf("%s needs a positive duration, as in %s=3s", name, name)
		}
		if name == "async-delete" {
			s.AsyncDelete = d
		} else {
			s.DescribeLag = d
		}
		return nil
	case "lts-page":
		n, err := strconv.Atoi(val)
		if !hasVal || err != nil || n <= 0 {
			return fmt.Errorf("lts-page needs a positive page size, as in lts-page=100")
		}
		s.LTSPage = n
		return nil
	}
	return fmt.Errorf("unknown switch")
}

// String is the canonical --semantics form of s ("" for the default).
func (s Semantics) String() string {
	var out []string
	add := func(on bool, name string) {
		if on {
			out = append(out, name)
		}
	}
	add(s.ModifyKeepsOmitted, "modify-keeps-omitted")
	add(s.AsyncDelete > 0, "async-delete="+s.AsyncDelete.String())
	add(s.DescribeLag > 0, "describe-lag="+s.DescribeLag.String())
	add(s.NotFoundPlain, "not-found-plain")
	add(s.MaskSecrets, "mask-secrets")
	add(s.LTSPage > 0, "lts-page="+strconv.Itoa(s.LTSPage))
	add(s.L7LegacyPageZero, "l7-legacy-page-zero")
	add(s.L4SizeOriginal, "l4-size-original")
	add(s.RefuseLegacyLogTypes, "refuse-legacy-logtypes")
	add(s.StrictFields, "strict-fields")
	sort.Strings(out)
	return strings.Join(out, ",")
}
