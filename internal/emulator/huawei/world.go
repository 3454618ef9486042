package huawei

// World is the Huawei Cloud part of the emulator's world: the projects, log
// groups, log streams and OBS buckets that transfers may reference. It is
// read-only once the handler serves requests.
type World struct {
	Projects []Project `yaml:"projects" json:"projects"`
}

// Project is one Huawei Cloud project (32-character id) in one region.
type Project struct {
	ID        string     `yaml:"id" json:"id"`
	Region    string     `yaml:"region" json:"region"`
	LogGroups []LogGroup `yaml:"logGroups" json:"logGroups"`
	Buckets   []string   `yaml:"buckets" json:"buckets"`
}

// LogGroup is an LTS log group and the ids of its log streams. Name may be
// empty; the emulator then synthesises one from the id (see GroupName).
type LogGroup struct {
	ID      string   `yaml:"id" json:"id"`
	Name    string   `yaml:"name" json:"name"`
	Streams []string `yaml:"streams" json:"streams"`
}

// Ids that appear in the LTS seed page ("Creating a Log Transfer Task (Old
// Version)") and in the design's dump example.
const (
	seedProjectID = "0123456789abcdef0123456789abcdef"
	seedRegion    = "cn-north-4"
	seedGroupID   = "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053"
	seedStreamID  = "45e7f609-xxxx-4cd3-835b-xxxx4a124718"
	seedBucket    = "lts-test"
)

// DefaultWorld returns the world every emulator starts with: one project in
// cn-north-4 holding every LTS id used by the vendor example and the design
// example, so that both work verbatim.
func DefaultWorld() World {
	return World{Projects: []Project{{
		ID:     seedProjectID,
		Region: seedRegion,
		LogGroups: []LogGroup{{
			ID:      seedGroupID,
			Streams: []string{seedStreamID},
		}},
		Buckets: []string{seedBucket},
	}}}
}

// Merge adds o's projects, groups, streams and buckets to w. Entries that
// already exist are kept; a project's empty region or a group's empty name is
// filled from o.
func (w *World) Merge(o World) {
	for _, op := range o.Projects {
		p := w.project(op.ID)
		if p == nil {
			w.Projects = append(w.Projects, Project{ID: op.ID, Region: op.Region})
			p = &w.Projects[len(w.Projects)-1]
		}
		if p.Region == "" {
			p.Region = op.Region
		}
		p.Buckets = union(p.Buckets, op.Buckets)
		for _, og := range op.LogGroups {
			g := p.group(og.ID)
			if g == nil {
				p.LogGroups = append(p.LogGroups, LogGroup{ID: og.ID})
				g = &p.LogGroups[len(p.LogGroups)-1]
			}
			if g.Name == "" {
				g.Name = og.Name
			}
			g.Streams = union(g.Streams, og.Streams)
		}
	}
}

// union appends the elements of add missing from base, keeping order.
func union(base, add []string) []string {
	seen := make(map[string]bool, len(base))
	for _, s := range base {
		seen[s] = true
	}
	for _, s := range add {
		if !seen[s] {
			seen[s] = true
			base = append(base, s)
		}
	}
	return base
}

func (w *World) project(id string) *Project {
	for i := range w.Projects {
		if w.Projects[i].ID == id {
			return &w.Projects[i]
		}
	}
	return nil
}

func (p *Project) group(id string) *LogGroup {
	for i := range p.LogGroups {
		if p.LogGroups[i].ID == id {
			return &p.LogGroups[i]
		}
	}
	return nil
}

func (p *Project) hasBucket(name string) bool {
	for _, b := range p.Buckets {
		if b == name {
			return true
		}
	}
	return false
}

func (g *LogGroup) hasStream(id string) bool {
	for _, s := range g.Streams {
		if s == id {
			return true
		}
	}
	return false
}

// GroupName is the group's name, or "lts-group-" plus the first eight
// characters of its id when the world gives none; deterministic so that
// log_group_name filters on List are reproducible.
func (g *LogGroup) GroupName() string {
	if g.Name != "" {
		return g.Name
	}
	return "lts-group-" + short(g.ID)
}

// StreamName is the synthesised name of a log stream: "lts-stream-" plus the
// first eight characters of its id. The world holds stream ids only.
func StreamName(id string) string { return "lts-stream-" + short(id) }

func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
