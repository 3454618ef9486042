package lts

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
)

// Seed ids (design §7 default world).
const (
	seedGroup  = "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053"
	seedStream = "45e7f609-xxxx-4cd3-835b-xxxx4a124718"
	seedBucket = "lts-test"
)

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

func emulatorAPI(t *testing.T, url, sk string) *API {
	t.Helper()
	env := map[string]string{EnvAK: emulator.DefaultHuaweiAK, EnvSK: sk, EnvProjectID: testProject}
	a, err := NewAPI(Config{Region: "cn-north-4", Endpoint: url, Timeout: 5 * time.Second, Getenv: envOf(env)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func obsTransfer(status string) *model.CreateTransferRequestBody {
	return &model.CreateTransferRequestBody{
		LogGroupId: seedGroup,
		LogStreams: []model.CreateTransferRequestBodyLogStreams{{LogStreamId: seedStream}},
		LogTransferInfo: &model.CreateTransferRequestBodyLogTransferInfo{
			LogTransferType:   "OBS",
			LogTransferMode:   Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferMode]("cycle"),
			LogStorageFormat:  Enum[model.CreateTransferRequestBodyLogTransferInfoLogStorageFormat]("RAW"),
			LogTransferStatus: Enum[model.CreateTransferRequestBodyLogTransferInfoLogTransferStatus](status),
			LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 5, ObsPeriodUnit: "min", ObsBucketName: seedBucket,
				ObsPrefixName: ptr("fileprefixname"), ObsDirPreFixName: ptr("dirprefixname")},
		},
	}
}

func TestEmulatorTransferLifecycle(t *testing.T) {
	srv, url := startEmulator(t, emulator.Options{})
	api, ctx := emulatorAPI(t, url, emulator.DefaultHuaweiSK), context.Background()

	created, err := api.CreateTransfer(ctx, obsTransfer("ENABLE"))
	if err != nil {
		t.Fatal(err)
	}
	id := *created.LogTransferId
	// One stream belongs to one transfer (LTS.0207): refused, not retryable.
	if _, err := api.CreateTransfer(ctx, obsTransfer("ENABLE")); !errors.Is(err, apierr.ErrInvalid) {
		t.Errorf("second transfer of the stream: %v, want ErrInvalid", err)
	}

	_, err = api.UpdateTransfer(ctx, &model.UpdateTransferRequestBody{LogTransferId: id,
		LogTransferInfo: &model.UpdateTransferRequestBodyLogTransferInfo{
			LogStorageFormat:  Enum[model.UpdateTransferRequestBodyLogTransferInfoLogStorageFormat]("JSON"),
			LogTransferStatus: Enum[model.UpdateTransferRequestBodyLogTransferInfoLogTransferStatus]("DISABLE"),
			LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 1, ObsPeriodUnit: "hour", ObsBucketName: seedBucket},
		}})
	if err != nil {
		t.Fatal(err)
	}
	before := srv.Requests()["lts:GET /transfers"]
	list, err := api.ListTransfers(ctx, nil)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v, %d transfers", err, len(list))
	}
	if served := srv.Requests()["lts:GET /transfers"] - before; served != 2 {
		t.Errorf("list made %d calls, want 2 (the page, then the repeat that shows the list ended)", served)
	}
	info := list[0].LogTransferInfo
	if list[0].LogTransferId != id || info.LogStorageFormat.Value() != "JSON" || info.LogTransferStatus.Value() != "DISABLE" ||
		info.LogTransferDetail.ObsPeriod.Value() != 1 || info.LogTransferDetail.ObsPeriodUnit != "hour" {
		t.Errorf("after update: %v", list[0])
	}

	if _, err := api.DeleteTransfer(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeleteTransfer(ctx, id); !errors.Is(err, apierr.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// TestEmulatorLogDumpObsReadsBackAsTransfer: a dump created through the
// seed's old API is listed by the transfers API (design §3).
func TestEmulatorLogDumpObsReadsBackAsTransfer(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	api, ctx := emulatorAPI(t, url, emulator.DefaultHuaweiSK), context.Background()
	resp, err := api.CreateLogDumpObs(ctx, &model.CreateLogDumpObsRequestBody{
		LogGroupId: seedGroup, LogStreamIds: []string{seedStream}, ObsBucketName: seedBucket, Type: "cycle",
		StorageFormat: "RAW", SwitchOn: ptr(true), PrefixName: ptr("fileprefixname"),
		DirPrefixName: ptr("dirprefixname"), Period: 5, PeriodUnit: "min"})
	if err != nil || resp.LogDumpObsId == nil {
		t.Fatalf("create: %v, %+v", err, resp)
	}
	list, err := api.ListTransfers(ctx, nil)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v, %d transfers", err, len(list))
	}
	d := list[0].LogTransferInfo.LogTransferDetail
	if list[0].LogGroupId != seedGroup || d.ObsBucketName != seedBucket || d.ObsPrefixName == nil || *d.ObsPrefixName != "fileprefixname" {
		t.Errorf("read back %v", list[0])
	}
}

func TestEmulatorErrorClasses(t *testing.T) {
	t.Run("wrong SK is auth", func(t *testing.T) {
		_, url := startEmulator(t, emulator.Options{})
		api := emulatorAPI(t, url, "not-the-sk")
		_, err := api.ListTransfers(context.Background(), nil)
		if !errors.Is(err, apierr.ErrAuth) || strings.Contains(err.Error(), "not-the-sk") {
			t.Errorf("err = %v, want ErrAuth without the key", err)
		}
	})
	t.Run("unknown group is invalid", func(t *testing.T) {
		_, url := startEmulator(t, emulator.Options{})
		api := emulatorAPI(t, url, emulator.DefaultHuaweiSK)
		body := obsTransfer("ENABLE")
		body.LogGroupId = "00000000-0000-0000-0000-000000000000"
		if _, err := api.CreateTransfer(context.Background(), body); !errors.Is(err, apierr.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
	})
	t.Run("lost answer after commit is outcome unknown, and list sees it", func(t *testing.T) {
		_, url := startEmulator(t, emulator.Options{FaultAfterCommit: 1, Seed: 1})
		api := emulatorAPI(t, url, emulator.DefaultHuaweiSK)
		_, err := api.CreateTransfer(context.Background(), obsTransfer("ENABLE"))
		if !errors.Is(err, apierr.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
		}
		if list, err := api.ListTransfers(context.Background(), nil); err != nil || len(list) != 1 {
			t.Errorf("find before retry: %v, %d transfers", err, len(list))
		}
	})
}
