package ratelimit

import (
	"context"
	"fmt"
	"sync"
)

// Set holds one limiter per action of a table. A provider keeps one Set and
// shares it among all its goroutines, so concurrent reads and applies stay
// under the quota together. It is safe for concurrent use.
type Set struct {
	table Table
	clock Clock

	mu       sync.Mutex
	limiters map[string]*Limiter
}

// NewSet builds the limiters of table lazily, on first use of an action.
func NewSet(table Table, clock Clock) *Set {
	return &Set{table: table, clock: clock, limiters: map[string]*Limiter{}}
}

// Wait blocks until a call of action may be sent (see Limiter.Wait). An
// action missing from the table is an error: every call must have a quota,
// and a typo must not silently disable pacing.
func (s *Set) Wait(ctx context.Context, action string) error {
	l, err := s.limiter(action)
	if err != nil {
		return err
	}
	return l.Wait(ctx)
}

func (s *Set) limiter(action string) (*Limiter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.limiters[action]; ok {
		return l, nil
	}
	rate, ok := s.table[action]
	if !ok {
		return nil, fmt.Errorf("rate limit: no quota for action %q", action)
	}
	l := NewLimiter(rate, s.clock)
	s.limiters[action] = l
	return l, nil
}
