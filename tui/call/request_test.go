package call

import (
	"context"
	"errors"
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/internal/inflight"
)

// eventsAPI is an API whose only working part is WithEvents: it keeps the
// func where the test's call can find it, as the client does.
type eventsAPI struct{}

type eventsKey struct{}

func (eventsAPI) WithEvents(ctx context.Context, fn func(client.Event)) context.Context {
	return context.WithValue(ctx, eventsKey{}, fn)
}

// run executes a command from Call: its sequence of two commands.
func run(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	v := reflect.ValueOf(cmd())
	if v.Kind() != reflect.Slice {
		t.Fatalf("Call's command is not a sequence: %T", v.Interface())
	}
	var out []tea.Msg
	for i := range v.Len() {
		out = append(out, v.Index(i).Interface().(tea.Cmd)())
	}
	return out
}

func TestCallStartsThenAnswers(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	req, cmd := c.Call("Reading", func(ctx context.Context, id uint64) tea.Msg {
		return FailedMsg{Done{ReqID: id}}
	})
	msgs := run(t, cmd)
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want 2", len(msgs))
	}
	if s, ok := msgs[0].(StartedMsg); !ok || s.ReqID != req.ID || s.Label != "Reading" {
		t.Errorf("first message = %#v, want StartedMsg for %d", msgs[0], req.ID)
	}
	if r, ok := msgs[1].(Result); !ok || r.RequestID() != req.ID {
		t.Errorf("second message = %#v, want the result of %d", msgs[1], req.ID)
	}
}

func TestCallTurnsAPanicIntoAFailure(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	req, cmd := c.Call("Boom", func(context.Context, uint64) tea.Msg { panic("kaboom") })
	msgs := run(t, cmd)
	f, ok := msgs[1].(FailedMsg)
	if !ok {
		t.Fatalf("got %#v, want FailedMsg", msgs[1])
	}
	if f.ReqID != req.ID || !errors.Is(f.Err, ErrPanic) {
		t.Errorf("FailedMsg = %+v, want request %d and ErrPanic", f, req.ID)
	}
}

func TestCallContextIsCancelledByTheRequest(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	started := make(chan struct{})
	req, cmd := c.Call("Waiting", func(ctx context.Context, id uint64) tea.Msg {
		close(started)
		<-ctx.Done()
		return FailedMsg{Done{ReqID: id, Err: ctx.Err()}}
	})
	done := make(chan []tea.Msg)
	go func() { done <- run(t, cmd) }()
	<-started
	req.Cancel()
	msgs := <-done
	if f := msgs[1].(FailedMsg); !Canceled(f.Err) {
		t.Errorf("error = %v, want context.Canceled", f.Err)
	}
}

func TestCallSendsRetryEventsTaggedWithTheRequest(t *testing.T) {
	var got []tea.Msg
	s := &Sender{}
	s.Set(func(m tea.Msg) { got = append(got, m) })
	c := Caller{IDs: &IDs{}, Events: eventsAPI{}, Sender: s}
	req, cmd := c.Call("Listing", func(ctx context.Context, id uint64) tea.Msg {
		ev := client.Event{Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Code: 429}
		ctx.Value(eventsKey{}).(func(client.Event))(ev)
		return FailedMsg{Done{ReqID: id}}
	})
	run(t, cmd)
	if len(got) != 1 {
		t.Fatalf("sent %d messages, want 1", len(got))
	}
	r, ok := got[0].(RetryMsg)
	if !ok || r.ReqID != req.ID || r.Label != "Listing" || r.Event.Code != 429 {
		t.Errorf("sent %#v, want the retry event of request %d", got[0], req.ID)
	}
}

func TestWriteOutlivesTheProgramAndIsCountedUntilItEnds(t *testing.T) {
	parent, quit := context.WithCancel(context.Background())
	writes := &inflight.Tracker{}
	c := Caller{IDs: &IDs{}, Ctx: parent, Writes: writes}
	inside := make(chan int, 1)
	var sawErr error
	_, cmd := c.Write("subscriptions.changeSeats", "cap 20 → 28 on flex.example", func(ctx context.Context, id uint64) tea.Msg {
		quit() // the program ends (a quit, a dropped session) mid-write
		inside <- writes.Len()
		sawErr = ctx.Err()
		return FailedMsg{Done{ReqID: id}}
	})
	run(t, cmd)
	if n := <-inside; n != 1 {
		t.Errorf("writes under way during the write = %d, want 1", n)
	}
	if sawErr != nil {
		t.Errorf("the write's context ended with the program: %v", sawErr)
	}
	if writes.Len() != 0 {
		t.Errorf("writes under way after it = %d, want 0", writes.Len())
	}
}

func TestWriteCanStillBeCancelledByItsRequest(t *testing.T) {
	c := Caller{IDs: &IDs{}, Ctx: context.Background()}
	var req Request
	var sawErr error
	req, cmd := c.Write("x", "x", func(ctx context.Context, id uint64) tea.Msg {
		req.Cancel()
		sawErr = ctx.Err()
		return FailedMsg{Done{ReqID: id}}
	})
	run(t, cmd)
	if !errors.Is(sawErr, context.Canceled) {
		t.Errorf("ctx.Err() after Cancel = %v, want context.Canceled", sawErr)
	}
}

// Sent counts the times the change went out: the re-read that checks a
// lost answer retries on its own count, which the audit must not take
// for the write's attempts.
func TestSentCountsOnlyTheWritesAttempts(t *testing.T) {
	tests := []struct {
		name    string
		events  []client.Event
		want    int
		already bool
	}{
		{"sent once", nil, 1, false},
		{"a 503, then sent again", []client.Event{
			{Kind: client.EventRetryWait, Method: "subscriptions.changeSeats", Attempt: 1},
		}, 2, false},
		{"lost answer, the re-read retried twice, found applied", []client.Event{
			{Kind: client.EventOutcomeUnknown, Method: "subscriptions.changeSeats", Attempt: 1},
			{Kind: client.EventRetryWait, Method: "subscriptions.get", Attempt: 1, ReRead: true},
			{Kind: client.EventRetryWait, Method: "subscriptions.get", Attempt: 2, ReRead: true},
			{Kind: client.EventAlreadyApplied, Method: "subscriptions.changeSeats", Attempt: 1},
		}, 1, true},
		{"lost answer, the re-read retried twice, not applied, sent again", []client.Event{
			{Kind: client.EventOutcomeUnknown, Method: "subscriptions.changeSeats", Attempt: 1},
			{Kind: client.EventRetryWait, Method: "subscriptions.get", Attempt: 1, ReRead: true},
			{Kind: client.EventRetryWait, Method: "subscriptions.get", Attempt: 2, ReRead: true},
			{Kind: client.EventRetryWait, Method: "subscriptions.changeSeats", Attempt: 1},
		}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Caller{IDs: &IDs{}, Events: eventsAPI{}, Sender: &Sender{}}
			var n int
			var already bool
			_, cmd := c.Write("x", "x", func(ctx context.Context, id uint64) tea.Msg {
				emit := ctx.Value(eventsKey{}).(func(client.Event))
				for _, ev := range tt.events {
					emit(ev)
				}
				n, already = Sent(ctx)
				return FailedMsg{Done{ReqID: id}}
			})
			run(t, cmd)
			if n != tt.want || already != tt.already {
				t.Errorf("Sent = %d, %v; want %d, %v", n, already, tt.want, tt.already)
			}
		})
	}
}
