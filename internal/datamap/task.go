package datamap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/logctl/logctl/spec"
)

// task maps an EdgeOne delivery task (edgeone-logs.md §2, §7).
func (c classifier) task(t *spec.DeliveryTask) placed {
	f := Flow{
		Kind: spec.KindDeliveryTask, Name: t.Name, Key: t.Key(), LogType: t.LogType,
		Enabled:    t.Enabled == nil || *t.Enabled,
		Sample:     sample(t.Sample),
		Conditions: conditions(t.DeliveryConditions),
		Source: Source{Service: "EdgeOne", Label: entitiesLabel(t.Entities, t.ZoneID, t.Area),
			Zone: t.ZoneID, Area: t.Area, Entities: sorted(t.Entities), Jurisdiction: areaJurisdiction(t.Area)},
	}
	for _, n := range t.Fields {
		f.Fields = append(f.Fields, c.field(n))
	}
	// CustomField.Enabled omitted means the field is not delivered.
	for _, cf := range t.CustomFields {
		if cf.Enabled != nil && *cf.Enabled {
			f.Fields = append(f.Fields, c.custom(cf))
		}
	}
	d, tr := c.taskDest(t)
	f.Transport = tr
	return placed{f, d}
}

// sample is the sampling in per mille: omitted means 1000, and so does the
// 0 that Describe returns for a task created without Sample.
func sample(s *int64) int64 {
	if s == nil || *s == 0 {
		return 1000
	}
	return *s
}

// conditions renders the groups: a log is delivered when any group
// matches, and a group matches when all its conditions do.
func conditions(groups []spec.DeliveryCondition) []string {
	var out []string
	for _, g := range groups {
		var parts []string
		for _, c := range g.Conditions {
			parts = append(parts, fmt.Sprintf("%s %s %s", c.Key, c.Operator, strings.Join(c.Value, "|")))
		}
		out = append(out, strings.Join(parts, " and "))
	}
	return out
}

func entitiesLabel(entities []string, zone, area string) string {
	names := sorted(entities)
	list := strings.Join(names, ", ")
	if len(names) > 3 {
		list = fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
	}
	return fmt.Sprintf("%s (%s, %s)", list, zone, area)
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

var internal = Transport{Scheme: "internal", Compression: "none"}

// taskDest is where a task delivers and how.
func (c classifier) taskDest(t *spec.DeliveryTask) (Destination, Transport) {
	switch {
	case t.Type == "cls" && t.CLS != nil:
		r := t.CLS.LogSetRegion
		return Destination{
			ID: "cls/" + r + "/" + t.CLS.TopicID, Kind: DestCLS, Label: fmt.Sprintf("CLS topic %s (%s)", t.CLS.TopicID, r),
			Operator: operators["tencent"], Region: r, Topic: t.CLS.TopicID,
			Jurisdiction: c.region("tencent", r, "CLS region"),
		}, internal
	case t.Type == "custom_endpoint" && t.CustomEndpoint != nil:
		return c.endpointDest(t.CustomEndpoint)
	case t.Type == "s3" && t.S3 != nil:
		return c.s3Dest(t.S3)
	case t.Type == "log_analysis":
		return Destination{
			ID: "teo-log-analysis/" + t.ZoneID + "/" + t.Area, Kind: DestLogAnalysis,
			Label: fmt.Sprintf("EdgeOne log analysis (%s, %s)", t.ZoneID, t.Area), Operator: operators["tencent"],
			Jurisdiction: unknownPlace("where EdgeOne keeps log analysis data is not documented"),
		}, internal
	}
	return Destination{ID: "unknown/" + t.Type, Kind: DestKind(t.Type), Label: fmt.Sprintf("%s (no destination block)", t.Type),
		Operator: Unknown, Jurisdiction: unknownPlace("no destination block")}, Transport{Scheme: Unknown, Compression: "none"}
}

// endpointDest: a custom endpoint is a third party, its place unknown. The
// URL may be an ${env:NAME} reference: it is shown as written, never read.
func (c classifier) endpointDest(e *spec.CustomEndpoint) (Destination, Transport) {
	host := hostOf(e.URL)
	name := host
	switch {
	case spec.IsEnvRef(e.URL):
		name = e.URL // the reference, never its value
	case strings.Contains(e.URL, "${env:"):
		host, name = "", "(host from the environment)"
	case host == "":
		name = "(not an http(s) URL)"
	}
	tr := Transport{Scheme: schemeOf(e.URL), Compression: orNone(e.CompressType)}
	// Protocol, when set, is the transport; omitted, the URL scheme decides
	// (edgeone-logs.md, enum table: CustomEndpoint.Protocol).
	if p := strings.ToLower(e.Protocol); p == "http" || p == "https" {
		tr.Scheme = p
	}
	d := Destination{
		ID: "endpoint/" + name, Kind: DestEndpoint, Label: "HTTP endpoint " + name,
		Operator: "third party", External: true, Host: host,
		Jurisdiction: unknownPlace("the location of endpoint host " + name + " is not known"),
	}
	if code, ok := c.hostJurisdiction(host); ok {
		d.Jurisdiction = Jurisdiction{Code: code, Side: side(code), Basis: "data.logctl.privacy.hostJurisdictions"}
	}
	c.markOwn(&d)
	return d, tr
}

// s3Dest reads the region in the table of the endpoint's cloud: region ids
// mean different places at different clouds.
func (c classifier) s3Dest(s *spec.S3Destination) (Destination, Transport) {
	host := hostOf(s.Endpoint)
	bucket, _, _ := strings.Cut(s.Bucket, "/")
	cloud := c.s3Cloud(host)
	d := Destination{
		ID: "s3/" + host + "/" + bucket, Kind: DestS3, Label: fmt.Sprintf("S3 bucket %s at %s", bucket, orText(host, "(endpoint from the environment or not a URL)")),
		Operator: "third party", External: !c.ownS3(host), Host: host, Region: s.Region, Bucket: bucket,
	}
	if op, ok := operators[cloud]; ok {
		d.Operator = op
		d.Jurisdiction = c.region(cloud, s.Region, "S3 region")
	} else {
		d.Jurisdiction = unknownPlace(fmt.Sprintf("S3 store %s: region %q of an unlisted store", host, s.Region))
	}
	c.markOwn(&d)
	return d, Transport{Scheme: schemeOf(s.Endpoint), Compression: orNone(s.CompressType)}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
