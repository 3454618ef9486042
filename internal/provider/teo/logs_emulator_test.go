package teo

import (
	"context"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

// TestEmulatorOfflineLogPaging walks the offline package lists with small
// pages and checks the result and the call count against the emulator.
func TestEmulatorOfflineLogPaging(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	ctx := context.Background()
	now := time.Now()
	start, end := now.Add(-48*time.Hour).Format(time.RFC3339), now.Format(time.RFC3339)
	api := emulatorAPI(t, url)
	api.downloadLimit = 7
	legacy := NewLegacyAPI(emulatorClient(t, url, LegacyVersion, emulator.DefaultTencentSecretKey))
	legacy.pageSize = 7

	tests := []struct {
		name  string
		key   string // emulator request counter
		total func() int64
		walk  func() (int, int, error) // packages, calls
	}{
		{"l7", "teo:DownloadL7Logs", func() int64 {
			p, err := api.DownloadL7Logs(ctx, &DownloadL7LogsRequest{StartTime: start, EndTime: end,
				ZoneIds: []string{"zone-2z55fgysdtmc"}, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			return p.TotalCount
		}, func() (int, int, error) {
			logs, calls, err := api.DownloadAllL7Logs(ctx, DownloadL7LogsRequest{StartTime: start, EndTime: end,
				ZoneIds: []string{"zone-2z55fgysdtmc"}})
			return len(logs), calls, err
		}},
		{"l4", "teo:DownloadL4Logs", func() int64 {
			p, err := api.DownloadL4Logs(ctx, &DownloadL4LogsRequest{StartTime: start, EndTime: end,
				ZoneIds: []string{"zone-2mzegj4vln5f"}, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			return int64(p.TotalCount)
		}, func() (int, int, error) {
			logs, calls, err := api.DownloadAllL4Logs(ctx, DownloadL4LogsRequest{StartTime: start, EndTime: end,
				ZoneIds: []string{"zone-2mzegj4vln5f"}})
			return len(logs), calls, err
		}},
		{"l7 legacy by site name", "teo:DownloadL7Logs", func() int64 {
			p, err := legacy.DownloadL7Logs(ctx, &LegacyDownloadL7LogsRequest{StartTime: start, EndTime: end,
				Zones: []string{"example.com"}, PageSize: 1, PageNo: 1})
			if err != nil || p.TotalSize == nil {
				t.Fatalf("%v, %+v", err, p)
			}
			return *p.TotalSize
		}, func() (int, int, error) {
			logs, calls, err := legacy.DownloadAllL7Logs(ctx, LegacyDownloadL7LogsRequest{StartTime: start, EndTime: end,
				Zones: []string{"example.com"}})
			return len(logs), calls, err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total := tt.total()
			if total < 8 {
				t.Fatalf("only %d packages in 48 h: the walk would not page", total)
			}
			before := srv.Requests()[tt.key]
			n, calls, err := tt.walk()
			if err != nil {
				t.Fatal(err)
			}
			wantCalls := int((total + 6) / 7)
			served := srv.Requests()[tt.key] - before
			if int64(n) != total || calls != wantCalls || served != wantCalls {
				t.Errorf("%d packages, %d calls reported, %d served; want %d, %d", n, calls, served, total, wantCalls)
			}
		})
	}
}
