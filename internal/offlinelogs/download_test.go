package offlinelogs

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/emulator"
)

func listRecent(t *testing.T, url string, kind Kind, hours int) []Package {
	t.Helper()
	start, end := recentWindow(hours)
	pkgs, _, err := testLister(t, url).List(context.Background(), Query{Kind: kind, Zones: []string{testZone}, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) == 0 {
		t.Fatalf("no %s packages in the last %d hours", kind, hours)
	}
	return pkgs
}

func testDownloader(dir string, rt http.RoundTripper) *Downloader {
	d := &Downloader{Dir: dir, Retry: fastRetry(), Parallel: 3}
	if rt != nil {
		d.Client = &http.Client{Transport: rt}
	}
	return d
}

func mustRun(t *testing.T, d *Downloader, pkgs []Package) Summary {
	t.Helper()
	sum, err := d.Run(context.Background(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sum.Results {
		if r.Status == StatusFailed {
			t.Fatalf("%s: %v", r.File, r.Err)
		}
	}
	return sum
}

// checkDir verifies, independently of the package's own code, that dir
// holds exactly the packages with their manifest, and no .part file.
func checkDir(t *testing.T, dir string, pkgs []Package) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("/offline-logs/")) || bytes.Contains(b, []byte("http://")) {
		t.Errorf("manifest records more of the URL than its host:\n%s", b)
	}
	m, err := LoadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Packages) != len(pkgs) {
		t.Fatalf("manifest has %d entries, want %d", len(m.Packages), len(pkgs))
	}
	for _, p := range pkgs {
		file := p.Name + ".log.gz"
		e, ok := m.lookup(file)
		data, err := os.ReadFile(filepath.Join(dir, file))
		if !ok || err != nil {
			t.Fatalf("%s: in manifest %v, read %v", file, ok, err)
		}
		sum := sha256.Sum256(data)
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		size := int64(len(plain))
		if p.Kind == KindL4 {
			size = int64(len(data))
		}
		u, _ := neturl.Parse(p.URL)
		if e.SHA256 != hex.EncodeToString(sum[:]) || e.Bytes != int64(len(data)) || size != p.Size ||
			e.URLHost != u.Host || e.Name != p.Name || e.Subject != p.Subject || !e.Start.Equal(p.Start) {
			t.Errorf("%s: manifest entry %+v does not describe the file (%d bytes, %d plain) of %+v", file, e, len(data), len(plain), p)
		}
	}
	parts, _ := filepath.Glob(filepath.Join(dir, "*.part"))
	if len(parts) != 0 {
		t.Errorf(".part files left behind: %v", parts)
	}
}

// TestDownloadAndRerun downloads both kinds from the emulator, checks the
// files and the manifest, and re-runs: nothing is fetched again.
func TestDownloadAndRerun(t *testing.T) {
	for _, kind := range []Kind{KindL7, KindL4} {
		t.Run(string(kind), func(t *testing.T) {
			srv, url := startEmulator(t, emulator.Options{})
			pkgs := listRecent(t, url, kind, 12)
			dir := t.TempDir()
			sum := mustRun(t, testDownloader(dir, nil), pkgs)
			if sum.Downloaded != len(pkgs) || srv.Requests()[keyDownloads] != len(pkgs) {
				t.Fatalf("downloaded %d, %d GETs served; want %d", sum.Downloaded, srv.Requests()[keyDownloads], len(pkgs))
			}
			checkDir(t, dir, pkgs)

			again := mustRun(t, testDownloader(dir, nil), pkgs)
			if again.Skipped != len(pkgs) || srv.Requests()[keyDownloads] != len(pkgs) {
				t.Errorf("re-run skipped %d and made %d more GETs; want %d skipped, none fetched",
					again.Skipped, srv.Requests()[keyDownloads]-len(pkgs), len(pkgs))
			}

			// Without the manifest, the files are verified instead of
			// fetched, and the manifest is written again.
			if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil {
				t.Fatal(err)
			}
			third := mustRun(t, testDownloader(dir, nil), pkgs)
			if third.Skipped != len(pkgs) || srv.Requests()[keyDownloads] != len(pkgs) {
				t.Errorf("run without manifest skipped %d, fetched %d", third.Skipped, srv.Requests()[keyDownloads]-len(pkgs))
			}
			checkDir(t, dir, pkgs)
		})
	}
}

// TestDownloadReplacesCorruptFile damages a complete file; the next run
// detects it by its SHA-256 and downloads that package again, only that one.
func TestDownloadReplacesCorruptFile(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	pkgs := listRecent(t, url, KindL7, 8)
	dir := t.TempDir()
	mustRun(t, testDownloader(dir, nil), pkgs)
	damage := []struct {
		name string
		edit func([]byte) []byte
	}{
		{"bit flip", func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }},
		// Byte 4 is the gzip header's MTIME, which no reader checks: the
		// file still decompresses to the same content; only the recorded
		// SHA-256 tells it changed.
		{"same size, still valid gzip", func(b []byte) []byte { b[4] ^= 0x01; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-9] }},
		{"replaced by another valid gzip", func([]byte) []byte {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write([]byte("{}\n"))
			zw.Close()
			return buf.Bytes()
		}},
	}
	for _, tt := range damage {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, pkgs[0].Name+".log.gz")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tt.edit(b), 0o644); err != nil {
				t.Fatal(err)
			}
			before := srv.Requests()[keyDownloads]
			sum := mustRun(t, testDownloader(dir, nil), pkgs)
			if got := srv.Requests()[keyDownloads] - before; got != 1 || sum.Downloaded != 1 || sum.Skipped != len(pkgs)-1 {
				t.Errorf("%d GETs, %d downloaded, %d skipped; want 1, 1, %d", got, sum.Downloaded, sum.Skipped, len(pkgs)-1)
			}
			checkDir(t, dir, pkgs)
		})
	}
}

// TestDownloadUnderFaults downloads while the emulator fails 30% of all
// requests (HTTP 503 and dropped connections on the files) and completes.
func TestDownloadUnderFaults(t *testing.T) {
	for _, seed := range []int64{4, 5} {
		_, cleanURL := startEmulator(t, emulator.Options{})
		pkgs := listRecent(t, cleanURL, KindL7, 24)
		srv, url := startEmulator(t, emulator.Options{FaultRate: 0.3, Seed: seed})
		for i := range pkgs {
			pkgs[i].URL = url + strings.TrimPrefix(pkgs[i].URL, cleanURL)
		}
		dir := t.TempDir()
		sum := mustRun(t, testDownloader(dir, nil), pkgs)
		if sum.Downloaded != len(pkgs) {
			t.Errorf("seed %d: %d of %d downloaded", seed, sum.Downloaded, len(pkgs))
		}
		if served := srv.Requests()[keyDownloads]; served < len(pkgs) {
			t.Errorf("seed %d: %d GETs served for %d packages", seed, served, len(pkgs))
		}
		checkDir(t, dir, pkgs)
	}
}
