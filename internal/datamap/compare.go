package datamap

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/logctl/logctl/spec"
)

// ChangeKind says how a flow changes between two maps.
type ChangeKind string

// The change kinds. Widened is anything that lets more data out: more
// fields, a higher sample, a new destination, fewer conditions, enabling.
const (
	ChangeAdded    ChangeKind = "added"
	ChangeRemoved  ChangeKind = "removed"
	ChangeWidened  ChangeKind = "widened"
	ChangeNarrowed ChangeKind = "narrowed"
	ChangeOther    ChangeKind = "changed"
)

// Change is one flow that differs between the old and the new map.
type Change struct {
	Kind         ChangeKind `json:"change"`
	ResourceKind spec.Kind  `json:"kind"`
	Name         string     `json:"name"`
	Key          string     `json:"key"`
	Source       string     `json:"source"`
	Before       *End       `json:"before,omitempty"`
	After        *End       `json:"after,omitempty"`
	// NewDestination is set when the destination received nothing before.
	NewDestination bool     `json:"newDestination,omitempty"`
	AddedFields    []Field  `json:"addedFields,omitempty"`
	RemovedFields  []Field  `json:"removedFields,omitempty"`
	Reasons        []string `json:"reasons,omitempty"`
}

// End is one side of a changed flow: where it goes and what it carries.
type End struct {
	DestinationID string   `json:"destinationId"`
	Destination   string   `json:"destination"`
	External      bool     `json:"external"`
	Jurisdiction  string   `json:"jurisdiction"`
	CrossBorder   bool     `json:"crossBorder"`
	Sample        int64    `json:"sample"`
	Enabled       bool     `json:"enabled"`
	Fields        []Field  `json:"fields"`
	Conditions    []string `json:"conditions,omitempty"`
	Transport     string   `json:"transport"`
}

// Compare lists the flows that differ from old to new, sorted by resource
// kind and key. Flows are matched by resource identity, so a renamed task
// is a removed and an added flow.
func Compare(old, new *Map) []Change {
	before, after := index(old), index(new)
	var out []Change
	for id, a := range after {
		b, ok := before[id]
		switch {
		case !ok:
			c := change(ChangeAdded, a, nil, &a)
			c.NewDestination = !hasDest(old, a.DestinationID)
			out = append(out, c)
		default:
			if c, changed := compareEnds(&b, &a); changed {
				c.NewDestination = c.Before.DestinationID != a.DestinationID && !hasDest(old, a.DestinationID)
				out = append(out, c)
			}
		}
	}
	for id, b := range before {
		if _, ok := after[id]; !ok {
			out = append(out, change(ChangeRemoved, b, &b, nil))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ResourceKind != out[j].ResourceKind {
			return out[i].ResourceKind < out[j].ResourceKind
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// indexed is a flow with its destination, for matching.
type indexed struct {
	End
	flow Flow
}

func index(m *Map) map[string]indexed {
	out := map[string]indexed{}
	if m == nil {
		return out
	}
	for _, d := range m.Destinations {
		for _, f := range d.Flows {
			out[string(f.Kind)+"\x00"+f.Key] = indexed{End: endOf(&d, &f), flow: f}
		}
	}
	return out
}

func endOf(d *Destination, f *Flow) End {
	return End{
		DestinationID: d.ID, Destination: d.Label, External: d.External, Jurisdiction: d.Jurisdiction.Code,
		CrossBorder: f.CrossBorder, Sample: f.Sample, Enabled: f.Enabled, Fields: f.Fields,
		Conditions: f.Conditions, Transport: f.Transport.Scheme,
	}
}

func hasDest(m *Map, id string) bool {
	if m == nil {
		return false
	}
	for _, d := range m.Destinations {
		if d.ID == id {
			return true
		}
	}
	return false
}

func change(kind ChangeKind, x indexed, before, after *indexed) Change {
	c := Change{Kind: kind, ResourceKind: x.flow.Kind, Name: x.flow.Name, Key: x.flow.Key, Source: x.flow.Source.Label}
	if before != nil {
		c.Before = &before.End
	}
	if after != nil {
		c.After = &after.End
	}
	return c
}

// compareEnds classifies a flow present in both maps.
func compareEnds(b, a *indexed) (Change, bool) {
	c := change(ChangeOther, *a, b, a)
	c.AddedFields = fieldsMinus(a.Fields, b.Fields)
	c.RemovedFields = fieldsMinus(b.Fields, a.Fields)
	var wider, narrower bool
	note := func(cond bool, widens bool, format string, args ...any) {
		if !cond {
			return
		}
		c.Reasons = append(c.Reasons, fmt.Sprintf(format, args...))
		if widens {
			wider = true
		} else {
			narrower = true
		}
	}
	note(b.DestinationID != a.DestinationID, true, "destination %s → %s", b.Destination, a.Destination)
	note(len(c.AddedFields) > 0, true, "new fields %s", fieldList(c.AddedFields))
	note(len(c.RemovedFields) > 0, false, "fields dropped %s", fieldList(c.RemovedFields))
	note(a.Sample > b.Sample, true, "sample %s → %s", Percent(b.Sample), Percent(a.Sample))
	note(a.Sample < b.Sample, false, "sample %s → %s", Percent(b.Sample), Percent(a.Sample))
	note(!b.Enabled && a.Enabled, true, "enabled")
	note(b.Enabled && !a.Enabled, false, "disabled")
	note(len(b.Conditions) > 0 && len(a.Conditions) == 0, true, "conditions removed: every log is delivered")
	note(len(a.Conditions) > 0 && len(b.Conditions) == 0, false, "conditions added")
	note(len(a.Conditions) > 0 && len(b.Conditions) > 0 && !slices.Equal(a.Conditions, b.Conditions), true, "conditions changed")
	note(b.Transport != "http" && a.Transport == "http", true, "transport %s → http", b.Transport)
	note(b.Transport == "http" && a.Transport != "http", false, "transport http → %s", a.Transport)
	switch {
	case wider:
		c.Kind = ChangeWidened
	case narrower:
		c.Kind = ChangeNarrowed
	case len(c.Reasons) == 0:
		return c, false
	}
	return c, true
}

func fieldsMinus(xs, ys []Field) []Field {
	have := map[string]bool{}
	for _, y := range ys {
		have[y.String()] = true
	}
	var out []Field
	for _, x := range xs {
		if !have[x.String()] {
			out = append(out, x)
		}
	}
	return out
}

func fieldList(fs []Field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.String()
	}
	return strings.Join(names, ", ")
}

// Percent renders a per mille sample as a percentage: 605 → "60.5%".
func Percent(permille int64) string {
	s := fmt.Sprintf("%.1f", float64(permille)/10)
	return strings.TrimSuffix(s, ".0") + "%"
}
