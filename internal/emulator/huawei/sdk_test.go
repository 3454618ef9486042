package huawei

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	lts "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
)

// Conformance: the official Go SDK's LtsClient against the handler on a
// loopback server. The SDK signs with SDK-HMAC-SHA256 (user-agent,
// x-project-id, x-sdk-date), appends "\n" to JSON bodies and decodes the
// responses with its own models, so any wire mismatch fails here.

func sdkClient(t testing.TB, url, ak, sk string) *lts.LtsClient {
	t.Helper()
	// ProjectId set, so the SDK never calls IAM to discover it (§1).
	cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(projA).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := lts.LtsClientBuilder().WithEndpoints([]string{url}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return lts.NewLtsClient(hc)
}

func sdkServer(t testing.TB) (*fixture, *lts.LtsClient) {
	t.Helper()
	f := newFixtureAt(t, time.Now)
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	return f, sdkClient(t, srv.URL, testAK, testSK)
}

func TestSDKCreateLogDumpObsSeedExample(t *testing.T) {
	f, c := sdkServer(t)
	// The seed example's values; the SDK types switch_on as a bool.
	resp, err := c.CreateLogDumpObs(&model.CreateLogDumpObsRequest{Body: &model.CreateLogDumpObsRequestBody{
		LogGroupId:    "d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053",
		LogStreamIds:  []string{"45e7f609-xxxx-4cd3-835b-xxxx4a124718"},
		ObsBucketName: "lts-test",
		Type:          "cycle",
		StorageFormat: "RAW",
		SwitchOn:      ptr(true),
		PrefixName:    ptr("fileprefixname"),
		DirPrefixName: ptr("dirprefixname"),
		Period:        5,
		PeriodUnit:    "min",
	}})
	if err != nil {
		t.Fatalf("CreateLogDumpObs: %v", err)
	}
	if resp.HttpStatusCode != http.StatusCreated || resp.LogDumpObsId == nil || *resp.LogDumpObsId != f.id(2) {
		t.Fatalf("response %v, want 201 and id %s", resp, f.id(2))
	}
	list, err := c.ListTransfers(&model.ListTransfersRequest{})
	if err != nil {
		t.Fatalf("ListTransfers: %v", err)
	}
	got := (*list.LogTransfers)[2]
	d := got.LogTransferInfo.LogTransferDetail
	if got.LogTransferId != *resp.LogDumpObsId || d.ObsPeriod.Value() != 5 || d.ObsPeriodUnit != "min" ||
		*d.ObsPrefixName != "fileprefixname" || got.LogTransferInfo.LogTransferStatus.Value() != "ENABLE" {
		t.Errorf("listed dump = %v", got)
	}
}

func TestSDKTransferLifecycle(t *testing.T) {
	f, c := sdkServer(t)
	created, err := c.CreateTransfer(&model.CreateTransferRequest{Body: &model.CreateTransferRequestBody{
		LogGroupId: groupApp,
		LogStreams: []model.CreateTransferRequestBodyLogStreams{{LogStreamId: streamApp3}},
		LogTransferInfo: &model.CreateTransferRequestBodyLogTransferInfo{
			LogTransferType:   "OBS",
			LogTransferMode:   model.GetCreateTransferRequestBodyLogTransferInfoLogTransferModeEnum().CYCLE,
			LogStorageFormat:  model.GetCreateTransferRequestBodyLogTransferInfoLogStorageFormatEnum().RAW,
			LogTransferStatus: model.GetCreateTransferRequestBodyLogTransferInfoLogTransferStatusEnum().ENABLE,
			LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 3, ObsPeriodUnit: "hour", ObsBucketName: "app-bucket",
				ObsDirPreFixName: ptr("dir"), ObsTimeZone: ptr("UTC+01:00"), ObsTimeZoneId: ptr("Africa/Lagos")},
		},
	}})
	if err != nil {
		t.Fatalf("CreateTransfer: %v", err)
	}
	id := *created.LogTransferId
	if id != f.id(2) || *created.LogGroupName != "app" || (*created.LogStreams)[0].LogStreamName != StreamName(streamApp3) ||
		created.LogTransferInfo.LogTransferDetail.ObsPeriod.Value() != 3 || *created.LogTransferInfo.LogTransferDetail.ObsTimeZoneId != "Africa/Lagos" {
		t.Fatalf("CreateTransfer response = %v", created)
	}

	updated, err := c.UpdateTransfer(&model.UpdateTransferRequest{Body: &model.UpdateTransferRequestBody{
		LogTransferId: id,
		LogStreams:    &[]model.LogStreams{{LogStreamId: streamApp3}},
		LogTransferInfo: &model.UpdateTransferRequestBodyLogTransferInfo{
			LogStorageFormat:  model.GetUpdateTransferRequestBodyLogTransferInfoLogStorageFormatEnum().JSON,
			LogTransferStatus: model.GetUpdateTransferRequestBodyLogTransferInfoLogTransferStatusEnum().DISABLE,
			LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 12, ObsPeriodUnit: "hour", ObsBucketName: "lts-test"},
		},
	}})
	if err != nil {
		t.Fatalf("UpdateTransfer: %v", err)
	}
	ui := updated.LogTransferInfo
	if ui.LogStorageFormat.Value() != "JSON" || ui.LogTransferStatus.Value() != "DISABLE" || ui.LogTransferDetail.ObsPeriod.Value() != 12 {
		t.Errorf("UpdateTransfer response = %v", updated)
	}

	obs := model.GetListTransfersRequestLogTransferTypeEnum().OBS
	list, err := c.ListTransfers(&model.ListTransfersRequest{LogTransferType: &obs, LogGroupName: ptr("app")})
	if err != nil {
		t.Fatalf("ListTransfers: %v", err)
	}
	var listed []string
	for _, tr := range *list.LogTransfers {
		listed = append(listed, tr.LogTransferId)
	}
	if diff := cmp.Diff([]string{f.id(0), f.id(1), id}, listed); diff != "" {
		t.Errorf("ListTransfers ids (-want +got):\n%s", diff)
	}

	deleted, err := c.DeleteTransfer(&model.DeleteTransferRequest{LogTransferId: id})
	if err != nil {
		t.Fatalf("DeleteTransfer: %v", err)
	}
	if *deleted.LogTransferId != id || deleted.LogTransferInfo.LogStorageFormat.Value() != "JSON" {
		t.Errorf("DeleteTransfer response = %v", deleted)
	}
	if len(f.state.Transfers) != 2 {
		t.Errorf("%d transfers after delete, want 2", len(f.state.Transfers))
	}
}

// TestSDKErrors checks that the SDK extracts our error bodies into
// ServiceResponseError (§3), with the status and X-Request-Id.
func TestSDKErrors(t *testing.T) {
	f := newFixtureAt(t, time.Now)
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	good := sdkClient(t, srv.URL, testAK, testSK)
	badKey := sdkClient(t, srv.URL, testAK, "not-the-secret")
	tests := []struct {
		name       string
		call       func() error
		wantStatus int
		wantCode   string
	}{
		{"bad signature", func() error { _, err := badKey.ListTransfers(&model.ListTransfersRequest{}); return err }, 401, codeAuth},
		{"unknown group", func() error {
			_, err := good.CreateLogDumpObs(&model.CreateLogDumpObsRequest{Body: &model.CreateLogDumpObsRequestBody{
				LogGroupId: groupNone, LogStreamIds: []string{streamApp3}, ObsBucketName: "lts-test",
				Type: "cycle", StorageFormat: "RAW", Period: 5, PeriodUnit: "min"}})
			return err
		}, 400, codeGroupNotFound},
		{"stream already transferred", func() error {
			_, err := good.CreateLogDumpObs(&model.CreateLogDumpObsRequest{Body: &model.CreateLogDumpObsRequestBody{
				LogGroupId: groupApp, LogStreamIds: []string{streamApp1}, ObsBucketName: "lts-test",
				Type: "cycle", StorageFormat: "RAW", Period: 5, PeriodUnit: "min"}})
			return err
		}, 400, codeStreamTaken},
		{"unknown transfer on update", func() error {
			_, err := good.UpdateTransfer(&model.UpdateTransferRequest{Body: &model.UpdateTransferRequestBody{
				LogTransferId: "00000000-0000-4000-8000-000000000000",
				LogTransferInfo: &model.UpdateTransferRequestBodyLogTransferInfo{
					LogStorageFormat:  model.GetUpdateTransferRequestBodyLogTransferInfoLogStorageFormatEnum().RAW,
					LogTransferStatus: model.GetUpdateTransferRequestBodyLogTransferInfoLogTransferStatusEnum().ENABLE,
					LogTransferDetail: &model.LogTransferDetail{ObsPeriod: 5, ObsPeriodUnit: "min", ObsBucketName: "lts-test"},
				}}})
			return err
		}, 400, codeNoTransfer},
		{"unknown transfer on delete", func() error {
			_, err := good.DeleteTransfer(&model.DeleteTransferRequest{LogTransferId: "00000000-0000-4000-8000-000000000000"})
			return err
		}, 400, codeNoTransfer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var se *sdkerr.ServiceResponseError
			if err := tc.call(); !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want *sdkerr.ServiceResponseError", err, err)
			}
			if se.StatusCode != tc.wantStatus || se.ErrorCode != tc.wantCode || se.ErrorMessage == "" || se.RequestId == "" {
				t.Errorf("got status %d code %q msg %q request id %q, want %d %s", se.StatusCode, se.ErrorCode, se.ErrorMessage, se.RequestId, tc.wantStatus, tc.wantCode)
			}
		})
	}
}

// TestSDKQueryEscaping: names with spaces and reserved characters in the
// query still verify (the signer escapes space as %20, whatever the wire
// encoding), and match exactly.
func TestSDKQueryEscaping(t *testing.T) {
	f, c := sdkServer(t)
	f.world.project(projA).group(groupApp).Name = "app group/α+1"
	for _, tc := range []struct {
		name string
		want int
	}{{"app group/α+1", 2}, {"app group", 0}} {
		list, err := c.ListTransfers(&model.ListTransfersRequest{LogGroupName: ptr(tc.name)})
		if err != nil {
			t.Fatalf("ListTransfers(%q): %v", tc.name, err)
		}
		if got := len(*list.LogTransfers); got != tc.want {
			t.Errorf("ListTransfers(%q) = %d transfers, want %d", tc.name, got, tc.want)
		}
	}
}
