package tencent

import "slices"

// World is what exists in the emulated Tencent account besides the resources
// the API creates: EdgeOne zones with their domains, L4 proxies and edge
// functions, and CLS log sets with their topics.
type World struct {
	Zones []Zone      `yaml:"zones" json:"zones"`
	CLS   []CLSRegion `yaml:"cls" json:"cls"`
}

// Zone is an EdgeOne site. Name is the site name the 2022-01-06
// DownloadL7Logs form filters on; Area is where its offline log packages are
// produced (mainland by default).
type Zone struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name,omitempty" json:"name,omitempty"`
	Area      string   `yaml:"area,omitempty" json:"area,omitempty"`
	Domains   []string `yaml:"domains,omitempty" json:"domains,omitempty"`
	L4Proxies []string `yaml:"l4Proxies,omitempty" json:"l4Proxies,omitempty"`
	Functions []string `yaml:"functions,omitempty" json:"functions,omitempty"`
}

// CLSRegion lists the CLS log sets of one region.
type CLSRegion struct {
	Region  string   `yaml:"region" json:"region"`
	LogSets []LogSet `yaml:"logSets" json:"logSets"`
}

// LogSet is a CLS log set and the ids of its topics.
type LogSet struct {
	ID     string   `yaml:"id" json:"id"`
	Topics []string `yaml:"topics,omitempty" json:"topics,omitempty"`
}

// DefaultWorld holds every Tencent id that appears in the vendor examples in
// shared/seeds (and the sample domain of the offline-log reference), so each
// seed example works verbatim.
func DefaultWorld() World {
	return World{
		Zones: []Zone{
			{
				ID:        "zone-2z55fgysdtmc",
				Name:      "example.com",
				Domains:   []string{"domain.example.com"},
				L4Proxies: []string{"sid-2s69eb5wcms7"},
				Functions: []string{"test-zone-2mxigizoh9l9-1257626257"},
			},
			{
				ID:        "zone-2mzegj4vln5f",
				Name:      "wellsjiang.com",
				Domains:   []string{"test-add4.wellsjiang.com"},
				L4Proxies: []string{"proxy-1491-11ed-9792-525400655ede"},
			},
		},
		CLS: []CLSRegion{{
			Region: "ap-guangzhou",
			LogSets: []LogSet{{
				ID: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
				Topics: []string{
					"0b3a07c0-5cf6-4017-8a75-cd4459aea588",
					"ee20bb16-3025-4048-b81a-dd436373062e",
				},
			}},
		}},
	}
}

// Merge adds o to w: a zone, region or log set already present gets the
// union of both lists; new ones are appended.
func (w *World) Merge(o World) {
	for _, z := range o.Zones {
		i := slices.IndexFunc(w.Zones, func(x Zone) bool { return x.ID == z.ID })
		if i < 0 {
			w.Zones = append(w.Zones, z)
			continue
		}
		cur := &w.Zones[i]
		if z.Name != "" {
			cur.Name = z.Name
		}
		if z.Area != "" {
			cur.Area = z.Area
		}
		cur.Domains = union(cur.Domains, z.Domains)
		cur.L4Proxies = union(cur.L4Proxies, z.L4Proxies)
		cur.Functions = union(cur.Functions, z.Functions)
	}
	for _, r := range o.CLS {
		i := slices.IndexFunc(w.CLS, func(x CLSRegion) bool { return x.Region == r.Region })
		if i < 0 {
			w.CLS = append(w.CLS, r)
			continue
		}
		cur := &w.CLS[i]
		for _, ls := range r.LogSets {
			j := slices.IndexFunc(cur.LogSets, func(x LogSet) bool { return x.ID == ls.ID })
			if j < 0 {
				cur.LogSets = append(cur.LogSets, ls)
				continue
			}
			cur.LogSets[j].Topics = union(cur.LogSets[j].Topics, ls.Topics)
		}
	}
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// zone returns the zone with the given id, or nil.
func (w *World) zone(id string) *Zone {
	for i := range w.Zones {
		if w.Zones[i].ID == id {
			return &w.Zones[i]
		}
	}
	return nil
}

// area is the zone's offline-log area, mainland unless set.
func (z *Zone) area() string {
	if z.Area == "" {
		return "mainland"
	}
	return z.Area
}

// topicExists reports whether topic lives in region (under any log set).
func (w *World) topicExists(region, topic string) bool {
	for _, r := range w.CLS {
		if r.Region != region {
			continue
		}
		for _, ls := range r.LogSets {
			if slices.Contains(ls.Topics, topic) {
				return true
			}
		}
	}
	return false
}

// logSetTopic reports whether log set ls exists in region and holds topic.
func (w *World) logSetTopic(region, ls, topic string) (logSetFound, topicFound bool) {
	for _, r := range w.CLS {
		if r.Region != region {
			continue
		}
		for _, s := range r.LogSets {
			if s.ID == ls {
				return true, slices.Contains(s.Topics, topic)
			}
		}
	}
	return false, false
}
