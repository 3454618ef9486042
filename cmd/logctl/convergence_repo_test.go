package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// sandbox names the resources a convergence run may use: the emulator's
// world below, or an account's sandbox from LOGCTL_ACC_* (acceptance_test.go).
type sandbox struct {
	zoneID                       string
	domains                      []string // at least 3 L7 domains of the zone
	l4Proxy                      string
	clsRegion, logSetID, topicID string
	region, projectID            string // Huawei
	// groups are LTS log groups with their streams, buckets OBS buckets:
	// a dump is identified by (project, group, bucket), so the dumps spread
	// over groups × buckets, one stream each.
	groups  []logGroup
	buckets []string
	// scopes: the repository owns the zone, topic and log group, so that
	// deleting a declared resource deletes it live. Only for a sandbox that
	// holds nothing else.
	scopes bool
	prefix string // every name starts with it ("logctl-acc-")
	site   string // the zone's site name: offline log checks when set
}

type logGroup struct {
	id      string
	streams []string
}

// dumpSlots is how many dumps the sandbox can hold, at most convDumps.
func (sb sandbox) dumpSlots() int {
	n := 0
	for _, g := range sb.groups {
		n += min(len(g.streams), len(sb.buckets))
	}
	return min(n, convDumps)
}

// dumpAt is the group, stream and bucket of dump i.
func (sb sandbox) dumpAt(i int) (group, stream, bucket string) {
	g := sb.groups[i%len(sb.groups)]
	k := i / len(sb.groups)
	return g.id, g.streams[k], sb.buckets[k]
}

// convDumps is the number of dumps in one project (issue: 250).
const convDumps = 250

// repoV1 exercises every field: every task type, custom log formats (csv
// with delimiters, json with batch/record affixes, template), compress
// types, delivery conditions, custom fields, sample, S3 and endpoint
// credentials and a secret header, an export, and up to 250 dumps with
// prefixes, periods, formats and status.
func repoV1(sb sandbox) map[string]string {
	return map[string]string{
		"logctl.yaml": settings(sb),
		"tasks.yaml":  tasksYAML(sb, false),
		"exports.yaml": fmt.Sprintf(`version: 1
exports:
  - {name: %[1]sexport-kept, region: %[2]s, topicId: %[3]s, query: "%[1]skept", count: 10, from: 2020-12-09T07:31:47Z, to: 2020-12-09T07:33:27Z, order: asc, format: csv}
  - {name: %[1]sexport-dropped, region: %[2]s, topicId: %[3]s, query: "%[1]sdropped", count: 10, from: 2020-12-09T07:31:47Z, to: 2020-12-09T07:33:27Z}
`, sb.prefix, sb.clsRegion, sb.topicID),
		"dumps.yaml": dumpsYAML(sb, false),
	}
}

// repoV2 edits v1: optional fields removed (log formats, compress types,
// conditions, custom fields, sample, prefixes), a task replaced by a change
// of type under the same name and entity (delete must precede create), and,
// with scopes, a task renamed (the same conflict across names) and a task,
// an export and a fifth of the dumps deleted.
func repoV2(sb sandbox) map[string]string {
	files := map[string]string{
		"logctl.yaml": settings(sb),
		"tasks.yaml":  tasksYAML(sb, true),
		"dumps.yaml":  dumpsYAML(sb, true),
	}
	exports := fmt.Sprintf(`version: 1
exports:
  - {name: %[1]sexport-kept, region: %[2]s, topicId: %[3]s, query: "%[1]skept", count: 10, from: 2020-12-09T07:31:47Z, to: 2020-12-09T07:33:27Z, order: asc, format: csv}
`, sb.prefix, sb.clsRegion, sb.topicID)
	if !sb.scopes {
		exports = repoV1(sb)["exports.yaml"] // without a scope nothing is deleted
	}
	files["exports.yaml"] = exports
	return files
}

func settings(sb sandbox) string {
	s := fmt.Sprintf(`version: 1
defaults:
  tencent: {region: %s}
  huawei: {region: %s, projectId: %s}
safety: {maxPercent: 60}
`, sb.clsRegion, sb.region, sb.projectID)
	if sb.scopes {
		s += fmt.Sprintf(`scopes:
  - {deliveryTasks: {zoneId: %s}}
  - {exports: {topicId: %s, region: %s}}
`, sb.zoneID, sb.topicID, sb.clsRegion)
		for _, g := range sb.groups {
			s += fmt.Sprintf("  - {dumps: {logGroupId: %s}}\n", g.id)
		}
	}
	return s
}

func tasksYAML(sb sandbox, v2 bool) string {
	a, b, c := sb.domains[0], sb.domains[1], sb.domains[2]
	var t strings.Builder
	fmt.Fprintf(&t, "version: 1\ndeliveryTasks:\n")
	task := func(name, body string) {
		fmt.Fprintf(&t, "  - name: %s%s\n    zoneId: %s\n%s", sb.prefix, name, sb.zoneID, indent(body))
	}
	cls := fmt.Sprintf("cls: {logSetId: %s, topicId: %s, logSetRegion: %s}\n", sb.logSetID, sb.topicID, sb.clsRegion)
	endpoint := `customEndpoint:
  url: https://siem.example.com/ingest
  accessId: ${env:CONV_ACCESS_ID}
  accessKey: ${env:CONV_ACCESS_KEY}
` + pick(v2, "", "  compressType: gzip\n") + `  headers:
    - {name: Vendor, value: EdgeOne}
    - {name: Authorization, value: "${env:CONV_TOKEN}", secret: true}
`
	s3 := `s3:
  endpoint: https://s3.ap-northeast-2.amazonaws.com
  region: ap-northeast-2
  bucket: logctl-acc-archive/l4/
  accessId: ${env:CONV_S3_ID}
  accessKey: ${env:CONV_S3_KEY}
` + pick(v2, "", "  compressType: gzip\n")

	task("access-to-cls", fmt.Sprintf(`type: cls
logType: l7-access-logs
area: mainland
entities: [%s]
fields: [RequestID, ClientIP, RequestTime, RequestHost, EdgeResponseStatusCode]
`, a)+pick(v2, "", `customFields:
  - {name: ReqHeader, value: Accept-Language, enabled: true}
  - {name: Cookie, value: session, enabled: false}
sample: 605
`)+cls)
	task("security-csv", fmt.Sprintf(`type: custom_endpoint
logType: l7-access-logs
area: overseas
entities: [%s]
fields: [RequestID, ClientIP, SecurityAction, SecurityModule]
`, a)+pick(v2, "", `deliveryConditions:
  - conditions:
      - {key: SecurityAction, operator: equal, value: [Deny, JSChallenge]}
  - conditions:
      - {key: EdgeResponseStatusCode, operator: great_equal, value: ["500"]}
logFormat: {formatType: csv, fieldDelimiter: ",", recordDelimiter: "\n"}
`)+endpoint)
	task("template-endpoint", fmt.Sprintf(`type: custom_endpoint
logType: l7-access-logs
area: mainland
entities: [%s]
fields: [RequestID, RequestUrl]
enabled: %v
`, c, v2)+pick(v2, "", `logFormat: {formatType: template, recordTemplate: "{{RequestID}} {{RequestUrl}}", batchPrefix: "[", batchSuffix: "]"}
`)+endpoint)
	task("l4-to-s3", fmt.Sprintf(`type: s3
logType: application
area: overseas
entities: [%s]
fields: [ServiceID, ConnectTimeStamp, DisconnetTimeStamp, ClientRealIP, SentBytes, ReceivedBytes]
`, sb.l4Proxy)+pick(v2, "", `logFormat: {formatType: json, batchPrefix: "[", batchSuffix: "]", recordPrefix: "{", recordSuffix: "}", recordDelimiter: ","}
`)+s3)
	task("waf-analysis", fmt.Sprintf(`type: log_analysis
logType: web-attack
area: mainland
entities: [%s]
fields: [RequestID, ClientIP, SecurityAction, SecurityRuleID]
`, a))
	// Replaced in v2 by a change of type, same name and entity: the new
	// task can only be created once the old one is gone.
	if !v2 {
		task("replaced", fmt.Sprintf("type: cls\nlogType: l7-access-logs\narea: overseas\nentities: [%s]\nfields: [RequestID]\n", b)+cls)
	} else {
		task("replaced", fmt.Sprintf("type: custom_endpoint\nlogType: l7-access-logs\narea: overseas\nentities: [%s]\nfields: [RequestID, ClientIP]\n", b)+endpoint)
	}
	// Renamed in v2 (scopes only: without one the old task stays): the
	// new name claims the entity the old one holds, so the delete must
	// come first.
	if sb.scopes {
		name := pick(v2, "renamed-new", "renamed-old")
		task(name, fmt.Sprintf("type: cls\nlogType: l7-access-logs\narea: overseas\nentities: [%s]\nfields: [RequestID]\n", c)+cls)
	}
	if !v2 || !sb.scopes {
		task("deleted-in-v2", fmt.Sprintf("type: cls\nlogType: l7-access-logs\narea: mainland\nentities: [%s]\nfields: [RequestID]\n", b)+cls)
	}
	return t.String()
}

// dumpsYAML: one dump per stream; v2 drops the prefixes of the first fifth,
// changes period and status of the second, and (with scopes) deletes the
// last fifth.
func dumpsYAML(sb sandbox, v2 bool) string {
	var d strings.Builder
	d.WriteString("version: 1\ndumps:\n")
	n := sb.dumpSlots()
	periods := []string{"2min", "5min", "30min", "1hour", "3hour", "6hour", "12hour"}
	for i := range n {
		if v2 && sb.scopes && i >= n*4/5 {
			break
		}
		period, format, enabled := periods[i%len(periods)], []string{"RAW", "JSON"}[i%2], i%3 != 0
		group, stream, bucket := sb.dumpAt(i)
		line := fmt.Sprintf("  - {name: %sdump-%03d, logGroupId: %s, logStreamIds: [%s], bucket: %s, storageFormat: %s",
			sb.prefix, i, group, stream, bucket, format)
		switch {
		case v2 && i < n/5:
			// prefixes removed
		default:
			line += fmt.Sprintf(", prefixName: p%03d, dirPrefixName: dir%d", i, i%4)
		}
		if v2 && i >= n/5 && i < 2*n/5 {
			period, enabled = periods[(i+1)%len(periods)], !enabled
		}
		d.WriteString(line + fmt.Sprintf(", period: %s, enabled: %v}\n", period, enabled))
	}
	return d.String()
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "    " + strings.Join(lines, "\n    ") + "\n"
}

// writeRepo replaces the repository in dir with files.
func writeRepo(t tb, dir string, files map[string]string) {
	t.Helper()
	old, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatalf("%v", err)
		}
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatalf("%v", err)
		}
	}
}
