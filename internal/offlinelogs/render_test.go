package offlinelogs

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// samplePackages mixes the shapes a listing can hold: vendor names, a
// window crossing midnight, an unknown window (legacy without LogTime), a
// hostile name, and a signed URL whose query must never be printed.
func samplePackages() []Package {
	h := time.Date(2025, 3, 1, 22, 0, 0, 0, time.UTC)
	return []Package{
		{Name: "20250301-22-domain.example.com", Kind: KindL7, Subject: "domain.example.com", Area: "mainland",
			Start: h, End: h.Add(time.Hour), Size: 20761,
			URL: "https://log-down04-cn.edgeone.qcloud.com/20250301/2025030122-domain.example.com.log.gz?sign=SECRET"},
		{Name: "20250301-23-domain.example.com", Kind: KindL7, Subject: "domain.example.com", Area: "overseas",
			Start: h.Add(time.Hour), End: h.Add(2 * time.Hour), Size: 3 << 20,
			URL: "https://log-down01-sg.edgeone.qcloud.com/x.log.gz"},
		{Name: "evil\x1b[2Jname", Kind: KindL7, Subject: "domain.example.com", Area: "mainland", Size: 512,
			URL: "https://log-down04-cn.edgeone.qcloud.com/y.log.gz"},
	}
}

func TestWriteListGolden(t *testing.T) {
	tests := []struct {
		name, format string
		pkgs         []Package
	}{
		{"list.txt", "text", samplePackages()},
		{"list.json", "json", samplePackages()},
		{"empty.txt", "text", nil},
		{"empty.json", "json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteList(&buf, tt.format, tt.pkgs); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "SECRET") || strings.Contains(buf.String(), "\x1b") {
				t.Errorf("output carries a URL query or a raw escape:\n%s", buf.String())
			}
			golden := filepath.Join("testdata", tt.name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s (-golden +got):\n%s", golden, diff)
			}
		})
	}
	if err := WriteList(&bytes.Buffer{}, "yaml", nil); err == nil {
		t.Error("WriteList accepted format yaml")
	}
}

func TestHumanBytes(t *testing.T) {
	tests := map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB", 1 << 62: "4.0 EiB"}
	for in, want := range tests {
		if got := HumanBytes(in); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestTotalLine(t *testing.T) {
	l4 := Package{Kind: KindL4, Size: 2048}
	tests := []struct {
		name string
		pkgs []Package
		want string
	}{
		{"none", nil, "0 packages, 0 B"},
		{"one l4", []Package{l4}, "1 package, 2.0 KiB (compressed)"},
		{"l7", samplePackages(), "3 packages, 3.0 MiB (uncompressed)"},
		{"mixed kinds name no unit", append(samplePackages(), l4), "4 packages, 3.0 MiB"},
	}
	for _, tt := range tests {
		if got := TotalLine(tt.pkgs); got != tt.want {
			t.Errorf("%s: TotalLine = %q, want %q", tt.name, got, tt.want)
		}
	}
}
