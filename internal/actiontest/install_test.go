package actiontest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeRelease serves what a GitHub release of logctl serves, under
// /{repo}/releases/download/{tag}/, and the releases API under /repos/:
// assets maps a file name of a tag to its content.
type fakeRelease struct {
	assets   map[string][]byte // "v1.2.3/logctl_1.2.3_checksums.txt" → content
	releases string            // JSON of GET /repos/logctl/logctl/releases
	latest   string            // JSON of GET /repos/logctl/logctl/releases/latest
}

func (f *fakeRelease) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/repos/logctl/logctl/releases":
		fmt.Fprint(w, f.releases)
	case r.URL.Path == "/repos/logctl/logctl/releases/latest":
		fmt.Fprint(w, f.latest)
	default:
		name, ok := strings.CutPrefix(r.URL.Path, "/logctl/logctl/releases/download/")
		if data, found := f.assets[name]; ok && found {
			w.Write(data)
			return
		}
		http.NotFound(w, r)
	}
}

// archive is a release archive holding a logctl that runs bin: the
// install path is what is tested, not the binary's bytes.
func archive(t *testing.T, bin string) []byte {
	t.Helper()
	script := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\"\n", bin)
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct{ name, body string }{{"README.md", "logctl\n"}, {"logctl", script}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.body))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// The release path: download the archive for Linux/X64, verify it against
// the checksums file, cache it (actions/cache is stubbed), run from it. A
// wrong checksum fails the install before logctl runs.
func TestInstallVerifiesTheRelease(t *testing.T) {
	w := newWorld(t)
	arc := archive(t, w.bin)
	const name = "logctl_9.9.9_linux_amd64.tar.gz"
	tests := []struct {
		name, checksum string
		wantFail       bool
	}{
		{"checksum matches", sum(arc), false},
		{"checksum differs", sum(append(arc, 0)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rel := httptest.NewServer(&fakeRelease{assets: map[string][]byte{
				"v9.9.9/" + name:                              arc,
				"v9.9.9/logctl_9.9.9_checksums.txt":           []byte(fmt.Sprintf("%s  logctl_9.9.9_darwin_arm64.tar.gz\n%s  %s\n", sum(nil), tt.checksum, name)),
				"v9.9.9/logctl_9.9.9_windows_amd64.zip":       []byte("not this one"),
				"v9.9.9/logctl_9.9.9_linux_amd64.tar.gz.sbom": nil,
			}})
			defer rel.Close()
			r := w.edgeRun("pull_request", prEvent(headSHA1, ""), "lint")
			r.inputs = map[string]string{"command": "lint", "path": "logs/edge", "version": "v9.9.9"}
			r.env = map[string]string{"GITHUB_SERVER_URL": rel.URL, "RUNNER_TOOL_CACHE": t.TempDir()}
			r.stubs = map[string]map[string]string{"actions/cache": {"cache-hit": "false"}}
			res := w.run(t, r)
			if len(res.Stubbed) != 1 || !strings.HasPrefix(res.Stubbed[0], "actions/cache@") {
				t.Errorf("stubbed %v, want actions/cache only", res.Stubbed)
			}
			if !tt.wantFail {
				mustSucceed(t, res, map[string]string{"exit-code": "0"})
				if !strings.Contains(res.Log, name+": SHA-256 "+tt.checksum+" matches") {
					t.Errorf("the log does not show the verification:\n%s", res.Log)
				}
				// A second use in the same job reuses the verified install.
				again := w.run(t, r)
				mustSucceed(t, again, map[string]string{"exit-code": "0"})
				if !strings.Contains(again.Log, "logctl v9.9.9 is already installed") {
					t.Errorf("the second use downloaded again:\n%s", again.Log)
				}
				return
			}
			if !res.Failed || !slices.ContainsFunc(res.Errors, func(e string) bool { return strings.Contains(e, "checksum mismatch for "+name) }) {
				t.Fatalf("a wrong checksum did not fail the install: failed=%v errors=%v\n%s", res.Failed, res.Errors, res.Log)
			}
			if last := res.Steps[len(res.Steps)-1]; last.ID != "run" || last.Outcome != "skipped" {
				t.Errorf("logctl ran after a failed verification: %+v", last)
			}
		})
	}
}

// Where logctl comes from, by the version input and the action's ref.
func TestInstallResolve(t *testing.T) {
	rel := httptest.NewServer(&fakeRelease{
		assets: map[string][]byte{
			"v1.2.3/logctl_1.2.3_checksums.txt":   []byte("x"),
			"v1.10.0/logctl_1.10.0_checksums.txt": []byte("x"),
		},
		releases: `[{"tag_name":"v2.0.0","draft":false,"prerelease":false},{"tag_name":"v1.11.0-rc.1","draft":false,"prerelease":true},
			{"tag_name":"v1.10.0","draft":false,"prerelease":false},{"tag_name":"v1.9.0","draft":false,"prerelease":false}]`,
		latest: `{"tag_name":"v2.0.0"}`,
	})
	defer rel.Close()
	bin := filepath.Join(t.TempDir(), "logctl")
	os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755)
	tests := []struct {
		name, version, ref, binary string
		arch                       string
		want                       string // mode[:tag], or "error: …"
	}{
		{"explicit release", "v1.2.3", "main", "", "X64", "release:v1.2.3"},
		{"latest", "latest", "", "", "X64", "release:v2.0.0"},
		{"source", "source", "v1.2.3", "", "X64", "source"},
		{"ref is a release", "", "v1.2.3", "", "ARM64", "release:v1.2.3"},
		{"ref is a major tag", "", "v1", "", "X64", "release:v1.10.0"},
		{"ref is a tag without assets", "", "v1.4.0", "", "X64", "source"},
		{"ref is a branch", "", "main", "", "X64", "source"},
		{"ref is a SHA", "", "0123456789abcdef0123456789abcdef01234567", "", "X64", "source"},
		{"used from the repository itself", "", "", "", "X64", "source"},
		{"prebuilt binary", "v1.2.3", "v1", bin, "X64", "binary"},
		{"bad version", "1.2", "", "", "X64", "error: version '1.2'"},
		{"no release for the arch", "v1.2.3", "", "", "ARM", "error: no logctl release for RUNNER_ARCH=ARM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			output := filepath.Join(tmp, "output")
			cmd := exec.Command("bash", filepath.Join("..", "..", "action", "install.sh"), "resolve")
			cmd.Env = append(os.Environ(), "GITHUB_OUTPUT="+output, "RUNNER_TEMP="+tmp, "RUNNER_TOOL_CACHE="+tmp,
				"RUNNER_OS=Linux", "RUNNER_ARCH="+tt.arch, "GITHUB_API_URL="+rel.URL, "GITHUB_SERVER_URL="+rel.URL,
				"LOGCTL_VERSION="+tt.version, "LOGCTL_ACTION_REF="+tt.ref, "LOGCTL_BINARY="+tt.binary,
				"LOGCTL_ACTION_REPOSITORY=logctl/logctl", "LOGCTL_BIN=")
			out, err := cmd.CombinedOutput()
			if want, ok := strings.CutPrefix(tt.want, "error: "); ok {
				if err == nil || !strings.Contains(string(out), want) {
					t.Fatalf("want a failure saying %q, got %v:\n%s", want, err, out)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v:\n%s", err, out)
			}
			kv, err := readKeyValues(output)
			if err != nil {
				t.Fatal(err)
			}
			got := kv["mode"]
			if kv["tag"] != "" {
				got += ":" + kv["tag"]
			}
			if got != tt.want {
				t.Fatalf("got %s, want %s (outputs %v)\n%s", got, tt.want, kv, out)
			}
		})
	}
}
