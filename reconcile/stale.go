package reconcile

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/spec"
)

// Stale is a change of a saved plan whose live object moved since planning.
type Stale struct {
	Change diff.Change
	Why    string
}

// StaleError lists every stale change; apply --plan exits 5 on it.
type StaleError struct{ Stale []Stale }

func (e *StaleError) Error() string {
	var b strings.Builder
	// render.Count is above this package; the one count here is spelled out.
	noun := "resources"
	if len(e.Stale) == 1 {
		noun = "resource"
	}
	fmt.Fprintf(&b, "the live state moved since the plan was made (%d %s); run logctl plan again:", len(e.Stale), noun)
	for _, s := range e.Stale {
		fmt.Fprintf(&b, "\n  %s %q: %s", s.Change.Kind, s.Change.Name, s.Why)
	}
	return b.String()
}

// CheckStale compares the live objects a saved plan acts on with a fresh
// read: an object changed or gone, or a resource to create that now exists,
// makes the plan stale (design §6).
func CheckStale(p *diff.Plan, live *diff.Live) []Stale {
	byID := map[string]string{}
	byKey := map[string]bool{}
	for _, t := range live.DeliveryTasks {
		byID[string(spec.KindDeliveryTask)+"|"+t.ID] = diff.TaskFingerprint(t.Task)
		byKey[string(spec.KindDeliveryTask)+"|"+t.Task.Key()] = true
	}
	for _, e := range live.Exports {
		byID[string(spec.KindExport)+"|"+e.ID] = diff.ExportFingerprint(e.Export)
		byKey[string(spec.KindExport)+"|"+e.Export.Key()] = true
	}
	for _, d := range live.Dumps {
		byID[string(spec.KindDump)+"|"+d.ID] = diff.DumpFingerprint(d.Dump)
		byKey[string(spec.KindDump)+"|"+d.Dump.Key()] = true
	}
	var out []Stale
	for _, c := range p.Changes {
		switch {
		case c.Action == diff.ActionNoop:
		case c.Action == diff.ActionCreate:
			if byKey[string(c.Kind)+"|"+c.Key] {
				out = append(out, Stale{c, "it was planned for creation but now exists"})
			}
		default:
			fp, ok := byID[string(c.Kind)+"|"+c.LiveID]
			switch {
			case !ok:
				out = append(out, Stale{c, fmt.Sprintf("live object %s is gone", c.LiveID)})
			case fp != c.Fingerprint:
				out = append(out, Stale{c, fmt.Sprintf("live object %s was changed", c.LiveID)})
			}
		}
	}
	return out
}
