package retry

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/apierr"
)

// askAfter is a vendor error carrying a Retry-After, as apierr.HTTPError
// does.
type askAfter struct{ d time.Duration }

func (e askAfter) Error() string             { return fmt.Sprintf("throttled, retry after %s", e.d) }
func (e askAfter) Is(target error) bool      { return target == apierr.ErrThrottled }
func (e askAfter) RetryAfter() time.Duration { return e.d }

var (
	throttled = &apierr.HTTPError{Op: "op", Host: "h", Status: 429}
	lost      = &apierr.NetworkError{Op: "op", Host: "h", Sent: true, Err: errors.New("EOF")}
	refused   = &apierr.HTTPError{Op: "op", Host: "h", Status: 400}
)

// TestDo drives Do on the fake clock of synctest, so the waits between
// calls are measured exactly.
func TestDo(t *testing.T) {
	base := Policy{Tries: 6, Initial: 100 * time.Millisecond, Max: 500 * time.Millisecond, NoJitter: true}
	withWait := base
	withWait.MaxWait = 350 * time.Millisecond
	tests := []struct {
		name      string
		policy    Policy
		classify  func(error) bool
		errs      []error // op results, in order
		wantCalls int
		wantErr   error
		wantWaits []time.Duration
	}{
		{name: "success first", policy: base, classify: Transient, errs: []error{nil}, wantCalls: 1},
		{name: "retries then succeeds", policy: base, classify: Transient, errs: []error{throttled, throttled, nil},
			wantCalls: 3, wantWaits: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}},
		{name: "permanent error not retried", policy: base, classify: Transient, errs: []error{refused},
			wantCalls: 1, wantErr: refused},
		{name: "unknown outcome final for a write", policy: base, classify: Transient, errs: []error{lost},
			wantCalls: 1, wantErr: lost},
		{name: "unknown outcome retried for a read", policy: base, classify: Idempotent, errs: []error{lost, nil},
			wantCalls: 2, wantWaits: []time.Duration{100 * time.Millisecond}},
		{name: "marked permanent", policy: base, classify: Idempotent, errs: []error{Permanent(throttled)},
			wantCalls: 1, wantErr: throttled},
		{name: "tries spent, waits capped", policy: base, classify: Transient,
			errs:      []error{throttled, throttled, throttled, throttled, throttled, throttled, nil},
			wantCalls: 6, wantErr: throttled, wantWaits: []time.Duration{100 * time.Millisecond,
				200 * time.Millisecond, 400 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}},
		{name: "total wait bounded", policy: withWait, classify: Transient, errs: []error{throttled, throttled, throttled, nil},
			wantCalls: 3, wantErr: throttled, wantWaits: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}},
		{name: "Retry-After of the answer replaces the back-off", policy: base, classify: Transient,
			errs: []error{askAfter{3 * time.Second}, throttled, nil}, wantCalls: 3,
			wantWaits: []time.Duration{3 * time.Second, 100 * time.Millisecond}},
		{name: "Retry-After beyond the total wait: no wait", policy: withWait, classify: Transient,
			errs: []error{askAfter{time.Second}, nil}, wantCalls: 1, wantErr: askAfter{time.Second}},
		{name: "After zero retries at once", policy: base, classify: Transient,
			errs: []error{After(refused, 0), nil}, wantCalls: 2, wantWaits: []time.Duration{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var waits []time.Duration
				last := time.Now()
				calls := 0
				err := Do(t.Context(), tt.policy, tt.classify, func() error {
					if calls > 0 {
						waits = append(waits, time.Since(last))
					}
					last = time.Now()
					calls++
					return tt.errs[calls-1]
				})
				if calls != tt.wantCalls || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
					t.Errorf("Do: %d calls, %v; want %d, %v", calls, err, tt.wantCalls, tt.wantErr)
				}
				if diff := cmp.Diff(tt.wantWaits, waits); diff != "" {
					t.Errorf("waits (-want +got):\n%s", diff)
				}
			})
		})
	}
}

func TestDoSharesBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := Policy{Tries: 10, Initial: time.Second, Max: time.Second, NoJitter: true, Budget: NewBudget(3 * time.Second)}
		start := time.Now()
		calls := 0
		op := func() error { calls++; return throttled }
		for range 2 {
			if err := Do(t.Context(), p, Transient, op); !errors.Is(err, throttled) {
				t.Fatalf("Do = %v, want the throttled error", err)
			}
		}
		// 3 one-second waits in all: 3 retries after the first call, and
		// the second Do finds the budget spent after its first call.
		if waited := time.Since(start); waited != 3*time.Second || calls != 5 {
			t.Errorf("waited %v over %d calls, want 3s over 5", waited, calls)
		}
	})
}

func TestDoStopsWhenContextDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		calls := 0
		go func() {
			time.Sleep(150 * time.Millisecond)
			cancel()
		}()
		p := Policy{Tries: 10, Initial: 100 * time.Millisecond, Max: time.Second, NoJitter: true}
		err := Do(ctx, p, Transient, func() error { calls++; return throttled })
		if calls != 2 || !errors.Is(err, throttled) || !errors.Is(err, context.Canceled) {
			t.Errorf("Do after cancel: %d calls, %v; want 2 calls, the last error joined with the cancel", calls, err)
		}
	})
}

// TestJitter: without NoJitter each wait lies within ±50 % of the
// computed one, and the waits are not all equal to it.
func TestJitter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := Policy{Tries: 6, Initial: 100 * time.Millisecond, Max: 400 * time.Millisecond}
		computed := []time.Duration{100, 200, 400, 400, 400}
		exact := 0
		for range 20 {
			last, calls := time.Now(), 0
			_ = Do(t.Context(), p, Transient, func() error {
				if calls > 0 {
					want := computed[calls-1] * time.Millisecond
					got := time.Since(last)
					if got < want/2 || got > want*3/2+1 {
						t.Errorf("wait %d = %v, want within [%v, %v]", calls, got, want/2, want*3/2)
					}
					if got == want {
						exact++
					}
				}
				last = time.Now()
				calls++
				return throttled
			})
		}
		if exact == 100 {
			t.Error("every wait was the computed one: no jitter")
		}
	})
}

func TestOr(t *testing.T) {
	def := Policy{Tries: 8, Initial: time.Second, Max: 3 * time.Second, MaxWait: time.Minute}
	got := Policy{Tries: 2, NoJitter: true}.Or(def)
	want := Policy{Tries: 2, Initial: time.Second, Max: 3 * time.Second, MaxWait: time.Minute, NoJitter: true}
	if got != want {
		t.Errorf("Or = %+v, want %+v", got, want)
	}
}
