package workload

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Tasks come in pairs on one entity: a cls task plus a custom_endpoint or an
// s3 task, the most EdgeOne allows per (entity, log type, area). Every 50th
// pair uses L4 proxies (application logs) instead of domains.
func writeTask(w io.Writer, i, zones int) {
	pair := i / 2
	zone := fmt.Sprintf("zone-bench%07d", pair%zones)
	logType, entity, fields := "l7-access-logs", fmt.Sprintf("d%05d.example.com", pair), "[RequestID, ClientIP, RequestTime, RequestHost, EdgeResponseStatusCode]"
	if pair%50 == 49 {
		logType, entity, fields = "application", fmt.Sprintf("sid-bench%05d", pair), "[ServiceID, ClientRealIP, SentBytes, ReceivedBytes]"
	}
	// The second task of a pair goes to a third party (endpoint or S3) and
	// leaves client IPs out: the workload stays a clean configuration, with
	// no privacy.pii-field warning, so that lint times a valid one.
	if i%2 == 1 {
		fields = strings.NewReplacer("ClientIP, ", "", "ClientRealIP, ", "").Replace(fields)
	}
	fmt.Fprintf(w, "  - name: task_%05d\n    zoneId: %s\n    logType: %s\n    area: mainland\n", i, zone, logType)
	fmt.Fprintf(w, "    entities: [%s]\n    fields: %s\n    sample: %d\n", entity, fields, 1+i%1000)
	if logType == "l7-access-logs" {
		fmt.Fprint(w, "    customFields:\n      - {name: ReqHeader, value: Accept-Language, enabled: true}\n      - {name: Cookie, value: session, enabled: false}\n")
	}
	if i%3 == 0 {
		fmt.Fprint(w, "    deliveryConditions:\n      - conditions:\n          - {key: EdgeResponseStatusCode, operator: great_equal, value: [\"500\"]}\n")
	}
	switch {
	case i%2 == 0:
		fmt.Fprintf(w, "    type: cls\n    cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-%012d, topicId: 0b3a07c0-5cf6-4017-8a75-%012d, logSetRegion: ap-guangzhou}\n", pair%10, pair%100)
	case pair%2 == 0:
		fmt.Fprint(w, "    type: custom_endpoint\n    logFormat: {formatType: json}\n")
		fmt.Fprint(w, "    customEndpoint:\n      url: https://logs.example.com/ingest\n      accessId: ${env:EP_ID}\n      accessKey: ${env:EP_KEY}\n      compressType: gzip\n")
		fmt.Fprint(w, "      headers:\n        - {name: Vendor, value: EdgeOne}\n        - {name: Authorization, value: '${env:EP_TOKEN}', secret: true}\n")
	default:
		fmt.Fprint(w, "    type: s3\n    s3:\n      endpoint: https://s3.ap-northeast-2.amazonaws.com\n      region: ap-northeast-2\n")
		fmt.Fprintf(w, "      bucket: edge-logs/p%05d/\n      accessId: ${env:S3_ID}\n      accessKey: ${env:S3_KEY}\n      compressType: gzip\n", pair)
	}
}

// base is the start of the export time windows.
var base = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func writeExport(w io.Writer, i, topics int) {
	from := base.Add(time.Duration(i) * time.Hour)
	fmt.Fprintf(w, "  - name: export-%05d\n    topicId: ee20bb16-3025-4048-b81a-%012d\n", i, i%topics)
	fmt.Fprintf(w, "    query: \"status:%d AND host:h%d.example.com\"\n    count: %d\n", 200+i%300, i, 1+i*1000)
	fmt.Fprintf(w, "    from: %s\n    to: %s\n", from.Format(time.RFC3339), from.Add(30*time.Minute).Format(time.RFC3339))
	fmt.Fprintf(w, "    order: %s\n    format: %s\n", []string{"asc", "desc"}[i%2], []string{"json", "csv"}[i%2])
}

var periods = []string{"2min", "5min", "30min", "1hour", "3hour", "6hour", "12hour"}

// Every dump transfers two streams of its own: a stream may belong to one
// transfer only.
func writeDump(w io.Writer, i int) {
	fmt.Fprintf(w, "  - name: dump-%05d\n    logGroupId: d9dba9f3-0000-48bd-0000-%012d\n", i, i%10)
	fmt.Fprintf(w, "    logStreamIds: [45e7f609-0000-4cd3-835b-%012d, 45e7f609-0001-4cd3-835b-%012d]\n", i, i)
	fmt.Fprintf(w, "    bucket: lts-bench-%05d\n    storageFormat: %s\n    period: %s\n", i, []string{"RAW", "JSON"}[i%2], periods[i%len(periods)])
	fmt.Fprintf(w, "    prefixName: p%d\n    dirPrefixName: logs/%d\n", i, i%10)
}
