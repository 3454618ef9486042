package main

import (
	"bytes"
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersionOf(t *testing.T) {
	here := runtime.GOOS + "/" + runtime.GOARCH
	checkout := []debug.BuildSetting{
		{Key: "GOOS", Value: "darwin"}, {Key: "GOARCH", Value: "arm64"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-04T10:00:00Z"},
	}
	stamped := linkerStamp{version: "1.2.3", commit: "fedcba9", date: "2026-12-01T00:00:00Z"}
	tests := []struct {
		name  string
		bi    *debug.BuildInfo
		stamp linkerStamp
		want  versionInfo
	}{{
		name:  "go install @vX: the module version",
		bi:    &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Path: "github.com/logctl/logctl", Version: "v1.4.0"}},
		stamp: linkerStamp{version: "dev"},
		want:  versionInfo{Version: "v1.4.0", GoVersion: "go1.26.1", Platform: here},
	}, {
		name:  "a checkout: commit and time from the VCS settings",
		bi:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: checkout},
		stamp: linkerStamp{version: "dev"},
		want: versionInfo{Version: "dev", Commit: "0123456789abcdef0123456789abcdef01234567",
			Date: "2026-12-04T10:00:00Z", GoVersion: "go1.26.0", Platform: "darwin/arm64"},
	}, {
		name:  "no version in the build info: the linker stamp",
		bi:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
		stamp: stamped,
		want:  versionInfo{Version: "1.2.3", Commit: "fedcba9", Date: "2026-12-01T00:00:00Z", GoVersion: "go1.26.0", Platform: here},
	}, {
		name:  "the build info wins over the stamp where it knows",
		bi:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: checkout},
		stamp: stamped,
		want: versionInfo{Version: "v1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567",
			Date: "2026-12-04T10:00:00Z", GoVersion: "go1.26.0", Platform: "darwin/arm64"},
	}, {
		name: "no build info, no stamp: dev",
		want: versionInfo{Version: "dev", GoVersion: runtime.Version(), Platform: here},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.FormatVersion = "1"
			if diff := cmp.Diff(tt.want, versionOf(tt.bi, tt.stamp)); diff != "" {
				t.Errorf("versionOf (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVersionString(t *testing.T) {
	for _, tt := range []struct {
		v    versionInfo
		want string
	}{
		{versionInfo{Version: "v1.4.0", GoVersion: "go1.26.1", Platform: "linux/amd64"}, "logctl v1.4.0 (go1.26.1, linux/amd64)"},
		{versionInfo{Version: "dev", Commit: "abc", Date: "2026-12-04T10:00:00Z", GoVersion: "go1.26.0", Platform: "windows/arm64"},
			"logctl dev (commit abc, 2026-12-04T10:00:00Z, go1.26.0, windows/arm64)"},
	} {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestVersionCommand runs both spellings and the JSON form through run.
func TestVersionCommand(t *testing.T) {
	want := currentVersion()
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out, errOut bytes.Buffer
		if code := run(t.Context(), args, nil, &out, &errOut, func(string) string { return "" }); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		if got := strings.TrimSpace(out.String()); got != want.String() {
			t.Errorf("%v printed %q, want %q", args, got, want.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"version", "-o", "json"}, nil, &out, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("version -o json: exit %d: %s", code, errOut.String())
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"formatVersion", "version", "commit", "date", "goVersion", "platform"} {
		if _, ok := got[key]; !ok {
			t.Errorf("version -o json has no %q: %s", key, out.String())
		}
	}
	if got["platform"] != want.Platform || got["version"] != want.Version {
		t.Errorf("version -o json = %s, want version %q, platform %q", out.String(), want.Version, want.Platform)
	}
}
