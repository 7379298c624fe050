package call

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/internal/inflight"
)

// Request is one API call a screen waits for: its ID, to recognise the
// answer, and its cancel func, kept in the screen's model so navigating away
// or quitting stops it.
type Request struct {
	ID     uint64
	cancel context.CancelFunc
}

// Cancel stops the call; safe on the zero Request.
func (r Request) Cancel() {
	if r.cancel != nil {
		r.cancel()
	}
}

// Pending reports whether the request is still awaited.
func (r Request) Pending() bool { return r.ID != 0 }

// Is reports whether id answers this request.
func (r Request) Is(id uint64) bool { return r.ID != 0 && r.ID == id }

// Answered reports whether id answers this request, which is then no
// longer awaited.
func (r *Request) Answered(id uint64) bool {
	if !r.Is(id) {
		return false
	}
	*r = Request{}
	return true
}

// Stop cancels the call and no longer awaits it; safe on the zero Request.
func (r *Request) Stop() {
	r.Cancel()
	*r = Request{}
}

// Result is what every answer to a request implements, so the root model and
// the status pane can see that a call ended and how without knowing its type.
type Result interface {
	RequestID() uint64
	Failure() error
}

// Done is embedded in every result message: the request it answers and the
// error, if any.
type Done struct {
	ReqID uint64
	Err   error
}

// RequestID implements Result.
func (d Done) RequestID() uint64 { return d.ReqID }

// Failure implements Result.
func (d Done) Failure() error { return d.Err }

// FailedMsg answers a request whose command panicked or whose screen could
// not build a typed result.
type FailedMsg struct{ Done }

// StartedMsg tells the status pane that a call began, so it can show a
// spinner if the call is still running ~150 ms later.
type StartedMsg struct {
	ReqID uint64
	Label string
}

// RetryMsg carries a client event (a retry wait, an unknown outcome) for a
// running request to the status pane.
type RetryMsg struct {
	ReqID uint64
	Label string
	Event client.Event
}

// Caller starts a screen's API calls. common.Common embeds it, so a screen
// writes c.Call and c.Write; its pointer fields (IDs, Sender, Writes) are
// shared by every screen on purpose.
type Caller struct {
	// Ctx is cancelled when the program quits; every call but a Write
	// derives from it.
	Ctx context.Context
	// Events attaches a call's retry events to its context (the client's
	// WithEvents); nil reports none.
	Events Events
	// IDs mints request IDs.
	IDs *IDs
	// Sender delivers messages from goroutines (retry events) to the
	// program.
	Sender *Sender
	// Timeout bounds every API call, retries included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// Writes counts the changes under way across the process (every SSH
	// session of `resold serve` shares one); nil counts nothing.
	Writes *inflight.Tracker
}

// Events is the part of the client that reports a call's retry events.
type Events interface {
	// WithEvents returns ctx with fn attached to receive the retry events
	// of calls made with it.
	WithEvents(ctx context.Context, fn func(client.Event)) context.Context
}

// DefaultTimeout bounds a call including its retries: the client's default
// policy (6 tries, 30 s each, backoff doubling from 5 s) can take minutes
// before it gives up and explains why, and must be allowed to get there.
// The user can cancel sooner with esc.
const DefaultTimeout = 10 * time.Minute

// Call starts an API call labelled for the status pane (e.g. "Looking up
// acme.example"). It mints a request ID, derives a context bounded by the
// timeout that also reports retry events, and returns the Request for the
// screen to keep and the command that runs fn. fn must only use the values
// it captured, never the model; a panic in it becomes a FailedMsg.
func (c Caller) Call(label string, fn func(ctx context.Context, id uint64) tea.Msg) (Request, tea.Cmd) {
	id, ctx, cancel := c.begin()
	ctx = c.reporting(ctx, id, label)
	run := func() (msg tea.Msg) {
		// The context ends with the result: nothing may outlive it.
		defer cancel()
		return guarded(id, func() tea.Msg { return fn(ctx, id) })
	}
	started := func() tea.Msg { return StartedMsg{ReqID: id, Label: label} }
	// In sequence: an answer that comes at once (a cached page) must not
	// reach the status pane before the start it ends.
	return Request{ID: id, cancel: cancel}, tea.Sequence(started, run)
}

// Write starts a change like Call, with two differences: its context does
// not end when the program quits or the SSH session drops (only its own
// timeout and the Request's Cancel end it), and c.Writes counts it as under
// way until fn returns, so a quit or a signal can wait for its outcome to
// be recorded. inflight names the change for the quit dialog.
func (c Caller) Write(label, inflightLabel string, fn func(ctx context.Context, id uint64) tea.Msg) (Request, tea.Cmd) {
	id := c.IDs.Next()
	ctx, cancel := inflight.Detach(c.parent(), c.timeout())
	ctx = c.reporting(ctx, id, label)
	writes := c.Writes
	run := func() (msg tea.Msg) {
		defer cancel()
		if writes != nil {
			defer writes.Begin(inflightLabel)()
		}
		return guarded(id, func() tea.Msg { return fn(ctx, id) })
	}
	started := func() tea.Msg { return StartedMsg{ReqID: id, Label: label} }
	return Request{ID: id, cancel: cancel}, tea.Sequence(started, run)
}

func (c Caller) parent() context.Context {
	if c.Ctx == nil {
		return context.Background()
	}
	return c.Ctx
}

// begin mints a request ID and the context its calls run under, bounded
// by the timeout.
func (c Caller) begin() (uint64, context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(c.parent(), c.timeout())
	return c.IDs.Next(), ctx, cancel
}

// reporting returns ctx counting the call's attempts and sending its retry
// events, tagged with id and label, to the program.
func (c Caller) reporting(ctx context.Context, id uint64, label string) context.Context {
	sender := c.Sender
	sent := &attempts{}
	ctx = context.WithValue(ctx, attemptsKey{}, sent)
	if c.Events == nil {
		return ctx
	}
	return c.Events.WithEvents(ctx, func(e client.Event) {
		sent.seen(e)
		sender.Send(RetryMsg{ReqID: id, Label: label, Event: e})
	})
}

// guarded runs fn, turning a panic into a FailedMsg for request id.
func guarded(id uint64, fn func() tea.Msg) (msg tea.Msg) {
	defer func() {
		if r := recover(); r != nil {
			msg = FailedMsg{Done{ReqID: id, Err: panicError(r)}}
		}
	}()
	return fn()
}

func (c Caller) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// Safe wraps a command that does no API call so a panic in it becomes an
// error message instead of killing the terminal.
func Safe(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = FailedMsg{Done{Err: panicError(r)}}
			}
		}()
		return cmd()
	}
}

// ErrPanic marks an error made from a recovered panic.
var ErrPanic = errors.New("internal error")

func panicError(r any) error {
	return fmt.Errorf("%w: %v", ErrPanic, r)
}

// Canceled reports whether err only says the user or the program stopped the
// call, which is not a failure to show.
func Canceled(err error) bool { return errors.Is(err, context.Canceled) }

// attempts records, from a call's events, how many times its request went
// out and whether a lost answer was found applied: the audit log needs
// both for writes that succeeded.
type attempts struct {
	n       atomic.Int64
	applied atomic.Bool
}

type attemptsKey struct{}

// seen notes an event: a retry wait means the attempt it reports failed
// and another follows; the other events name the attempt they are about.
// The re-read after a lost answer counts its own attempts: they are not
// the request going out again, so they are left out.
func (a *attempts) seen(e client.Event) {
	if e.ReRead {
		return
	}
	n := int64(e.Attempt)
	if e.Kind == client.EventRetryWait {
		n++
	}
	if e.Kind == client.EventAlreadyApplied {
		a.applied.Store(true)
	}
	for {
		cur := a.n.Load()
		if n <= cur || a.n.CompareAndSwap(cur, n) {
			return
		}
	}
}

// Sent reports, for the call running with ctx (started by Call), how many
// times its request went out (at least 1) and whether the client found a
// lost answer's change already applied instead of resending it.
func Sent(ctx context.Context) (n int, alreadyApplied bool) {
	if a, ok := ctx.Value(attemptsKey{}).(*attempts); ok {
		return max(1, int(a.n.Load())), a.applied.Load()
	}
	return 1, false
}
