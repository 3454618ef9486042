package datamap

import (
	"fmt"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// Desired maps the desired state; each flow points at its resource's line.
func Desired(doc *spec.Document, cat *policy.PrivacyCatalog) *Map {
	c := classifier{cat}
	var flows []placed
	for i := range doc.DeliveryTasks {
		p := c.task(&doc.DeliveryTasks[i])
		p.flow.Pos = locate(doc, "deliveryTasks", i)
		flows = append(flows, p)
	}
	for i := range doc.Exports {
		p := c.export(&doc.Exports[i])
		p.flow.Pos = locate(doc, "exports", i)
		flows = append(flows, p)
	}
	for i := range doc.Dumps {
		p := c.dump(&doc.Dumps[i])
		p.flow.Pos = locate(doc, "dumps", i)
		flows = append(flows, p)
	}
	return assemble(StateDesired, flows)
}

// Live maps the live state as the providers read it. Tasks being deleted
// no longer deliver and are left out.
func Live(live *diff.Live, cat *policy.PrivacyCatalog) *Map {
	m := NewLiveMapper(cat)
	m.Add(live)
	return m.Map()
}

// LiveMapper maps a live state read in parts: plan reads one target (a
// zone, a topic, a project) at a time and lets each go once planned.
type LiveMapper struct {
	c     classifier
	flows []placed
}

// NewLiveMapper starts an empty map of the live state.
func NewLiveMapper(cat *policy.PrivacyCatalog) *LiveMapper {
	return &LiveMapper{c: classifier{cat}}
}

// Add maps the flows of one part of the live state.
func (m *LiveMapper) Add(live *diff.Live) {
	for i := range live.DeliveryTasks {
		if live.DeliveryTasks[i].Status == "deleted" {
			continue
		}
		m.flows = append(m.flows, m.c.task(&live.DeliveryTasks[i].Task))
	}
	for i := range live.Exports {
		m.flows = append(m.flows, m.c.export(&live.Exports[i].Export))
	}
	for i := range live.Dumps {
		m.flows = append(m.flows, m.c.dump(&live.Dumps[i].Dump))
	}
}

// Map is the map of every part added.
func (m *LiveMapper) Map() *Map { return assemble(StateLive, m.flows) }

func locate(doc *spec.Document, list string, i int) *spec.Pos {
	p := doc.Locate(fmt.Sprintf("%s[%d]", list, i))
	if p.File == "" {
		return nil
	}
	return &p
}

// export maps a CLS export: log lines of a topic written to a file that CLS
// offers for download (cls-export.md: CosPath, a URL valid one hour).
func (c classifier) export(x *spec.Export) placed {
	src := c.region("tencent", x.Region, "CLS region")
	f := Flow{
		Kind: spec.KindExport, Name: x.Name, Key: x.Key(), Enabled: true, Sample: 1000,
		Source: Source{Service: "CLS", Label: fmt.Sprintf("topic %s (%s)", x.TopicID, x.Region),
			Region: x.Region, Jurisdiction: src},
		Conditions: exportConditions(x),
		Transport:  Transport{Scheme: "https", Compression: "none"},
	}
	for _, n := range x.DerivedFields {
		f.Fields = append(f.Fields, c.field(n))
	}
	f.AllFields = len(f.Fields) == 0
	d := Destination{
		ID: "cls-export/" + x.Region, Kind: DestCLSExport, Label: fmt.Sprintf("CLS export files (%s)", x.Region),
		Operator: operators["tencent"], Region: x.Region,
		Jurisdiction: unknownPlace("where CLS keeps export files is not documented"),
	}
	return placed{f, d}
}

// exportConditions is one group: the query and the line limit both apply.
func exportConditions(x *spec.Export) []string {
	cond := "query " + x.Query
	if x.Count != nil {
		cond += fmt.Sprintf(" and at most %d lines", *x.Count)
	}
	return []string{cond}
}

// dump maps an LTS transfer to OBS. The transfer names only the bucket: its
// region is not part of the request (huawei-lts-transfer.md §4, §5).
func (c classifier) dump(x *spec.Dump) placed {
	f := Flow{
		Kind: spec.KindDump, Name: x.Name, Key: x.Key(), Enabled: x.Enabled == nil || *x.Enabled, Sample: 1000,
		Source: Source{Service: "LTS", Label: fmt.Sprintf("log group %s (%s)", x.LogGroupID, x.Region),
			Region: x.Region, Entities: sorted(x.LogStreamIDs), Jurisdiction: c.region("huawei", x.Region, "LTS region")},
		AllFields: true,
		Transport: Transport{Scheme: "internal", Compression: "none"},
	}
	d := Destination{
		ID: "obs/" + x.Bucket, Kind: DestOBS, Label: "OBS bucket " + x.Bucket,
		Operator: operators["huawei"], Bucket: x.Bucket,
		Jurisdiction: unknownPlace("the transfer does not state the OBS bucket's region"),
	}
	return placed{f, d}
}
