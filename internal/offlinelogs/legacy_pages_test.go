package offlinelogs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/provider/teo"
)

// legacyServer serves n packages in pages of size under one reading of the
// page base; withPageNo/withPages say whether the answer reports them.
type legacyServer struct {
	n, size              int64
	base                 int64
	withPageNo, withPage bool
	ignoresPageNo        bool
	calls                int
}

func (s *legacyServer) fetch(no int64) (*teo.LegacyDownloadL7LogsResponse, error) {
	s.calls++
	if no < s.base {
		no = s.base // page 0 read as page 1
	}
	if s.ignoresPageNo {
		no = s.base
	}
	resp := &teo.LegacyDownloadL7LogsResponse{}
	for i := (no - s.base) * s.size; i < s.n && i < (no-s.base+1)*s.size; i++ {
		resp.Data = append(resp.Data, teo.L7OfflineLog{LogPacketName: fmt.Sprintf("p%d", i), Url: fmt.Sprintf("u%d", i)})
	}
	if s.withPageNo {
		resp.PageNo = &no
	}
	if s.withPage {
		pages := (s.n + s.size - 1) / s.size
		resp.Pages = &pages
	}
	return resp, nil
}

func TestWalkLegacyPagesLearnsTheBase(t *testing.T) {
	tests := []struct {
		name      string
		srv       legacyServer
		wantN     int
		wantCalls int
		wantErr   string
	}{
		{"base 1, PageNo and Pages reported", legacyServer{n: 25, size: 10, base: 1, withPageNo: true, withPage: true}, 25, 3, ""},
		{"base 0, PageNo and Pages reported", legacyServer{n: 25, size: 10, base: 0, withPageNo: true, withPage: true}, 25, 3, ""},
		{"base 1, exact multiple", legacyServer{n: 20, size: 10, base: 1, withPageNo: true, withPage: true}, 20, 2, ""},
		{"base 0, exact multiple", legacyServer{n: 20, size: 10, base: 0, withPageNo: true, withPage: true}, 20, 2, ""},
		{"base 1, nothing reported", legacyServer{n: 25, size: 10, base: 1}, 25, 4, ""},
		{"base 0, nothing reported", legacyServer{n: 25, size: 10, base: 0}, 25, 3, ""},
		{"base 1, only Pages", legacyServer{n: 25, size: 10, base: 1, withPage: true}, 25, 4, ""},
		{"base 0, only Pages", legacyServer{n: 25, size: 10, base: 0, withPage: true}, 25, 3, ""},
		{"one short page", legacyServer{n: 3, size: 10, base: 1, withPageNo: true, withPage: true}, 3, 1, ""},
		{"empty", legacyServer{n: 0, size: 10, base: 0}, 0, 1, ""},
		{"PageNo ignored", legacyServer{n: 25, size: 10, base: 1, ignoresPageNo: true}, 10, 3, ""},
		{"never ends", legacyServer{n: 1 << 40, size: 10, base: 0, withPageNo: true}, 0, 50, "still not done after 50 pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := tt.srv
			seen := map[string]int{}
			calls, err := teo.WalkLegacyPages(srv.size, 50, srv.fetch, func(data []teo.L7OfflineLog) error {
				for _, d := range data {
					seen[d.LogPacketName]++
				}
				return nil
			})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, n := range seen {
				if n != 1 {
					t.Errorf("%s visited %d times", name, n)
				}
			}
			if len(seen) != tt.wantN || calls != tt.wantCalls || srv.calls != calls {
				t.Errorf("visited %d packages in %d calls (server saw %d), want %d in %d", len(seen), calls, srv.calls, tt.wantN, tt.wantCalls)
			}
		})
	}
}
