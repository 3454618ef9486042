package teo

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/apierr"
	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/tencent"
)

// These tests run the API against the emulator over real HTTP, signed with
// the emulator's default credentials (design §7).

func startEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, srv)
}

func serve(t testing.TB, srv *emulator.Server) (*emulator.Server, string) {
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	srv.SetBaseURL(ts.URL)
	return srv, ts.URL
}

func emulatorClient(t testing.TB, url, version, secretKey string) *tencent.Client {
	t.Helper()
	env := map[string]string{tencent.EnvSecretID: emulator.DefaultTencentSecretID, tencent.EnvSecretKey: secretKey}
	c, err := tencent.New(Service, version, tencent.Config{Endpoint: url, Timeout: 5 * time.Second,
		Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func emulatorAPI(t *testing.T, url string) *API {
	return NewAPI(emulatorClient(t, url, Version, emulator.DefaultTencentSecretKey))
}

func seedCLSTask(name string) *CreateTaskRequest {
	r := seedCreate("cls")
	r.TaskName, r.LogType = name, "l7-access-logs"
	r.CustomFields, r.Sample = seedCustom, ptr(uint64(605))
	r.CLS = &CLSTopic{LogSetId: "1a6efff1-0e40-4d37-a4ed-02c92513406b",
		TopicId: "0b3a07c0-5cf6-4017-8a75-cd4459aea588", LogSetRegion: "ap-guangzhou"}
	return &r
}

func TestEmulatorTaskLifecycle(t *testing.T) {
	_, url := startEmulator(t, emulator.Options{})
	api, ctx := emulatorAPI(t, url), context.Background()
	const zone = "zone-2z55fgysdtmc"

	created, err := api.CreateTask(ctx, seedCLSTask("lifecycle"))
	if err != nil {
		t.Fatal(err)
	}
	byID := []AdvancedFilter{{Name: "task-id", Values: []string{created.TaskId}}}
	tasks, _, err := api.DescribeAllTasks(ctx, zone, byID)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("describe after create: %v, %d tasks", err, len(tasks))
	}
	got := tasks[0]
	if got.TaskName != "lifecycle" || got.Sample != 605 || got.CLS == nil || got.CLS.TopicId != "0b3a07c0-5cf6-4017-8a75-cd4459aea588" {
		t.Errorf("read back %+v", got)
	}
	if diff := cmp.Diff(seedFields, got.Fields); diff != "" {
		t.Errorf("Fields (-sent +read):\n%s", diff)
	}

	_, err = api.ModifyTask(ctx, &ModifyTaskRequest{ZoneId: zone, TaskId: created.TaskId,
		DeliveryStatus: ptr("disabled"), Fields: []string{"RequestID"}, DeliveryConditions: []DeliveryCondition{}})
	if err != nil {
		t.Fatal(err)
	}
	tasks, _, _ = api.DescribeAllTasks(ctx, zone, byID)
	if len(tasks) != 1 || tasks[0].DeliveryStatus != "disabled" || !cmp.Equal(tasks[0].Fields, []string{"RequestID"}) {
		t.Errorf("after modify: %+v", tasks)
	}

	// A second cls task for the same (entity, LogType, Area) breaks the
	// uniqueness rule (edgeone-logs.md §8): refused, not retryable.
	_, err = api.CreateTask(ctx, seedCLSTask("duplicate"))
	if !errors.Is(err, apierr.ErrInvalid) {
		t.Errorf("duplicate cls task: %v, want ErrInvalid", err)
	}

	if _, err := api.DeleteTask(ctx, &DeleteTaskRequest{ZoneId: zone, TaskId: created.TaskId}); err != nil {
		t.Fatal(err)
	}
	if tasks, _, err = api.DescribeAllTasks(ctx, zone, byID); err != nil || len(tasks) != 0 {
		t.Errorf("after delete: %v, %+v", err, tasks)
	}
	_, err = api.DeleteTask(ctx, &DeleteTaskRequest{ZoneId: zone, TaskId: created.TaskId})
	if !errors.Is(err, apierr.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// TestEmulatorDescribePaging asserts the page math against the emulator's
// own request count: one call per page, none extra (design §9).
func TestEmulatorDescribePaging(t *testing.T) {
	const n = 25
	srv, url := startEmulator(t, emulator.Options{World: pagingWorld(n)})
	tests := []struct {
		pageSize  int64
		wantCalls int
	}{{10, 3}, {25, 1}, {5, 5}, {1000, 1}}
	for _, tt := range tests {
		t.Run(fmt.Sprint("page ", tt.pageSize), func(t *testing.T) {
			api := emulatorAPI(t, url)
			api.pageSize = tt.pageSize
			before := srv.Requests()["teo:DescribeRealtimeLogDeliveryTasks"]
			tasks, calls, err := api.DescribeAllTasks(context.Background(), "zone-paging", nil)
			if err != nil {
				t.Fatal(err)
			}
			served := srv.Requests()["teo:DescribeRealtimeLogDeliveryTasks"] - before
			if len(tasks) != n || calls != tt.wantCalls || served != tt.wantCalls {
				t.Errorf("%d tasks, %d calls reported, %d served; want %d, %d", len(tasks), calls, served, n, tt.wantCalls)
			}
			names := map[string]bool{}
			for _, task := range tasks {
				names[task.TaskName] = true
			}
			if len(names) != n {
				t.Errorf("%d distinct names, want %d", len(names), n)
			}
		})
	}
}

// pagingWorld is a zone with n domains, each already delivered by one task.
func pagingWorld(n int) []byte {
	var domains, tasks strings.Builder
	for i := range n {
		fmt.Fprintf(&domains, "        - d%02d.paging.example.com\n", i)
		fmt.Fprintf(&tasks, `  - {name: task-%02d, zoneId: zone-paging, type: cls, logType: l7-access-logs, area: mainland,
     entities: [d%02d.paging.example.com], fields: [RequestID],
     cls: {logSetId: 1a6efff1-0e40-4d37-a4ed-02c92513406b, topicId: 0b3a07c0-5cf6-4017-8a75-cd4459aea588, logSetRegion: ap-guangzhou}}
`, i, i)
	}
	return []byte("tencent:\n  zones:\n    - id: zone-paging\n      domains:\n" + domains.String() +
		"live:\n  deliveryTasks:\n" + tasks.String())
}

func TestEmulatorErrorClasses(t *testing.T) {
	t.Run("wrong secret key is auth", func(t *testing.T) {
		_, url := startEmulator(t, emulator.Options{})
		api := NewAPI(emulatorClient(t, url, Version, "not-the-secret"))
		_, _, err := api.DescribeAllTasks(context.Background(), "zone-2z55fgysdtmc", nil)
		if !errors.Is(err, apierr.ErrAuth) || strings.Contains(err.Error(), "not-the-secret") {
			t.Errorf("err = %v, want ErrAuth without the key", err)
		}
	})
	t.Run("over the 20/s quota is throttled", func(t *testing.T) {
		now := time.Now() // a frozen clock: the bucket never refills
		_, url := startEmulator(t, emulator.Options{Now: func() time.Time { return now }})
		api := emulatorAPI(t, url)
		var mu sync.Mutex
		var ok, throttled, other int
		var wg sync.WaitGroup
		for range 30 {
			wg.Go(func() {
				_, err := api.DescribeTasks(context.Background(), &DescribeTasksRequest{ZoneId: "zone-2z55fgysdtmc"})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, apierr.ErrThrottled):
					throttled++
				default:
					other++
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if ok != 20 || throttled != 10 || other != 0 {
			t.Errorf("ok %d throttled %d other %d; want 20 10 0", ok, throttled, other)
		}
	})
	t.Run("lost answer after commit is outcome unknown, and find sees the task", func(t *testing.T) {
		_, url := startEmulator(t, emulator.Options{FaultAfterCommit: 1, Seed: 1})
		api := emulatorAPI(t, url)
		_, err := api.CreateTask(context.Background(), seedCLSTask("lost-answer"))
		if !errors.Is(err, apierr.ErrOutcomeUnknown) || apierr.Retryable(err) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown and not retryable", err)
		}
		tasks, _, err := api.DescribeAllTasks(context.Background(), "zone-2z55fgysdtmc",
			[]AdvancedFilter{{Name: "task-name", Values: []string{"lost-answer"}}})
		if err != nil || len(tasks) != 1 {
			t.Errorf("find before retry: %v, %d tasks; want the committed task", err, len(tasks))
		}
	})
}
