package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/datamap"
	"github.com/logctl/logctl/policy"
	"github.com/logctl/logctl/spec"
)

// moduleRoot is taken while the working directory is still the package's.
var moduleRoot, _ = filepath.Abs(filepath.Join("..", ".."))

// loadMap maps the desired state of paths relative to the module root, so
// that positions in the goldens read as a user sees them.
func loadMap(t *testing.T, paths ...string) *datamap.Map {
	t.Helper()
	t.Chdir(moduleRoot)
	doc, diags, err := spec.Load(paths)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %v: %v %v", paths, err, diags)
	}
	cat, err := policy.Privacy()
	if err != nil {
		t.Fatal(err)
	}
	return datamap.Desired(doc, cat)
}

func TestMapGoldens(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "map"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		paths []string
	}{
		{"examples", []string{"examples/"}},
		// Cross-border both ways, third party over http, adversarial names.
		{"flows", []string{"internal/render/testdata/map/flows.yaml"}},
	}
	ext := map[string]string{"text": "txt", "json": "json", "markdown": "md", "mermaid": "mmd"}
	for _, tc := range cases {
		m := loadMap(t, tc.paths...)
		for _, format := range MapFormats() {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := DataMap(&buf, format, m); err != nil {
					t.Fatal(err)
				}
				if format == "mermaid" {
					if err := validateMermaid(buf.String()); err != nil {
						t.Errorf("invalid mermaid: %v\n%s", err, buf.String())
					}
				}
				checkGolden(t, filepath.Join(golden, tc.name+"."+ext[format]), buf.Bytes())
			})
		}
	}
}

func TestMapJSONIsVersioned(t *testing.T) {
	m := loadMap(t, "internal/render/testdata/map/flows.yaml")
	var buf bytes.Buffer
	if err := DataMap(&buf, "json", m); err != nil {
		t.Fatal(err)
	}
	var got struct {
		FormatVersion string
		Summary       datamap.Summary
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := datamap.Summary{Destinations: 3, Flows: 3, Personal: 2, External: 2, CrossBorder: 2, Plaintext: 1}
	if got.FormatVersion != datamap.FormatVersion || got.Summary != want {
		t.Errorf("got version %q summary %+v, want %q %+v", got.FormatVersion, got.Summary, datamap.FormatVersion, want)
	}
}

func TestMapUnknownFormat(t *testing.T) {
	err := DataMap(&bytes.Buffer{}, "dot", &datamap.Map{})
	if err == nil || !strings.Contains(err.Error(), "mermaid") {
		t.Errorf("got %v, want an error listing the formats", err)
	}
}

func TestMapTextHasNoControlCharacters(t *testing.T) {
	m := &datamap.Map{State: datamap.StateDesired, Destinations: []datamap.Destination{{
		ID: "x", Label: "HTTP endpoint \x1b[31mred", Jurisdiction: datamap.Jurisdiction{Code: datamap.Unknown},
		Flows: []datamap.Flow{{Name: "t\x1b]0;title\x07", Enabled: true, Sample: 1000}},
	}}}
	var buf bytes.Buffer
	if err := DataMap(&buf, "text", m); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\x07") {
		t.Errorf("control characters reach the terminal:\n%q", buf.String())
	}
}
