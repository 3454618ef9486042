package providertest

import (
	"context"
	"sync"
	"time"
)

// Clock is real time plus an offset that Sleep moves forward instead of
// waiting. Give Now to the emulator (emulator.Options.Now) and Sleep to a
// provider's read-back waits (tencent.Settle.Sleep): a wait for a lagging
// read then costs no real time. The offset stays small enough for the
// vendors' signatures, which are checked against the emulator's clock but
// made with the real one.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Sleep moves the clock forward by d at once.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	return ctx.Err()
}
