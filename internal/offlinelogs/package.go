package offlinelogs

import (
	"fmt"
	"net/url"
	"time"

	"github.com/logctl/logctl/internal/provider/teo"
)

// Kind is the log layer of a package: "l7" (sites, per domain) or "l4"
// (L4 proxies).
type Kind string

// The two kinds of offline log packages.
const (
	KindL7 Kind = "l7"
	KindL4 Kind = "l4"
)

// ParseKind checks a user-supplied kind.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case KindL7, KindL4:
		return k, nil
	}
	return "", fmt.Errorf("log type %q: want l7 or l4", s)
}

// SizeKind says what a package's Size counts.
type SizeKind string

// edgeone-logs.md §11: the L7 Size is the original, uncompressed size. The
// reference is silent for L4; the emulator reports the size of the .gz file,
// and the vendor example (Size 20761 for an hour of proxy logs) fits either.
const (
	SizeUncompressed SizeKind = "uncompressed"
	SizeCompressed   SizeKind = "compressed"
)

// Package is one hourly offline log package, the same for both kinds and
// both API versions.
type Package struct {
	Name    string    // LogPacketName, e.g. 20220811-02-test-add4.wellsjiang.com
	Kind    Kind      //
	Subject string    // the domain (l7) or L4 proxy id (l4)
	Area    string    // mainland | overseas
	Start   time.Time // package window, UTC
	End     time.Time //
	Size    int64     // bytes, counted as SizeKind says
	URL     string    // the download URL; may carry a signature: never print it
}

// SizeKind is what p.Size counts.
func (p Package) SizeKind() SizeKind {
	if p.Kind == KindL7 {
		return SizeUncompressed
	}
	return SizeCompressed
}

// URLHost is the host of the download URL, the only part of it that is safe
// to show or record: the query string may carry a signature.
func (p Package) URLHost() string {
	u, err := url.Parse(p.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// window reads a package window: LogStartTime/LogEndTime (ISO 8601) when
// present, else the deprecated LogTime (unix seconds) plus one hour, as
// packages are hourly (edgeone-logs.md §11). The legacy form has only LogTime.
func window(start, end string, logTime int64) (time.Time, time.Time, error) {
	if start != "" && end != "" {
		s, err := time.Parse(time.RFC3339, start)
		if err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("LogStartTime %q: %w", start, err)
		}
		e, err := time.Parse(time.RFC3339, end)
		if err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("LogEndTime %q: %w", end, err)
		}
		return s.UTC(), e.UTC(), nil
	}
	if logTime > 0 {
		s := time.Unix(logTime, 0).UTC()
		return s, s.Add(time.Hour), nil
	}
	return time.Time{}, time.Time{}, nil
}

func fromL7(l teo.L7OfflineLog) (Package, error) {
	s, e, err := window(l.LogStartTime, l.LogEndTime, l.LogTime)
	if err != nil {
		return Package{}, fmt.Errorf("package %q: %w", l.LogPacketName, err)
	}
	return Package{Name: l.LogPacketName, Kind: KindL7, Subject: l.Domain, Area: l.Area,
		Start: s, End: e, Size: l.Size, URL: l.Url}, nil
}

func fromL4(l teo.L4OfflineLog) (Package, error) {
	s, e, err := window(l.LogStartTime, l.LogEndTime, l.LogTime)
	if err != nil {
		return Package{}, fmt.Errorf("package %q: %w", l.LogPacketName, err)
	}
	return Package{Name: l.LogPacketName, Kind: KindL4, Subject: l.ProxyId, Area: l.Area,
		Start: s, End: e, Size: l.Size, URL: l.Url}, nil
}
