package diff

import (
	"strings"
	"testing"

	"github.com/logctl/logctl/spec"
)

func secretTask(id, key, s3Key string) spec.DeliveryTask {
	t := spec.DeliveryTask{Name: "t", ZoneID: "z", Type: "custom_endpoint", LogType: "l7-access-logs", Area: "mainland",
		Entities: []string{"a.example.com"}, Fields: []string{"RequestID"},
		CustomEndpoint: &spec.CustomEndpoint{URL: "https://x.example.com", AccessID: id, AccessKey: key}}
	if s3Key != "" {
		t.Type, t.CustomEndpoint = "s3", nil
		t.S3 = &spec.S3Destination{Endpoint: "https://s3.example.com", Region: "r", Bucket: "b/", AccessID: id, AccessKey: s3Key}
	}
	return t
}

func TestMaskedSecrets(t *testing.T) {
	tests := []struct {
		name       string
		want, live spec.DeliveryTask
		action     Action
		note       string // substring of the one note, "" for none
	}{
		{"masked endpoint secrets are not compared", secretTask("id", "key", ""), secretTask("******", "******", ""), ActionNoop, "customEndpoint.accessId, customEndpoint.accessKey masked"},
		{"masked s3 secrets are not compared", secretTask("id", "", "key"), secretTask("***", "", "*"), ActionNoop, "s3.accessId, s3.accessKey masked"},
		{"a clear-text change is still seen", secretTask("id", "key", ""), secretTask("id", "old", ""), ActionUpdate, ""},
		{"a masked secret the files remove is a change", secretTask("", "key", ""), secretTask("******", "******", ""), ActionUpdate, "customEndpoint.accessKey masked, so it is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			desired := &spec.Document{DeliveryTasks: []spec.DeliveryTask{tt.want}}
			p := Compute(desired, nil, &Live{DeliveryTasks: []LiveTask{{ID: "1", Task: tt.live}}})
			if p.Changes[0].Action != tt.action {
				t.Errorf("action %s, want %s: %+v", p.Changes[0].Action, tt.action, p.Changes[0].Fields)
			}
			if tt.note == "" && len(p.Notes) > 0 || tt.note != "" && (len(p.Notes) != 1 || !strings.Contains(p.Notes[0], tt.note)) {
				t.Errorf("notes %q, want one containing %q", p.Notes, tt.note)
			}
		})
	}
}

func TestResendSecrets(t *testing.T) {
	plain := secretTask("", "", "")
	plain.Name = "plain"
	desired := &spec.Document{DeliveryTasks: []spec.DeliveryTask{secretTask("id", "key", ""), plain}}
	plainLive := plain
	plainLive.ZoneID = "z"
	p := Compute(desired, nil, &Live{DeliveryTasks: []LiveTask{{ID: "1", Task: secretTask("******", "******", "")}, {ID: "2", Task: plainLive}}})
	if p.HasChanges() {
		t.Fatalf("masked secrets planned changes: %+v", p.Changes)
	}
	ResendSecrets(p, desired)
	if p.Summary.Update != 1 || p.Summary.Noop != 1 {
		t.Fatalf("summary %+v, want one update (the task with secrets) and one no-op", p.Summary)
	}
	for _, c := range p.Changes {
		if c.Action == ActionUpdate && (len(c.Fields) != 2 || c.Fields[0].After != "(sensitive, re-sent)" || !c.Fields[0].Sensitive) {
			t.Errorf("update fields %+v, want both secrets re-sent", c.Fields)
		}
	}
}

func TestDefaultLogFormatReadsAsDefault(t *testing.T) {
	for _, typ := range []string{"custom_endpoint", "s3"} {
		task := spec.DeliveryTask{Type: typ, LogFormat: DefaultLogFormat(typ)}
		if got := NormalizeTask(task).LogFormat; got != nil {
			t.Errorf("%s: the written-out default normalizes to %+v, want nil", typ, got)
		}
		csv := spec.DeliveryTask{Type: typ, LogFormat: &spec.LogFormat{FormatType: "csv"}}
		if NormalizeTask(csv).LogFormat == nil {
			t.Errorf("%s: a csv format normalized away", typ)
		}
	}
}
