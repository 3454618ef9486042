package diff

import (
	"fmt"

	"github.com/logctl/logctl/spec"
)

// Place says where a resource lives: its zone (delivery tasks), region and
// topic (exports), region and project (dumps). Names are unique only
// there, so two tasks named alike in two zones differ by their place.
type Place struct {
	ZoneID    string `json:"zoneId,omitempty"`
	Region    string `json:"region,omitempty"`
	TopicID   string `json:"topicId,omitempty"`
	ProjectID string `json:"projectId,omitempty"`
}

// String is the place as a plan header says it: "zone zone-1",
// "topic tp1 (ap-guangzhou)", "project p1 (cn-north-4)".
func (p Place) String() string {
	switch {
	case p.ZoneID != "":
		return "zone " + p.ZoneID
	case p.TopicID != "":
		return fmt.Sprintf("topic %s (%s)", p.TopicID, p.Region)
	case p.ProjectID != "":
		return fmt.Sprintf("project %s (%s)", p.ProjectID, p.Region)
	}
	return ""
}

// placeOf reads the place from an identity key (spec/identity.go): a
// task's key starts with its zone, an export's with region and topic, a
// dump's with region and project.
func placeOf(kind spec.Kind, key string) Place {
	first, rest, _ := cut(key)
	second, _, _ := cut(rest)
	switch kind {
	case spec.KindDeliveryTask:
		return Place{ZoneID: first}
	case spec.KindExport:
		return Place{Region: first, TopicID: second}
	case spec.KindDump:
		return Place{Region: first, ProjectID: second}
	}
	return Place{}
}
