package call

import (
	"context"
	"sync"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
)

// Ahead is a call started before anyone knows its answer is wanted: the
// first page of a customer's subscriptions, read alongside the lookup that
// decides whether the customer screen opens at all, so the screen fills
// after one round trip instead of two. It belongs to the request it was
// started with (same ID, same cancellation) and tells no one of its end: a
// refusal nobody asked to see must not reach the status pane. The screen
// that wants the answer adopts it; otherwise cancelling the request drops
// it.
type Ahead[T any] struct {
	id     uint64
	label  string
	cancel context.CancelFunc
	done   chan struct{}
	val    T
	err    error

	mu sync.Mutex
	// wait is the retry wait under way, replayed to the status pane on
	// adoption: the pane ignored it while nobody owned the call.
	wait    *client.Event
	adopted bool
}

// CallAhead starts fn like c.Call and, in parallel with it, ahead: a second
// call under the same request ID and cancellation. The request's context
// ends when both calls have ended or the request is cancelled. ahead's
// retry events carry aheadLabel; its answer waits in the returned Ahead.
func CallAhead[T any](c Caller, label string, fn func(ctx context.Context, id uint64) tea.Msg,
	aheadLabel string, ahead func(ctx context.Context) (T, error)) (Request, *Ahead[T], tea.Cmd) {
	id, ctx, cancel := c.begin()
	var left atomic.Int32
	left.Store(2)
	end := func() {
		if left.Add(-1) == 0 {
			cancel()
		}
	}
	a := &Ahead[T]{id: id, label: aheadLabel, cancel: cancel, done: make(chan struct{})}
	fnCtx := c.reporting(ctx, id, label, nil)
	aheadCtx := c.reporting(ctx, id, aheadLabel, a.seen)
	run := func() tea.Msg {
		defer end()
		return guarded(id, func() tea.Msg { return fn(fnCtx, id) })
	}
	runAhead := func() tea.Msg {
		defer end()
		defer close(a.done)
		guarded(id, func() tea.Msg {
			// A panic leaves the zero value and the error below.
			a.err = errAheadPanicked
			a.val, a.err = ahead(aheadCtx)
			return nil
		})
		return nil
	}
	started := func() tea.Msg { return StartedMsg{ReqID: id, Label: label} }
	return Request{ID: id, cancel: cancel}, a, tea.Batch(tea.Sequence(started, run), runAhead)
}

// errAheadPanicked is the answer of an ahead call that panicked.
var errAheadPanicked = panicError("the call read ahead stopped")

// seen keeps the retry wait under way, for Adopt to replay.
func (a *Ahead[T]) seen(e client.Event) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch e.Kind {
	case client.EventRetryWait:
		a.wait = &e
	default:
		a.wait = nil
	}
}

// Adopt makes the call the caller's own: from now on the status pane hears
// of it as of any call (a spinner when slow, a retry wait under way, its
// failure), and the answer comes, once, as the message msg builds: at once
// if it has arrived, else when it does. The returned Request cancels it.
// A second Adopt gets nothing.
func (a *Ahead[T]) Adopt(msg func(id uint64, v T, err error) tea.Msg) (Request, tea.Cmd) {
	req := Request{ID: a.id, cancel: a.cancel}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.adopted {
		return req, nil
	}
	a.adopted = true
	started := func() tea.Msg { return StartedMsg{ReqID: a.id, Label: a.label} }
	replay := func() tea.Msg {
		a.mu.Lock()
		defer a.mu.Unlock()
		select {
		case <-a.done:
			return nil
		default:
		}
		if a.wait == nil {
			return nil
		}
		return RetryMsg{ReqID: a.id, Label: a.label, Event: *a.wait}
	}
	answer := func() tea.Msg {
		<-a.done
		return msg(a.id, a.val, a.err)
	}
	return req, tea.Sequence(started, replay, answer)
}
