package emulator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/emulator"
)

const liveWorld = `
tencent:
  zones:
    - id: zone-live00000001
      name: live.example
      domains: [a.live.example, b.live.example]
  cls:
    - region: ap-shanghai
      logSets:
        - id: ls-live
          topics: [topic-live]
live:
  deliveryTasks:
    - name: seeded_task
      zoneId: zone-live00000001
      type: custom_endpoint
      logType: l7-access-logs
      area: overseas
      entities: [a.live.example]
      fields: [RequestID]
      enabled: false
      customEndpoint: {url: "https://collector.example/in", accessId: id, accessKey: key, headers: [{name: Vendor, value: EdgeOne}]}
      deliveryConditions:
        - conditions:
            - {key: EdgeResponseStatusCode, operator: great_equal, value: ["500"]}
  exports:
    - name: seeded-export
      region: ap-shanghai
      topicId: topic-live
      query: "status:500"
      count: 10
      from: 2020-12-09T07:31:47Z
      to: "1607499207000"
  dumps:
    - name: seeded-dump
      region: cn-north-4
      projectId: 0123456789abcdef0123456789abcdef
      logGroupId: d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053
      logStreamIds: [45e7f609-xxxx-4cd3-835b-xxxx4a124718]
      bucket: lts-test
      storageFormat: RAW
      period: 5min
`

func TestPersistenceAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "emulator.json")
	opts := emulator.Options{StatePath: path, World: []byte(liveWorld), Seed: 7}

	e := newEnv(t, opts)
	tasks := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": "zone-live00000001"})
	if num(tasks["TotalCount"]) != 1 {
		t.Fatalf("live task not seeded: %s", jsonOf(tasks))
	}
	seeded := obj(list(tasks["RealtimeLogDeliveryTasks"])[0])
	if seeded["TaskName"] != "seeded_task" || seeded["DeliveryStatus"] != "disabled" || obj(seeded["CustomEndpoint"])["AccessKey"] != "key" {
		t.Errorf("seeded task: %s", jsonOf(seeded))
	}
	exp, err := e.call("cls", "2020-10-16", "DescribeExports", "ap-shanghai", map[string]any{"TopicId": "topic-live"})
	if err != nil || num(exp["TotalCount"]) != 1 || num(obj(list(exp["Exports"])[0])["From"]) != 1607499107000 {
		t.Fatalf("live export: %v %s", err, jsonOf(exp))
	}
	created := e.teo("CreateRealtimeLogDeliveryTask", task(map[string]any{"ZoneId": "zone-live00000001", "EntityList": []any{"b.live.example"},
		"CLS": map[string]any{"LogSetId": "ls-live", "TopicId": "topic-live", "LogSetRegion": "ap-shanghai"}}))["TaskId"]
	before := e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": "zone-live00000001"})
	e.ts.Close()
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}

	var doc map[string]json.RawMessage
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &doc); err != nil || doc["tencent"] == nil || doc["huawei"] == nil {
		t.Fatalf("state file is not {tencent, huawei}: %v %s", err, b)
	}
	if !strings.Contains(string(doc["huawei"]), "lts-test") {
		t.Errorf("live dump not in the state: %s", doc["huawei"])
	}

	// Restart on the same file and world: the state resumes and the live
	// resources are not seeded again.
	e2 := newEnv(t, opts)
	after := e2.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": "zone-live00000001"})
	delete(before, "RequestId")
	delete(after, "RequestId")
	if jsonOf(after) != jsonOf(before) {
		t.Errorf("state after restart differs:\n%s\n%s", jsonOf(before), jsonOf(after))
	}
	if n := num(e2.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 0 {
		t.Errorf("exports of another topic: %d", n)
	}
	// Ids keep counting: a new task never reuses an id.
	e2.teo("DeleteRealtimeLogDeliveryTask", map[string]any{"ZoneId": "zone-live00000001", "TaskId": created})
	again := e2.teo("CreateRealtimeLogDeliveryTask", task(map[string]any{"ZoneId": "zone-live00000001", "EntityList": []any{"b.live.example"},
		"CLS": map[string]any{"LogSetId": "ls-live", "TopicId": "topic-live", "LogSetRegion": "ap-shanghai"}}))["TaskId"]
	if again == created || again == seeded["TaskId"] {
		t.Errorf("id %v reused after restart", again)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"emulator.json", "emulator.json.lock"}; !slices.Equal(names, want) {
		t.Errorf("state directory holds %v, want %v (temp files left?)", names, want)
	}
}

func TestDeterministicIDs(t *testing.T) {
	ids := func(seed int64) []string {
		e := newEnv(t, emulator.Options{Seed: seed})
		var out []string
		for i := 0; i < 3; i++ {
			out = append(out, e.cls("CreateExport", seedExport)["ExportId"].(string))
		}
		return out
	}
	a, b, c := ids(1), ids(1), ids(2)
	if jsonOf(a) != jsonOf(b) || jsonOf(a) == jsonOf(c) {
		t.Errorf("ids by seed: %v %v %v", a, b, c)
	}
}

func TestWorldAndCredentialErrors(t *testing.T) {
	for name, opts := range map[string]emulator.Options{
		"unknown world key":       {World: []byte("tencent:\n  zonez: []\n")},
		"bad live task":           {World: []byte("live:\n  deliveryTasks:\n    - {name: x, zoneId: zone-nope, type: cls, logType: domain, area: mainland, entities: [a], fields: [b]}\n")},
		"bad live export":         {World: []byte("live:\n  exports:\n    - {name: x, region: ap-guangzhou, topicId: nope, query: q, count: 1, from: '1', to: '2'}\n")},
		"bad live dump":           {World: []byte("live:\n  dumps:\n    - {name: x, projectId: nope}\n")},
		"bad credentials":         {Credentials: []byte("tencent: [a, b]\n")},
		"fault rate out of range": {FaultRate: 2},
	} {
		if _, err := emulator.New(opts); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
	path := filepath.Join(t.TempDir(), "s.json")
	os.WriteFile(path, []byte("{not json"), 0o644)
	if _, err := emulator.New(emulator.Options{StatePath: path}); err == nil {
		t.Errorf("corrupt state file accepted")
	}
}

func TestConcurrentRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	e := newEnv(t, emulator.Options{StatePath: path, NoRateLimits: true})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				body := fmt.Sprintf(`{"TopicId":"%s","Query":"g:%d i:%d","Count":1,"From":1,"To":2}`, topic, g, i)
				if _, err := e.call("cls", "2020-10-16", "CreateExport", "ap-guangzhou", body); err != nil {
					t.Error(err)
				}
				if _, err := e.call("cls", "2020-10-16", "DescribeExports", "ap-guangzhou", map[string]any{"TopicId": topic}); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	if n := num(e.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 80 {
		t.Errorf("TotalCount = %d, want 80", n)
	}
	if got := e.srv.Requests(); got["cls:CreateExport"] != 80 || got["cls:DescribeExports"] != 81 {
		t.Errorf("Requests() = %v", got)
	}
	e.ts.Close()
	e.srv.Close()
	e2 := newEnv(t, emulator.Options{StatePath: path})
	if n := num(e2.cls("DescribeExports", map[string]any{"TopicId": topic})["TotalCount"]); n != 80 {
		t.Errorf("after restart TotalCount = %d, want 80", n)
	}
}

func TestServe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	srv, err := emulator.New(emulator.Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, "127.0.0.1:0", func(u string) { ready <- u }) }()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("Serve never became ready")
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("base URL %q", base)
	}
	e := &env{t: t, srv: srv, clock: &clock{}}
	e.ts = nil
	c := clientFor(t, base)
	out, err := e.callWith(c, "teo", "2022-09-01", "DownloadL7Logs", map[string]any{"StartTime": time.Now().Add(-24 * time.Hour).Format(time.RFC3339), "EndTime": time.Now().Format(time.RFC3339), "ZoneIds": []string{zone}, "Limit": 1})
	if err != nil {
		t.Fatal(err)
	}
	if u := obj(list(out["Data"])[0])["Url"].(string); !strings.HasPrefix(u, base+"/offline-logs/") {
		t.Errorf("package Url %q is not on %s", u, base)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("state not flushed: %v", err)
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}

// The world file example of design §7, verbatim.
const designWorld = `
tencent:
  zones:
    - id: zone-2z55fgysdtmc
      domains: [domain.example.com]
      l4Proxies: [sid-2s69eb5wcms7]
      functions: [test-zone-2mxigizoh9l9-1257626257]
  cls:
    - region: ap-guangzhou
      logSets:
        - id: 1a6efff1-0e40-4d37-a4ed-02c92513406b
          topics: [0b3a07c0-5cf6-4017-8a75-cd4459aea588, ee20bb16-3025-4048-b81a-dd436373062e]
huawei:
  projects:
    - id: 0123456789abcdef0123456789abcdef
      region: cn-north-4
      logGroups:
        - {id: d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053, streams: [45e7f609-xxxx-4cd3-835b-xxxx4a124718]}
      buckets: [lts-test]
live:            # resources that already exist, in the logctl YAML format of section 3
  deliveryTasks: []
  exports: []
  dumps: []
`

func TestDesignWorldExample(t *testing.T) {
	e := newEnv(t, emulator.Options{World: []byte(designWorld)})
	e.teo("CreateRealtimeLogDeliveryTask", seedCreates["cls"])
	e.cls("CreateExport", seedExport)
	if n := num(e.teo("DescribeRealtimeLogDeliveryTasks", map[string]any{"ZoneId": zone})["TotalCount"]); n != 1 {
		t.Errorf("TotalCount %d", n)
	}
}
