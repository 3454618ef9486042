// Command worldgen writes an emulator world file (design §7) in which every
// resource of a logctl config already runs: the zones, domains, L4 proxies,
// CLS log sets and topics, LTS groups, streams and buckets the config
// references, and each resource as a live: entry. Planning the config
// against an emulator started with that world reads everything and changes
// nothing, which is what the plan benchmark measures.
//
//	go run ./bench/worldgen -out world.yaml CONFIG_DIR
//
// ${env:NAME} references are resolved with -env NAME=VALUE pairs (default:
// every variable is "bench-NAME"), so the live secrets match the ones the
// benchmark exports.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/logctl/logctl/spec"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("worldgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "world.yaml", "world file to write")
	noLive := fs.Bool("no-live", false, "only the world (zones, topics, groups...), no live resources: for apply benchmarks")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: worldgen -out FILE CONFIG_PATH...")
		return 2
	}
	raw, diags, err := spec.Load(fs.Args())
	if err != nil || diags.HasErrors() {
		fmt.Fprintf(stderr, "worldgen: %v %v\n", err, diags.Err())
		return 1
	}
	doc, _ := raw.Resolve(func(name string) (string, bool) { return "bench-" + name, true })
	w := worldOf(doc)
	if *noLive {
		w.Live = nil
	}
	b, err := yaml.Marshal(w)
	if err == nil {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "worldgen: %v\n", err)
		return 1
	}
	return 0
}

type zone struct {
	ID        string   `yaml:"id"`
	Domains   []string `yaml:"domains,omitempty"`
	L4Proxies []string `yaml:"l4Proxies,omitempty"`
}

type logSet struct {
	ID     string   `yaml:"id"`
	Topics []string `yaml:"topics"`
}

type clsRegion struct {
	Region  string    `yaml:"region"`
	LogSets []*logSet `yaml:"logSets"`
}

type logGroup struct {
	ID      string   `yaml:"id"`
	Streams []string `yaml:"streams"`
}

type project struct {
	ID        string      `yaml:"id"`
	Region    string      `yaml:"region"`
	LogGroups []*logGroup `yaml:"logGroups"`
	Buckets   []string    `yaml:"buckets"`
}

// world is the file layout of internal/emulator's World.
type world struct {
	Tencent struct {
		Zones []*zone      `yaml:"zones"`
		CLS   []*clsRegion `yaml:"cls"`
	} `yaml:"tencent"`
	Huawei struct {
		Projects []*project `yaml:"projects"`
	} `yaml:"huawei"`
	Live map[string][]any `yaml:"live,omitempty"`
}

func worldOf(doc *spec.Document) *world {
	w := &world{Live: map[string][]any{}}
	zones := map[string]*zone{}
	for _, t := range doc.DeliveryTasks {
		z := zones[t.ZoneID]
		if z == nil {
			z = &zone{ID: t.ZoneID}
			zones[t.ZoneID] = z
			w.Tencent.Zones = append(w.Tencent.Zones, z)
		}
		for _, e := range t.Entities {
			if strings.HasPrefix(e, "sid-") {
				z.L4Proxies = addUnique(z.L4Proxies, e)
			} else {
				z.Domains = addUnique(z.Domains, e)
			}
		}
		if t.CLS != nil {
			w.topic(t.CLS.LogSetRegion, t.CLS.LogSetID, t.CLS.TopicID)
		}
		w.Live["deliveryTasks"] = append(w.Live["deliveryTasks"], liveOf(t))
	}
	for _, e := range doc.Exports {
		w.topic(e.Region, "bench-export-logset-"+e.Region, e.TopicID)
		e.Name = ""
		w.Live["exports"] = append(w.Live["exports"], plain(e))
	}
	for _, d := range doc.Dumps {
		g := w.group(d.Region, d.ProjectID, d.LogGroupID, d.Bucket)
		for _, s := range d.LogStreamIDs {
			g.Streams = addUnique(g.Streams, s)
		}
		d.Name = ""
		w.Live["dumps"] = append(w.Live["dumps"], plain(d))
	}
	for _, sc := range doc.Scopes {
		if ts := sc.DeliveryTasks; ts != nil && zones[ts.ZoneID] == nil {
			zones[ts.ZoneID] = &zone{ID: ts.ZoneID}
			w.Tencent.Zones = append(w.Tencent.Zones, zones[ts.ZoneID])
		}
		if es := sc.Exports; es != nil {
			w.topic(es.Region, "bench-export-logset-"+es.Region, es.TopicID)
		}
		if ds := sc.Dumps; ds != nil {
			w.group(ds.Region, ds.ProjectID, ds.LogGroupID, "")
		}
	}
	return w
}

func (w *world) topic(region, set, topic string) {
	var r *clsRegion
	for _, c := range w.Tencent.CLS {
		if c.Region == region {
			r = c
		}
	}
	if r == nil {
		r = &clsRegion{Region: region}
		w.Tencent.CLS = append(w.Tencent.CLS, r)
	}
	for _, ls := range r.LogSets {
		if ls.ID == set {
			ls.Topics = addUnique(ls.Topics, topic)
			return
		}
	}
	r.LogSets = append(r.LogSets, &logSet{ID: set, Topics: []string{topic}})
}

func (w *world) group(region, projectID, groupID, bucket string) *logGroup {
	var p *project
	for _, q := range w.Huawei.Projects {
		if q.ID == projectID {
			p = q
		}
	}
	if p == nil {
		p = &project{ID: projectID, Region: region}
		w.Huawei.Projects = append(w.Huawei.Projects, p)
	}
	if bucket != "" {
		p.Buckets = addUnique(p.Buckets, bucket)
	}
	for _, g := range p.LogGroups {
		if g.ID == groupID {
			return g
		}
	}
	g := &logGroup{ID: groupID}
	p.LogGroups = append(p.LogGroups, g)
	return g
}

// liveOf is a task as a live: entry; the API has no notion of secret
// headers, so the mark is dropped.
func liveOf(t spec.DeliveryTask) any {
	if t.CustomEndpoint != nil {
		ce := *t.CustomEndpoint
		ce.Headers = slices.Clone(ce.Headers)
		for i := range ce.Headers {
			ce.Headers[i].Secret = false
		}
		t.CustomEndpoint = &ce
	}
	return plain(t)
}

// plain converts through JSON, whose tags omit unset fields; numbers stay
// integers (epoch milliseconds must not turn into 1.7e+12).
func plain(v any) any {
	b, _ := json.Marshal(v)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	_ = dec.Decode(&out)
	return numbers(out)
}

func numbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	}
	return v
}

func addUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
