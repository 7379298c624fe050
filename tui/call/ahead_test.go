package call

import (
	"context"
	"errors"
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
)

// aheadMsg is what a test's adopter builds from the answer.
type aheadMsg struct {
	id  uint64
	v   string
	err error
}

func adoptMsg(id uint64, v string, err error) tea.Msg { return aheadMsg{id, v, err} }

// parts runs a command of CallAhead (a batch of the main call's sequence
// and the call ahead) and returns the two commands.
func parts(t *testing.T, cmd tea.Cmd) (main, ahead tea.Cmd) {
	t.Helper()
	b, ok := cmd().(tea.BatchMsg)
	if !ok || len(b) != 2 {
		t.Fatalf("CallAhead's command is not a batch of two: %#v", b)
	}
	return b[0], b[1]
}

// sequence runs a sequence's commands in order and returns their messages.
func sequence(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return run(t, cmd)
}

// sequenceCmds unpacks the commands of a sequence's message.
func sequenceCmds(t *testing.T, msg tea.Msg) []tea.Cmd {
	t.Helper()
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice {
		t.Fatalf("not a sequence: %T", msg)
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out
}

func TestCallAheadStartsBothUnderOneRequest(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	mainStarted, aheadStarted := make(chan struct{}), make(chan struct{})
	req, a, cmd := CallAhead(c, "Looking up", func(ctx context.Context, id uint64) tea.Msg {
		close(mainStarted)
		// Proves the two run together: the main call waits for the
		// other to have started.
		<-aheadStarted
		return FailedMsg{Done{ReqID: id}}
	}, "Listing", func(ctx context.Context) (string, error) {
		close(aheadStarted)
		<-mainStarted
		return "page", nil
	})
	mainCmd, aheadCmd := parts(t, cmd)
	got := make(chan []tea.Msg)
	go func() { got <- sequence(t, mainCmd) }()
	if msg := aheadCmd(); msg != nil {
		t.Errorf("the call ahead reported %#v; it must tell no one", msg)
	}
	msgs := <-got
	if s, ok := msgs[0].(StartedMsg); !ok || s.ReqID != req.ID || s.Label != "Looking up" {
		t.Errorf("first message = %#v, want the start of request %d", msgs[0], req.ID)
	}
	if r := msgs[1].(Result); r.RequestID() != req.ID {
		t.Errorf("main call answered request %d, want %d", r.RequestID(), req.ID)
	}
	adopted, acmd := a.Adopt(adoptMsg)
	if adopted.ID != req.ID {
		t.Errorf("adopted request %d, want the same as the lookup's, %d", adopted.ID, req.ID)
	}
	out := sequence(t, acmd)
	if s, ok := out[0].(StartedMsg); !ok || s.ReqID != req.ID || s.Label != "Listing" {
		t.Errorf("adopting announced %#v, want the start of %d labelled Listing", out[0], req.ID)
	}
	if m := out[len(out)-1].(aheadMsg); m.id != req.ID || m.v != "page" || m.err != nil {
		t.Errorf("adopted answer = %+v", m)
	}
}

func TestAdoptDeliversALateAnswerOnce(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	release := make(chan struct{})
	_, a, cmd := CallAhead(c, "Looking up", func(ctx context.Context, id uint64) tea.Msg {
		return FailedMsg{Done{ReqID: id}}
	}, "Listing", func(ctx context.Context) (string, error) {
		<-release
		return "late page", nil
	})
	mainCmd, aheadCmd := parts(t, cmd)
	sequence(t, mainCmd)
	go aheadCmd()
	_, acmd := a.Adopt(adoptMsg)
	answered := make(chan []tea.Msg)
	go func() { answered <- sequence(t, acmd) }()
	// An answer before the page came would be the zero value.
	close(release)
	out := <-answered
	if m := out[len(out)-1].(aheadMsg); m.v != "late page" {
		t.Errorf("answer = %+v, want the late page", m)
	}
	if _, again := a.Adopt(adoptMsg); again != nil {
		t.Error("a second Adopt gets the answer again")
	}
}

func TestCancellingTheRequestStopsTheCallAhead(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	req, a, cmd := CallAhead(c, "Looking up", func(ctx context.Context, id uint64) tea.Msg {
		return FailedMsg{Done{ReqID: id}}
	}, "Listing", func(ctx context.Context) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	})
	mainCmd, aheadCmd := parts(t, cmd)
	// The main call has ended: the call ahead must go on until cancelled.
	sequence(t, mainCmd)
	done := make(chan struct{})
	go func() { aheadCmd(); close(done) }()
	req.Cancel()
	<-done
	_, acmd := a.Adopt(adoptMsg)
	out := sequence(t, acmd)
	if m := out[len(out)-1].(aheadMsg); !Canceled(m.err) {
		t.Errorf("answer after cancel = %+v, want context.Canceled", m)
	}
}

func TestCallAheadPanicIsAnAnswer(t *testing.T) {
	c := Caller{IDs: &IDs{}}
	_, a, cmd := CallAhead(c, "Looking up", func(ctx context.Context, id uint64) tea.Msg {
		return FailedMsg{Done{ReqID: id}}
	}, "Listing", func(ctx context.Context) (string, error) { panic("kaboom") })
	mainCmd, aheadCmd := parts(t, cmd)
	sequence(t, mainCmd)
	if msg := aheadCmd(); msg != nil {
		t.Errorf("a panic ahead reported %#v", msg)
	}
	_, acmd := a.Adopt(adoptMsg)
	out := sequence(t, acmd)
	if m := out[len(out)-1].(aheadMsg); !errors.Is(m.err, ErrPanic) {
		t.Errorf("answer = %+v, want ErrPanic", m)
	}
}

func TestAdoptReplaysTheRetryWaitUnderWay(t *testing.T) {
	s := &Sender{}
	s.Set(func(tea.Msg) {})
	c := Caller{IDs: &IDs{}, Events: eventsAPI{}, Sender: s}
	waiting, release := make(chan struct{}), make(chan struct{})
	wait := client.Event{Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Code: 429}
	req, a, cmd := CallAhead(c, "Looking up", func(ctx context.Context, id uint64) tea.Msg {
		return FailedMsg{Done{ReqID: id}}
	}, "Listing", func(ctx context.Context) (string, error) {
		ctx.Value(eventsKey{}).(func(client.Event))(wait)
		close(waiting)
		<-release
		return "page", nil
	})
	mainCmd, aheadCmd := parts(t, cmd)
	sequence(t, mainCmd)
	go aheadCmd()
	<-waiting
	_, acmd := a.Adopt(adoptMsg)
	seq := acmd()
	// The sequence's second command is the replay; run it before the
	// answer can come.
	cmds := sequenceCmds(t, seq)
	if r, ok := cmds[1]().(RetryMsg); !ok || r.ReqID != req.ID || r.Label != "Listing" || r.Event.Code != 429 {
		t.Errorf("replay = %#v, want the 429 wait of request %d", r, req.ID)
	}
	close(release)
	if m := cmds[2]().(aheadMsg); m.v != "page" {
		t.Errorf("answer = %+v", m)
	}
}
