package offlinelogs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	m, err := LoadManifest(dir)
	if err != nil || len(m.Packages) != 0 {
		t.Fatalf("missing manifest: %+v, %v; want an empty one", m, err)
	}
	h := time.Date(2025, 3, 1, 4, 0, 0, 0, time.UTC)
	p := Package{Name: "b", Kind: KindL4, Subject: "sid-1", Area: "mainland", Start: h, End: h.Add(time.Hour), Size: 10,
		URL: "https://log-down04-cn.edgeone.qcloud.com/x.log.gz?sign=SECRET"}
	m.put(newEntry("b.log.gz", p, fileSum{Bytes: 10, Uncompressed: 40, SHA256: "ab"}))
	m.put(Entry{File: "a.log.gz", Name: "a"})
	m.put(Entry{File: "a.log.gz", Name: "a2"}) // replaces
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
	if strings.Contains(string(raw), "SECRET") || strings.Contains(string(raw), "x.log.gz") {
		t.Errorf("manifest records more of the URL than its host:\n%s", raw)
	}
	got, err := LoadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{File: "a.log.gz", Name: "a2"},
		{File: "b.log.gz", Name: "b", Type: KindL4, Subject: "sid-1", Area: "mainland", Start: h, End: h.Add(time.Hour),
			Size: 10, SizeKind: SizeCompressed, Bytes: 10, SHA256: "ab", URLHost: "log-down04-cn.edgeone.qcloud.com"}}
	if diff := cmp.Diff(want, got.Packages); diff != "" {
		t.Errorf("manifest after a round trip (-want +got):\n%s", diff)
	}
	if e, _ := got.lookup("b.log.gz"); !e.describes(p) {
		t.Error("entry does not describe its package")
	}
	p.Size = 11 // the package grew since
	if e, _ := got.lookup("b.log.gz"); e.describes(p) {
		t.Error("entry describes a package of another size")
	}
	// The index follows removals and the reordering Save does.
	got.put(Entry{File: "0.log.gz", Name: "zero"})
	got.remove("a.log.gz")
	if err := got.Save(dir); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"0.log.gz": "zero", "a.log.gz": "", "b.log.gz": "b"} {
		if e, ok := got.lookup(file); e.Name != want || ok != (want != "") {
			t.Errorf("lookup(%s) = %q, %v; want %q", file, e.Name, ok, want)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestLoadManifestErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"not json", "{", "move it away"},
		{"future format", `{"formatVersion":"9","packages":[]}`, `format version "9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ManifestFile), []byte(tt.content), 0o644)
			if _, err := LoadManifest(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadManifest = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
