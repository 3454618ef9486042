package diff

import (
	"fmt"
	"sort"

	"github.com/logctl/logctl/spec"
)

// ScopeStat counts, per declared scope, the live resources in it and the
// deletes and replaces a plan makes there: the input of the safety valve,
// with its verdict and the limits it applied (EvaluateSafety).
type ScopeStat struct {
	Scope        string `json:"scope"`
	Live         int    `json:"live"`
	Delete       int    `json:"delete"`
	Replace      int    `json:"replace"`
	MinResources int64  `json:"minResources"`
	MaxPercent   int64  `json:"maxPercent"`
	Refused      bool   `json:"refused"`
}

type scopeIndex struct {
	zones    map[string]string // zoneId → scope name
	topics   map[string]string // region/topicId → scope name
	groups   map[string]string // projectId/region/logGroupId → scope name
	liveSeen map[string]int
}

func newScopeIndex(scopes []spec.Scope) *scopeIndex {
	si := &scopeIndex{zones: map[string]string{}, topics: map[string]string{}, groups: map[string]string{}, liveSeen: map[string]int{}}
	for _, s := range scopes {
		if t := s.DeliveryTasks; t != nil {
			si.zones[t.ZoneID] = "deliveryTasks zoneId=" + t.ZoneID
		}
		if e := s.Exports; e != nil {
			si.topics[e.Region+"/"+e.TopicID] = fmt.Sprintf("exports topicId=%s region=%s", e.TopicID, e.Region)
		}
		if d := s.Dumps; d != nil {
			si.groups[d.ProjectID+"/"+d.Region+"/"+d.LogGroupID] = fmt.Sprintf("dumps logGroupId=%s projectId=%s", d.LogGroupID, d.ProjectID)
		}
	}
	return si
}

func (si *scopeIndex) taskScope(zone string) string { return si.zones[zone] }
func (si *scopeIndex) exportScope(region, topic string) string {
	return si.topics[region+"/"+topic]
}
func (si *scopeIndex) dumpScope(project, region, group string) string {
	return si.groups[project+"/"+region+"/"+group]
}

// scopeOf names the scope a change's resource lies in, or "".
func (si *scopeIndex) scopeOf(c Change, key string) string {
	switch c.Kind {
	case spec.KindDeliveryTask:
		zone, _, _ := cut(key)
		return si.taskScope(zone)
	case spec.KindExport:
		region, rest, _ := cut(key)
		topic, _, _ := cut(rest)
		return si.exportScope(region, topic)
	case spec.KindDump:
		region, rest, _ := cut(key)
		project, rest, _ := cut(rest)
		group, _, _ := cut(rest)
		return si.dumpScope(project, region, group)
	}
	return ""
}

func cut(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// stats counts live resources (everything but creates) and destructive
// changes per scope.
func (si *scopeIndex) stats(p *Plan) []ScopeStat {
	by := map[string]*ScopeStat{}
	get := func(name string) *ScopeStat {
		if by[name] == nil {
			by[name] = &ScopeStat{Scope: name}
		}
		return by[name]
	}
	for _, c := range p.Changes {
		name := c.Scope
		if name == "" {
			name = si.scopeOf(c, c.Key)
		}
		if name == "" || c.Action == ActionCreate {
			continue
		}
		st := get(name)
		st.Live++
		switch c.Action {
		case ActionDelete:
			st.Delete++
		case ActionReplace:
			st.Replace++
		}
	}
	out := make([]ScopeStat, 0, len(by))
	for _, st := range by {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Scope < out[j].Scope })
	return out
}
