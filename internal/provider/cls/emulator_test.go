package cls

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/tencent"
)

const seedTopic = "ee20bb16-3025-4048-b81a-dd436373062e"

func startEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	return srv, ts.URL
}

func emulatorAPI(t *testing.T, url, region string) *API {
	t.Helper()
	env := map[string]string{tencent.EnvSecretID: emulator.DefaultTencentSecretID,
		tencent.EnvSecretKey: emulator.DefaultTencentSecretKey}
	c, err := tencent.New(Service, Version, tencent.Config{Endpoint: url, Region: region, Timeout: 5 * time.Second,
		Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	return NewAPI(c)
}

func TestEmulatorExportLifecycle(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	api, ctx := emulatorAPI(t, url, "ap-guangzhou"), context.Background()
	sent := CreateExportRequest{TopicId: seedTopic, Query: "status:200", Count: 100, Order: ptr("desc"),
		Format: ptr("json"), From: 1607499107000, To: 1607499207000, SyntaxRule: ptr(uint64(1)),
		DerivedFields: []string{"timestamp"}}
	created, err := api.CreateExport(ctx, &sent)
	if err != nil {
		t.Fatal(err)
	}
	exports, calls, err := api.DescribeAllExports(ctx, seedTopic)
	if err != nil || calls != 1 || len(exports) != 1 {
		t.Fatalf("describe: %v, %d calls, %d exports", err, calls, len(exports))
	}
	got := exports[0]
	read := CreateExportRequest{TopicId: got.TopicId, Query: got.Query, Count: got.Count, Order: &got.Order,
		Format: &got.Format, From: got.From, To: got.To, SyntaxRule: &got.SyntaxRule, DerivedFields: got.DerivedFields}
	if diff := cmp.Diff(sent, read); diff != "" || got.ExportId != created.ExportId {
		t.Errorf("read back %s (-sent +read):\n%s", got.ExportId, diff)
	}

	if _, err := api.DeleteExport(ctx, &DeleteExportRequest{ExportId: created.ExportId}); err != nil {
		t.Fatal(err)
	}
	_, err = api.DeleteExport(ctx, &DeleteExportRequest{ExportId: created.ExportId})
	if !errors.Is(err, apierr.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// TestEmulatorRegionTravelsInHeader: CLS is regional; the same topic id in
// another region does not exist.
func TestEmulatorRegionTravelsInHeader(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	api := emulatorAPI(t, url, "ap-shanghai")
	_, _, err := api.DescribeAllExports(context.Background(), seedTopic)
	if !errors.Is(err, apierr.ErrNotFound) || !strings.Contains(err.Error(), "TopicNotExist") {
		t.Errorf("err = %v, want ResourceNotFound.TopicNotExist", err)
	}
	if api.Region() != "ap-shanghai" {
		t.Errorf("Region() = %q", api.Region())
	}
}

func TestEmulatorCreateRefusals(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	api := emulatorAPI(t, url, "ap-guangzhou")
	tests := []struct {
		name string
		req  CreateExportRequest
		want error
	}{
		{"count over the cap", CreateExportRequest{TopicId: seedTopic, Query: "*", Count: MaxCount + 1, From: 1, To: 2}, apierr.ErrInvalid},
		{"unknown topic", CreateExportRequest{TopicId: "00000000-0000-0000-0000-000000000000", Query: "*", Count: 1, From: 1, To: 2}, apierr.ErrNotFound},
		{"bad order", CreateExportRequest{TopicId: seedTopic, Query: "*", Count: 1, From: 1, To: 2, Order: ptr("random")}, apierr.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := api.CreateExport(context.Background(), &tt.req)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestEmulatorDescribePaging checks the page math against the emulator's
// own count: one call per page of the cap, none extra.
func TestEmulatorDescribePaging(t *testing.T) {
	const n = 23
	var live strings.Builder
	live.WriteString("live:\n  exports:\n")
	for i := range n {
		fmt.Fprintf(&live, "    - {name: e%d, region: ap-guangzhou, topicId: %s, query: 'n:%d', count: 10, from: 1607499107000, to: 1607499207000}\n", i, seedTopic, i)
	}
	srv, url := startEmulator(t, emulator.Options{World: []byte(live.String())})
	for _, tt := range []struct {
		pageSize  int64
		wantCalls int
	}{{10, 3}, {23, 1}, {100, 1}, {4, 6}} {
		t.Run(fmt.Sprint("page ", tt.pageSize), func(t *testing.T) {
			api := emulatorAPI(t, url, "ap-guangzhou")
			api.pageSize = tt.pageSize
			before := srv.Requests()["cls:DescribeExports"]
			exports, calls, err := api.DescribeAllExports(context.Background(), seedTopic)
			if err != nil {
				t.Fatal(err)
			}
			served := srv.Requests()["cls:DescribeExports"] - before
			if len(exports) != n || calls != tt.wantCalls || served != tt.wantCalls {
				t.Errorf("%d exports, %d calls reported, %d served; want %d, %d", len(exports), calls, served, n, tt.wantCalls)
			}
		})
	}
}
