package client

import "context"

type eventsKey struct{}

// WithEvents returns a context whose calls report their progress (retry
// waits, unknown outcomes, changes found already applied, restarted
// listings) to f as they happen. f runs on the calling goroutine and must
// not block; the terminal UI forwards each Event to its program.
func WithEvents(ctx context.Context, f func(Event)) context.Context {
	return context.WithValue(ctx, eventsKey{}, f)
}

// emit reports ev to the func in ctx, if any.
func emit(ctx context.Context, ev Event) {
	if f, ok := ctx.Value(eventsKey{}).(func(Event)); ok && f != nil {
		f(ev)
	}
}
