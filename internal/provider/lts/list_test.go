package lts

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pagingServer serves n transfers the way one reading of the vendor's
// ListTransfers would.
type pagingServer struct {
	n     int
	mode  string // "paged", "ignores-both", "ignores-limit", "endless", "shifting"
	page  int    // the server's own cap in "paged" mode
	calls atomic.Int32
}

func (s *pagingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call := int(s.calls.Add(1))
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	lim, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	from, to := 0, s.n
	switch s.mode {
	case "paged", "shifting":
		from, to = off, min(s.n, off+min(lim, s.page))
		if s.mode == "shifting" && call > 1 {
			// The list moved back by one between pages: one transfer is
			// served twice, none is skipped.
			from--
			to = min(s.n, from+min(lim, s.page))
		}
	case "ignores-limit":
		from = off
	case "endless":
		from, to = off, off+lim
	}
	var ts []string
	for i := from; i < to; i++ {
		ts = append(ts, fmt.Sprintf(`{"log_group_id":"g","log_transfer_id":"tr-%d","log_transfer_info":{"log_transfer_type":"OBS"}}`, i))
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"log_transfers":[%s]}`, strings.Join(ts, ","))
}

func TestListTransfersUnderEveryReading(t *testing.T) {
	tests := []struct {
		name      string
		srv       *pagingServer
		wantN     int
		wantCalls int32
		wantErr   string
	}{
		{name: "paged by 100", srv: &pagingServer{n: 250, mode: "paged", page: 100}, wantN: 250, wantCalls: 4},
		{name: "paged, exact multiple", srv: &pagingServer{n: 200, mode: "paged", page: 100}, wantN: 200, wantCalls: 3},
		{name: "server caps pages at 7", srv: &pagingServer{n: 250, mode: "paged", page: 7}, wantN: 250, wantCalls: 37},
		{name: "offset and limit ignored", srv: &pagingServer{n: 250, mode: "ignores-both"}, wantN: 250, wantCalls: 2},
		{name: "ignored, exactly one page", srv: &pagingServer{n: 100, mode: "ignores-both"}, wantN: 100, wantCalls: 2},
		{name: "limit ignored", srv: &pagingServer{n: 250, mode: "ignores-limit"}, wantN: 250, wantCalls: 2},
		{name: "list moves between pages", srv: &pagingServer{n: 250, mode: "shifting", page: 100}, wantN: 250, wantCalls: 4},
		{name: "empty", srv: &pagingServer{n: 0, mode: "paged", page: 100}, wantN: 0, wantCalls: 1},
		{name: "never ends", srv: &pagingServer{mode: "endless"}, wantErr: "did not end after 200 pages", wantCalls: maxListPages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.srv)
			defer srv.Close()
			list, err := newTestAPI(t, srv.URL, 5*time.Second).ListTransfers(context.Background(), nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, tr := range list {
				if seen[tr.LogTransferId] {
					t.Errorf("%s listed twice", tr.LogTransferId)
				}
				seen[tr.LogTransferId] = true
			}
			if tt.wantErr == "" && len(seen) != tt.wantN {
				b, _ := json.Marshal(list)
				t.Errorf("got %d transfers, want %d: %.200s", len(seen), tt.wantN, b)
			}
			if got := tt.srv.calls.Load(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
		})
	}
}
