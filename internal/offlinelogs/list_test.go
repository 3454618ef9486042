package offlinelogs

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
)

// totalL7 asks the emulator directly how many packages a query has.
func totalL7(t *testing.T, l *Lister, q Query) int {
	t.Helper()
	p, err := l.API.DownloadL7Logs(context.Background(), &teo.DownloadL7LogsRequest{StartTime: isoTime(q.Start),
		EndTime: isoTime(q.End), ZoneIds: q.Zones, Domains: q.Subjects, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return int(p.TotalCount)
}

func totalL4(t *testing.T, l *Lister, q Query) int {
	t.Helper()
	p, err := l.API.DownloadL4Logs(context.Background(), &teo.DownloadL4LogsRequest{StartTime: isoTime(q.Start),
		EndTime: isoTime(q.End), ZoneIds: q.Zones, ProxyIds: q.Subjects, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return int(p.TotalCount)
}

// TestListPaging lists against the emulator and checks the packages and
// the number of calls the emulator served: one per page of 300.
func TestListPaging(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	l := testLister(t, url)
	monthStart, monthEnd := recentWindow(40 * 24) // past the 31-day retention
	dayStart, dayEnd := recentWindow(48)
	tests := []struct {
		name     string
		q        Query
		pageSize int64
		key      string
		total    func(Query) int
		minTotal int
	}{
		{name: "l7 retention window pages by 300", key: keyL7, minTotal: 601,
			q: Query{Kind: KindL7, Zones: []string{testZone}, Start: monthStart, End: monthEnd}},
		{name: "l4 retention window pages by 300", key: keyL4, minTotal: 601,
			q: Query{Kind: KindL4, Zones: []string{testZone}, Start: monthStart, End: monthEnd}},
		{name: "two zones, domain filter", key: keyL7, pageSize: 7, minTotal: 8,
			q: Query{Kind: KindL7, Zones: []string{testZone, otherZone}, Subjects: []string{otherDomain}, Start: dayStart, End: dayEnd}},
		{name: "two zones, small pages", key: keyL7, pageSize: 7, minTotal: 80,
			q: Query{Kind: KindL7, Zones: []string{testZone, otherZone}, Start: dayStart, End: dayEnd}},
		{name: "l4 proxy filter", key: keyL4, pageSize: 10, minTotal: 40,
			q: Query{Kind: KindL4, Zones: []string{testZone}, Subjects: []string{testProxy}, Start: dayStart, End: dayEnd}},
		{name: "unknown domain lists nothing in one call", key: keyL7, minTotal: 0,
			q: Query{Kind: KindL7, Zones: []string{testZone}, Subjects: []string{"nope.example.com"}, Start: dayStart, End: dayEnd}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var total int
			if tt.q.Kind == KindL4 {
				total = totalL4(t, l, tt.q)
			} else {
				total = totalL7(t, l, tt.q)
			}
			if total < tt.minTotal {
				t.Fatalf("emulator has %d packages, want at least %d for the walk to page", total, tt.minTotal)
			}
			l.PageSize = tt.pageSize
			size := tt.pageSize
			if size == 0 {
				size = teo.MaxDownloadLimit
			}
			before := srv.Requests()[tt.key]
			pkgs, stats, err := l.List(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			served := srv.Requests()[tt.key] - before
			wantCalls := max(1, (total+int(size)-1)/int(size))
			if len(pkgs) != total || stats.Pages != wantCalls || served != wantCalls {
				t.Errorf("%d packages in %d pages, %d calls served; want %d in %d", len(pkgs), stats.Pages, served, total, wantCalls)
			}
			checkPackages(t, pkgs, tt.q)
		})
	}
}

// checkPackages checks what every listed package must satisfy.
func checkPackages(t *testing.T, pkgs []Package, q Query) {
	t.Helper()
	seen := map[string]bool{}
	for i, p := range pkgs {
		if p.Kind != q.Kind || p.Subject == "" || p.Area == "" || p.Size <= 0 || !strings.HasPrefix(p.URL, "http://127.0.0.1:") {
			t.Fatalf("package %d = %+v", i, p)
		}
		if len(q.Subjects) > 0 && p.Subject != q.Subjects[0] {
			t.Fatalf("package %d subject %q, filtered on %q", i, p.Subject, q.Subjects[0])
		}
		if p.End.Sub(p.Start) != time.Hour || p.End.Before(q.Start) || p.Start.After(q.End) {
			t.Fatalf("package %d window %s-%s outside %s-%s", i, p.Start, p.End, q.Start, q.End)
		}
		if i > 0 && p.Start.Before(pkgs[i-1].Start) {
			t.Fatalf("package %d not sorted by start", i)
		}
		if seen[p.Name] {
			t.Fatalf("package %q listed twice", p.Name)
		}
		seen[p.Name] = true
	}
}

// TestListLegacy lists the same zone through the 2022-01-06 form, where a
// zone is given by its site name, and gets the same packages.
// Under both readings of the page base (l7-legacy-page-zero), the walk
// reads each page once.
func TestListLegacy(t *testing.T) {
	for _, zero := range []bool{false, true} {
		t.Run(fmt.Sprintf("page-zero=%v", zero), func(t *testing.T) {
			testListLegacy(t, semantics.Semantics{L7LegacyPageZero: zero})
		})
	}
}

func testListLegacy(t *testing.T, sem semantics.Semantics) {
	srv, url := startEmulator(t, emulator.Options{Semantics: sem})
	l := testLister(t, url)
	start, end := recentWindow(40 * 24)
	current, _, err := l.List(context.Background(), Query{Kind: KindL7, Zones: []string{testZone}, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	before := srv.Requests()[keyL7]
	legacy, stats, err := l.List(context.Background(), Query{Kind: KindL7, Legacy: true, Zones: []string{testSite}, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	wantPages := (len(current) + 299) / 300
	if served := srv.Requests()[keyL7] - before; stats.Pages != wantPages || served != wantPages {
		t.Errorf("legacy walk: %d pages, %d calls served; want %d", stats.Pages, served, wantPages)
	}
	// The legacy form has no LogStartTime/LogEndTime: the window comes
	// from LogTime, and must agree with the current form's.
	if diff := cmp.Diff(current, legacy); diff != "" {
		t.Errorf("legacy listing differs (-2022-09-01 +2022-01-06):\n%s", diff)
	}
}

// TestListUnderFaults lists while the emulator fails 30% of the calls
// (InternalError, HTTP 503, RequestLimitExceeded, dropped connections) and
// still gets the fault-free result.
func TestListUnderFaults(t *testing.T) {
	_, cleanURL := startEmulator(t, emulator.Options{})
	start, end := recentWindow(5 * 24)
	q := Query{Kind: KindL7, Zones: []string{testZone}, Start: start, End: end}
	clean := testLister(t, cleanURL)
	clean.PageSize = 10
	want, _, err := clean.List(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []int64{1, 2, 3} {
		_, url := startEmulator(t, emulator.Options{FaultRate: 0.3, Seed: seed})
		l := testLister(t, url)
		l.PageSize = 10
		got, stats, err := l.List(context.Background(), q)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if stats.Retries == 0 {
			t.Errorf("seed %d: no retries at a 30%% fault rate over %d pages", seed, stats.Pages)
		}
		if diff := cmp.Diff(want, got, ignoreHost); diff != "" {
			t.Errorf("seed %d: listing under faults differs (-want +got):\n%s", seed, diff)
		}
	}
}

// ignoreHost compares package URLs without their scheme and host: each
// emulator listens on its own port.
var ignoreHost = cmp.Transformer("path", func(p Package) Package {
	if u, err := url.Parse(p.URL); err == nil {
		p.URL = u.Path
	}
	return p
})

// TestListRateLimited checks that every page waits for the DownloadL7Logs
// quota (100/s: 10 ms apart).
func TestListRateLimited(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	l := testLister(t, url)
	var sleeps []time.Duration
	now := time.Now()
	l.Limits = ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{
		Now: func() time.Time { return now },
		Sleep: func(_ context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			now = now.Add(d)
			return nil
		},
	})
	l.PageSize = 10
	start, end := recentWindow(48)
	_, stats, err := l.List(context.Background(), Query{Kind: KindL7, Zones: []string{testZone}, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]time.Duration, stats.Pages-1)
	for i := range want {
		want[i] = 10 * time.Millisecond
	}
	if diff := cmp.Diff(want, sleeps); diff != "" {
		t.Errorf("limiter sleeps over %d pages (-want +got):\n%s", stats.Pages, diff)
	}
}

func TestListErrors(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	l := testLister(t, url)
	start, end := recentWindow(24)
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"bad kind", Query{Kind: "l5", Zones: []string{testZone}, Start: start, End: end}, `log type "l5"`},
		{"no zone", Query{Kind: KindL7, Start: start, End: end}, "zone id is required"},
		{"legacy l4", Query{Kind: KindL4, Legacy: true, Start: start, End: end}, "l7 packages only"},
		{"end before start", Query{Kind: KindL7, Zones: []string{testZone}, Start: end, End: start}, "start before its end"},
		{"unknown zone is the vendor error", Query{Kind: KindL7, Zones: []string{"zone-doesnotexist"}, Start: start, End: end}, "ResourceUnavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := l.List(context.Background(), tt.q)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("List = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
