package tencent

import (
	"sync"
	"time"
)

// limiter enforces the per-action quotas ("a maximum of N requests per
// second") as token buckets holding N tokens and refilled at N per second,
// the same shape a client-side golang.org/x/time/rate limiter has, so a
// client that paces itself at the quota is never refused.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// allow takes one token from the bucket of key (capacity and rate = perSec)
// and reports whether there was one.
func (l *limiter) allow(key string, perSec int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(perSec), last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last); el > 0 {
		b.tokens += el.Seconds() * float64(perSec)
		if b.tokens > float64(perSec) {
			b.tokens = float64(perSec)
		}
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
