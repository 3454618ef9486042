package diff

import (
	"fmt"
	"strings"

	"github.com/logctl/logctl/spec"
)

// Secrets the API may mask on read. edgeone-logs.md §10: no doc says
// Describe masks AccessId/AccessKey and Terraform read them back unchanged
// in 2024, but that is UNCONFIRMED today. Under either reading the plan
// must converge: a masked live value ("******", any all-'*' value) says
// nothing about the secret, so it is not compared, and the plan says so
// once per task. Rotating such a secret then needs `apply
// --replace-secrets` (ResendSecrets).

// IsMasked reports whether a live value is a masked secret: non-empty and
// made of '*' only.
func IsMasked(s string) bool { return s != "" && strings.Trim(s, "*") == "" }

// unmaskTask returns live with each masked secret replaced by the desired
// value, so that the comparison skips it, and the paths it replaced. A
// masked value the files clear (desired empty) stays: that is a change.
func unmaskTask(live spec.DeliveryTask, want *spec.DeliveryTask) (spec.DeliveryTask, []string) {
	var paths []string
	swap := func(path string, got *string, want string) {
		if IsMasked(*got) && want != "" {
			*got = want
			paths = append(paths, path)
		}
	}
	if e, w := live.CustomEndpoint, want.CustomEndpoint; e != nil && w != nil && (IsMasked(e.AccessID) || IsMasked(e.AccessKey)) {
		c := *e
		swap("customEndpoint.accessId", &c.AccessID, w.AccessID)
		swap("customEndpoint.accessKey", &c.AccessKey, w.AccessKey)
		live.CustomEndpoint = &c
	}
	if s, w := live.S3, want.S3; s != nil && w != nil && (IsMasked(s.AccessID) || IsMasked(s.AccessKey)) {
		c := *s
		swap("s3.accessId", &c.AccessID, w.AccessID)
		swap("s3.accessKey", &c.AccessKey, w.AccessKey)
		live.S3 = &c
	}
	return live, paths
}

// maskedNote is the plan's one note for a task whose secrets are masked.
func maskedNote(name string, paths []string) string {
	return fmt.Sprintf("%s %q: the API returns %s masked, so %s not compared; to rotate, run apply --replace-secrets",
		spec.KindDeliveryTask, name, strings.Join(paths, ", "), map[bool]string{true: "it is", false: "they are"}[len(paths) == 1])
}

// secretPaths lists the secret fields a desired task sets.
func secretPaths(t *spec.DeliveryTask) []string {
	var out []string
	if e := t.CustomEndpoint; e != nil {
		if e.AccessID != "" {
			out = append(out, "customEndpoint.accessId")
		}
		if e.AccessKey != "" {
			out = append(out, "customEndpoint.accessKey")
		}
		for _, h := range e.Headers {
			if h.Secret {
				out = append(out, headerPrefix+h.Name)
			}
		}
	}
	if s := t.S3; s != nil {
		if s.AccessID != "" {
			out = append(out, "s3.accessId")
		}
		if s.AccessKey != "" {
			out = append(out, "s3.accessKey")
		}
	}
	return out
}

// ResendSecrets turns every planned no-op or update of a delivery task
// that carries secrets into an update that sends them again (`apply
// --replace-secrets`): the only way to rotate a secret the API masks. The
// plan shows each re-sent secret as "(sensitive, re-sent)".
func ResendSecrets(p *Plan, desired *spec.Document) {
	byKey := make(map[string]*spec.DeliveryTask, len(desired.DeliveryTasks))
	for i := range desired.DeliveryTasks {
		byKey[desired.DeliveryTasks[i].Key()] = &desired.DeliveryTasks[i]
	}
	for i := range p.Changes {
		c := &p.Changes[i]
		want := byKey[c.Key]
		if c.Kind != spec.KindDeliveryTask || want == nil || (c.Action != ActionNoop && c.Action != ActionUpdate) {
			continue
		}
		for _, path := range secretPaths(want) {
			if !hasField(c.Fields, path) {
				c.Fields = append(c.Fields, FieldChange{Path: path, Before: "(sensitive)", After: "(sensitive, re-sent)", Sensitive: true})
				c.Action = ActionUpdate
			}
		}
	}
	p.finish()
}

func hasField(fs []FieldChange, path string) bool {
	for _, f := range fs {
		if f.Path == path {
			return true
		}
	}
	return false
}
