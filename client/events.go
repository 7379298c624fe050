package client

import "context"

type eventsKey struct{}

// WithEvents returns a context whose calls report their progress (retry
// waits, unknown outcomes, changes found already applied, restarted
// listings) to f as they happen. f runs on the calling goroutine, except
// for the events of a page a Pager reads in the background, which reach
// it on that read's goroutine while the call waits for the page (never
// after the call returned): f must not block and must be safe to call
// from another goroutine. The terminal UI forwards each Event to its
// program.
func WithEvents(ctx context.Context, f func(Event)) context.Context {
	return context.WithValue(ctx, eventsKey{}, f)
}

// eventFunc is the func set by WithEvents on ctx, or nil.
func eventFunc(ctx context.Context) func(Event) {
	f, _ := ctx.Value(eventsKey{}).(func(Event))
	return f
}

// emit reports ev to the func in ctx, if any.
func emit(ctx context.Context, ev Event) {
	if f := eventFunc(ctx); f != nil {
		f(ev)
	}
}

// rereading returns ctx for the re-read that follows a write's lost
// answer: its events are marked ReRead, so that front ends count its
// retries apart from the write's attempts and say which is waiting.
func rereading(ctx context.Context) context.Context {
	f := eventFunc(ctx)
	if f == nil {
		return ctx
	}
	return WithEvents(ctx, func(ev Event) {
		ev.ReRead = true
		f(ev)
	})
}
