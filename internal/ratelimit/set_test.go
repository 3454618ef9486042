package ratelimit

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSetActionsAreIndependent(t *testing.T) {
	fc := newFakeClock()
	s := NewSet(Table{"a:One": 10, "a:Two": 10}, fc.clock())
	for _, action := range []string{"a:One", "a:Two", "a:One", "a:Two"} {
		if err := s.Wait(context.Background(), action); err != nil {
			t.Fatal(err)
		}
	}
	// First use of each action is free; the second of a:One waits 100 ms,
	// and by then a:Two's slot has come too.
	if diff := cmp.Diff([]time.Duration{ms(100)}, fc.sleeps); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestSetUnknownAction(t *testing.T) {
	s := NewSet(Vendor(), Clock{})
	if err := s.Wait(context.Background(), "teo:CreateRealtimeLogDeliveryTsak"); err == nil {
		t.Fatal("Wait on an action without a quota succeeded; want an error")
	}
}

func TestVendorTable(t *testing.T) {
	tests := []struct {
		action string
		want   float64
	}{
		{TeoCreateTask, 20}, {TeoModifyTask, 20}, {TeoDeleteTask, 20}, {TeoDescribeTasks, 20},
		{TeoDownloadL7Logs, 100}, {TeoDownloadL4Logs, 100}, {TeoDownloadL7LogsLegacy, 20},
		{CLSCreateExport, 20}, {CLSDescribeExports, 20}, {CLSDeleteExport, 20},
		{LTSCreateTransfer, 20}, {LTSListTransfers, 20}, {LTSUpdateTransfer, 20},
		{LTSDeleteTransfer, 20}, {LTSCreateLogDumpObs, 20},
	}
	v := Vendor()
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			if got, ok := v[tt.action]; !ok || got != tt.want {
				t.Errorf("Vendor()[%q] = %v, %v; want %v", tt.action, got, ok, tt.want)
			}
		})
	}
	if len(v) != len(tests) {
		t.Errorf("Vendor() has %d actions, the test lists %d", len(v), len(tests))
	}
	v[TeoCreateTask] = 1
	if Vendor()[TeoCreateTask] != 20 {
		t.Error("Vendor() returned a shared table: a caller's change leaked")
	}
	for k, rate := range Vendor().Unlimited() {
		if rate != 0 {
			t.Errorf("Unlimited()[%q] = %v, want 0", k, rate)
		}
	}
}
