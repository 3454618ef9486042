package teo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

// BenchmarkDescribeAllTasks10k reads a zone of 10,000 tasks (10 pages at the
// 1000 cap) from the emulator, with and without 20 ms per call.
//
//	go test -run '^$' -bench DescribeAllTasks10k -benchtime 5x ./internal/provider/teo
func BenchmarkDescribeAllTasks10k(b *testing.B) {
	const n = 10_000
	world := bigWorld(n)
	for _, latency := range []time.Duration{0, 20 * time.Millisecond} {
		b.Run(fmt.Sprint("latency ", latency), func(b *testing.B) {
			srv, err := emulator.New(emulator.Options{World: world, Latency: latency, NoRateLimits: true})
			if err != nil {
				b.Fatal(err)
			}
			_, url := serve(b, srv)
			api := NewAPI(emulatorClient(b, url, Version, emulator.DefaultTencentSecretKey))
			b.ResetTimer()
			for b.Loop() {
				tasks, calls, err := api.DescribeAllTasks(context.Background(), "zone-big", nil)
				if err != nil || len(tasks) != n || calls != n/MaxDescribeLimit {
					b.Fatalf("%v, %d tasks, %d calls", err, len(tasks), calls)
				}
			}
		})
	}
}

func bigWorld(n int) []byte {
	var domains, tasks strings.Builder
	for i := range n {
		fmt.Fprintf(&domains, "        - d%05d.big.example.com\n", i)
		fmt.Fprintf(&tasks, "  - {name: task-%05d, zoneId: zone-big, type: cls, logType: l7-access-logs, area: mainland, "+
			"entities: [d%05d.big.example.com], fields: [RequestID, ClientIP, RequestTime, RequestHost, EdgeResponseStatusCode], "+
			"customFields: [{name: ReqHeader, value: Accept-Language, enabled: true}], sample: 605, "+
			"cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}\n", i, i)
	}
	return []byte("tencent:\n  zones:\n    - id: zone-big\n      domains:\n" + domains.String() +
		"live:\n  deliveryTasks:\n" + tasks.String())
}
