package offlinelogs

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// ManifestFile is the manifest's name inside the download directory. No
// package file can have this name: they all end in ".log.gz".
const ManifestFile = "manifest.json"

// manifestVersion is bumped on incompatible changes of the format.
const manifestVersion = "1"

// Manifest lists the packages downloaded into a directory.
type Manifest struct {
	FormatVersion string  `json:"formatVersion"`
	Packages      []Entry `json:"packages"`

	index map[string]int // File -> position in Packages, built on first use
}

// Entry is one downloaded, verified package. URLHost is the host of the
// download URL only: the rest of the URL may carry a signature.
type Entry struct {
	File     string    `json:"file"`
	Name     string    `json:"name"`
	Type     Kind      `json:"type"`
	Subject  string    `json:"subject"`
	Area     string    `json:"area"`
	Start    time.Time `json:"start,omitzero"`
	End      time.Time `json:"end,omitzero"`
	Size     int64     `json:"size"`
	SizeKind SizeKind  `json:"sizeKind"`
	Bytes    int64     `json:"bytes"`
	SHA256   string    `json:"sha256"`
	URLHost  string    `json:"urlHost"`
}

func newEntry(file string, p Package, s fileSum) Entry {
	return Entry{File: file, Name: p.Name, Type: p.Kind, Subject: p.Subject, Area: p.Area,
		Start: p.Start, End: p.End, Size: p.Size, SizeKind: p.SizeKind(),
		Bytes: s.Bytes, SHA256: s.SHA256, URLHost: p.URLHost()}
}

// describes reports whether e records the same package as p: a package
// listed again with another size (packages keep growing for about 24 hours,
// edgeone-logs.md §11) is a new version and is downloaded again.
func (e Entry) describes(p Package) bool {
	return e.Name == p.Name && e.Type == p.Kind && e.Subject == p.Subject && e.Area == p.Area &&
		e.Start.Equal(p.Start) && e.End.Equal(p.End) && e.Size == p.Size
}

// LoadManifest reads dir's manifest; a missing one is an empty manifest.
func LoadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{FormatVersion: manifestVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w (move it away to re-check every file)", path, err)
	}
	if m.FormatVersion != manifestVersion {
		return nil, fmt.Errorf("read manifest %s: format version %q, want %q", path, m.FormatVersion, manifestVersion)
	}
	return &m, nil
}

// lookup returns the entry for file. Lookups go through an index: a run
// over a month of hourly packages for many domains asks once per package.
func (m *Manifest) lookup(file string) (Entry, bool) {
	i, ok := m.position(file)
	if !ok {
		return Entry{}, false
	}
	return m.Packages[i], true
}

func (m *Manifest) position(file string) (int, bool) {
	if m.index == nil {
		m.index = make(map[string]int, len(m.Packages))
		for i, e := range m.Packages {
			m.index[e.File] = i
		}
	}
	i, ok := m.index[file]
	return i, ok
}

// put adds or replaces the entry of e.File.
func (m *Manifest) put(e Entry) {
	if i, ok := m.position(e.File); ok {
		m.Packages[i] = e
		return
	}
	m.index[e.File] = len(m.Packages)
	m.Packages = append(m.Packages, e)
}

// remove drops the entry of file, if any.
func (m *Manifest) remove(file string) {
	if _, ok := m.position(file); !ok {
		return
	}
	m.Packages = slices.DeleteFunc(m.Packages, func(e Entry) bool { return e.File == file })
	m.index = nil // positions moved
}

// Save writes the manifest to dir atomically: a temporary file in the same
// directory, synced, then renamed over the old one. A crash leaves either
// the old manifest or the new one, never a mix. Entries are sorted by file.
func (m *Manifest) Save(dir string) error {
	m.FormatVersion = manifestVersion
	slices.SortFunc(m.Packages, func(a, b Entry) int { return cmp.Compare(a.File, b.File) })
	m.index = nil // positions moved
	if m.Packages == nil {
		m.Packages = []Entry{}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, ManifestFile), append(b, '\n')); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return werr
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir makes a rename durable where the OS allows it; failure is not an
// error (some file systems refuse to sync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
