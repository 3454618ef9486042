package huawei

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/lts/v2/model"
)

// BenchmarkSignedList measures one SDK-signed ListTransfers through the
// handler alone (signature verification, routing, rendering two
// transfers); the request is signed once, outside the loop.
func BenchmarkSignedList(b *testing.B) {
	f := newFixture(b)
	r := signedReq(b, "GET", "/v2/"+projA+"/transfers", "", signSpec{})
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, r.Clone(r.Context()))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkSDKListParallel measures end-to-end signed requests per second:
// the official SDK signing each call, loopback HTTP, the handler.
func BenchmarkSDKListParallel(b *testing.B) {
	_, c := sdkServer(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.ListTransfers(&model.ListTransfersRequest{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
