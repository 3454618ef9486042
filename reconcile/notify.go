package reconcile

import "context"

// A provider that has to wait inside a step (a delete that is not finished
// yet, a write that does not show yet) says so through the step's context;
// apply reports it through Applier.Progress as a StatusWaiting result.

type notifyKey struct{}

// Notify tells the apply running the current step what it is waiting for.
// Outside an apply it does nothing.
func Notify(ctx context.Context, msg string) {
	if fn, ok := ctx.Value(notifyKey{}).(func(string)); ok {
		fn(msg)
	}
}

func withNotify(ctx context.Context, fn func(string)) context.Context {
	return context.WithValue(ctx, notifyKey{}, fn)
}
