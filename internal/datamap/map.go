package datamap

import (
	"sort"
	"strings"

	"github.com/logctl/logctl/spec"
)

// FormatVersion is the version of the data map JSON format.
const FormatVersion = "1"

// State says which state a map describes.
type State string

// The states a map is computed from.
const (
	StateDesired State = "desired"
	StateLive    State = "live"
)

// Map is the data map: destinations sorted by ID, each with its flows sorted
// by resource key.
type Map struct {
	FormatVersion string        `json:"formatVersion"`
	State         State         `json:"state"`
	Destinations  []Destination `json:"destinations"`
	Summary       Summary       `json:"summary"`
}

// Summary counts the flows of a map by what a privacy reviewer checks.
type Summary struct {
	Destinations int `json:"destinations"`
	Flows        int `json:"flows"`
	Personal     int `json:"personal"`    // flows carrying personal data
	External     int `json:"external"`    // to a destination outside the account's own services
	CrossBorder  int `json:"crossBorder"` // source and destination on different sides of a border
	Plaintext    int `json:"plaintext"`   // over http://
}

// DestKind is the kind of a destination.
type DestKind string

// The destination kinds.
const (
	DestCLS         DestKind = "cls"
	DestS3          DestKind = "s3"
	DestEndpoint    DestKind = "custom_endpoint"
	DestLogAnalysis DestKind = "log_analysis"
	DestCLSExport   DestKind = "cls_export"
	DestOBS         DestKind = "obs"
)

// Destination is where logs are delivered. No secret is part of it: a URL
// written as ${env:NAME} shows as its reference, never its value.
type Destination struct {
	ID           string       `json:"id"`
	Kind         DestKind     `json:"kind"`
	Label        string       `json:"label"`
	Operator     string       `json:"operator"`
	External     bool         `json:"external"` // outside the account's own cloud services
	Host         string       `json:"host,omitempty"`
	Region       string       `json:"region,omitempty"`
	Bucket       string       `json:"bucket,omitempty"`
	Topic        string       `json:"topic,omitempty"`
	Jurisdiction Jurisdiction `json:"jurisdiction"`
	Flows        []Flow       `json:"flows"`
}

// Jurisdiction is where data is, as far as the configuration tells.
type Jurisdiction struct {
	// Code is an ISO 3166 country code, "non-CN" for EdgeOne's overseas
	// area (the world outside mainland China), or "unknown".
	Code string `json:"code"`
	// Side is "mainland" or "overseas" (EdgeOne's areas), or "unknown".
	Side string `json:"side"`
	// Basis says what the jurisdiction is read from.
	Basis string `json:"basis"`
}

// Unknown is the jurisdiction of what the configuration does not place.
const Unknown = "unknown"

// Known reports whether the side of the border is known.
func (j Jurisdiction) Known() bool { return j.Side != Unknown && j.Side != "" }

// Flow is one resource delivering logs to a destination.
type Flow struct {
	Kind    spec.Kind `json:"kind"`
	Name    string    `json:"name"`
	Key     string    `json:"key"`
	Enabled bool      `json:"enabled"`
	Source  Source    `json:"source"`
	LogType string    `json:"logType,omitempty"`
	Fields  []Field   `json:"fields"`
	// AllFields is set when the source's every field travels (an export
	// without derivedFields, an LTS transfer): which are personal cannot
	// be told from the configuration.
	AllFields  bool      `json:"allFields,omitempty"`
	Sample     int64     `json:"sample"` // per mille; 1000 delivers every log
	Conditions []string  `json:"conditions,omitempty"`
	Transport  Transport `json:"transport"`
	// CrossBorder is set when source and destination are known to be on
	// different sides of the mainland China border.
	CrossBorder bool      `json:"crossBorder"`
	Pos         *spec.Pos `json:"pos,omitempty"`
}

// Source is where a flow's logs come from.
type Source struct {
	Service      string       `json:"service"` // EdgeOne, CLS, LTS
	Label        string       `json:"label"`
	Zone         string       `json:"zone,omitempty"`
	Area         string       `json:"area,omitempty"`
	Entities     []string     `json:"entities,omitempty"`
	Region       string       `json:"region,omitempty"`
	Jurisdiction Jurisdiction `json:"jurisdiction"`
}

// Field is one delivered field: a predefined field, or a capture of a
// request/response header, cookie or request body.
type Field struct {
	Name     string `json:"name"`
	Capture  string `json:"capture,omitempty"`  // ReqHeader, RspHeader, Cookie, ReqBody
	Personal string `json:"personal,omitempty"` // why the catalog calls it personal
}

// String names the field as a reviewer reads it: "ClientIP",
// "ReqHeader Authorization".
func (f Field) String() string {
	if f.Capture == "" {
		return f.Name
	}
	return f.Capture + " " + f.Name
}

// Transport is how the logs travel.
type Transport struct {
	Scheme      string `json:"scheme"`      // https, http, internal (inside the cloud), unknown
	Compression string `json:"compression"` // gzip, none
}

// Personal lists the personal fields of a flow.
func (f *Flow) Personal() []Field {
	var out []Field
	for _, x := range f.Fields {
		if x.Personal != "" {
			out = append(out, x)
		}
	}
	return out
}

// assemble groups flows by destination and sorts and counts everything.
func assemble(state State, flows []placed) *Map {
	m := &Map{FormatVersion: FormatVersion, State: state, Destinations: []Destination{}}
	byID := map[string]int{}
	for _, p := range flows {
		i, ok := byID[p.dest.ID]
		if !ok {
			i = len(m.Destinations)
			byID[p.dest.ID] = i
			m.Destinations = append(m.Destinations, p.dest)
		}
		fl := p.flow
		if fl.Fields == nil {
			fl.Fields = []Field{} // JSON [] rather than null, for jq and friends
		}
		fl.CrossBorder = fl.Source.Jurisdiction.Known() && p.dest.Jurisdiction.Known() &&
			fl.Source.Jurisdiction.Side != p.dest.Jurisdiction.Side
		m.Destinations[i].Flows = append(m.Destinations[i].Flows, fl)
	}
	sort.Slice(m.Destinations, func(i, j int) bool { return m.Destinations[i].ID < m.Destinations[j].ID })
	for i := range m.Destinations {
		d := &m.Destinations[i]
		sort.SliceStable(d.Flows, func(a, b int) bool { return d.Flows[a].Key < d.Flows[b].Key })
		for _, f := range d.Flows {
			m.Summary.count(d, &f)
		}
	}
	m.Summary.Destinations = len(m.Destinations)
	return m
}

func (s *Summary) count(d *Destination, f *Flow) {
	s.Flows++
	personal := len(f.Personal()) > 0
	if personal {
		s.Personal++
	}
	if d.External {
		s.External++
	}
	if f.CrossBorder {
		s.CrossBorder++
	}
	if f.Transport.Scheme == "http" {
		s.Plaintext++
	}
}

// placed is a flow with the destination it goes to, before grouping.
type placed struct {
	flow Flow
	dest Destination
}

// hostOf returns the lower-case host of an http(s) URL, or "". Userinfo
// (user:password@) is skipped: it must never reach the map.
func hostOf(u string) string {
	rest, ok := cutScheme(u)
	if !ok {
		return ""
	}
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		rest = rest[:end]
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = rest[at+1:]
	}
	if end := strings.IndexByte(rest, ':'); end >= 0 {
		rest = rest[:end]
	}
	return strings.ToLower(rest)
}

// cutScheme strips http:// or https:// (any case) from u.
func cutScheme(u string) (string, bool) {
	l := strings.ToLower(u)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(l, p) {
			return u[len(p):], true
		}
	}
	return "", false
}

// schemeOf returns "http" or "https" for a URL, else "unknown".
func schemeOf(u string) string {
	l := strings.ToLower(u)
	switch {
	case strings.HasPrefix(l, "https://"):
		return "https"
	case strings.HasPrefix(l, "http://"):
		return "http"
	}
	return Unknown
}
