package status

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newPane(t *testing.T) (Model, *clock) {
	t.Helper()
	clk := &clock{t: tuitest.Now}
	c := tuitest.Common(&fake.API{}, 80, 24)
	c.Now = clk.now
	// Under the subscriptions table, where every global key works.
	return New(c).SetWidth(80).On(keymap.ScreenSubscriptions, false), clk
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) { return m.Update(msg) }

func done(id uint64, err error) call.Result {
	return call.FailedMsg{Done: call.Done{ReqID: id, Err: err}}
}

func TestSpinnerOnlyAfterTheDelay(t *testing.T) {
	m, _ := newPane(t)
	m, cmd := update(m, call.StartedMsg{ReqID: 1, Label: "Looking up acme"})
	if strings.Contains(m.View(), "Looking up") {
		t.Fatal("the spinner shows before the delay")
	}
	if cmd == nil {
		t.Fatal("no delay timer was started")
	}
	due := cmd()
	if _, ok := due.(spinnerDueMsg); !ok {
		t.Fatalf("the timer delivers %T, want spinnerDueMsg", due)
	}
	m, tick := update(m, due)
	if !strings.Contains(m.View(), "Looking up acme…") {
		t.Errorf("after the delay the view is %q, want the label", m.View())
	}
	if tick == nil {
		t.Error("the spinner was not started")
	}
	m, _ = update(m, done(1, nil))
	if strings.TrimSpace(m.View()) != "" {
		t.Errorf("after the answer the pane shows %q, want it empty", m.View())
	}
}

func TestFastCallNeverShowsTheSpinner(t *testing.T) {
	m, _ := newPane(t)
	m, cmd := update(m, call.StartedMsg{ReqID: 1, Label: "Reading"})
	m, _ = update(m, done(1, nil))
	m, tick := update(m, cmd())
	if tick != nil || strings.Contains(m.View(), "Reading") {
		t.Errorf("a call answered before the delay started the spinner: %q", m.View())
	}
}

func TestRetryCountdown(t *testing.T) {
	m, clk := newPane(t)
	m, _ = update(m, call.StartedMsg{ReqID: 7, Label: "Loading page 1"})
	ev := client.Event{Kind: client.EventRetryWait, Method: "subscriptions.list", Attempt: 1, MaxAttempts: 6,
		Wait: 9 * time.Second, Until: clk.t.Add(9 * time.Second), Code: 429, Reason: "quotaExceeded"}
	m, cmd := update(m, call.RetryMsg{ReqID: 7, Label: "Loading page 1", Event: ev})
	want := "429 quotaExceeded · retry 2/6 in 9 s · esc cancels"
	if !strings.Contains(m.View(), want) {
		t.Errorf("view = %q, want it to contain %q", m.View(), want)
	}
	if id, ok := m.Retrying(); !ok || id != 7 {
		t.Errorf("Retrying = %d, %v; want 7, true", id, ok)
	}
	if cmd == nil {
		t.Fatal("no countdown tick")
	}
	clk.t = clk.t.Add(5 * time.Second)
	m, next := update(m, cmd())
	if !strings.Contains(m.View(), "retry 2/6 in 4 s") {
		t.Errorf("after 5 s the view is %q, want 4 s left", m.View())
	}
	if next == nil {
		t.Error("the countdown stopped before its end")
	}
	clk.t = clk.t.Add(10 * time.Second)
	if _, next = update(m, next()); next != nil {
		t.Error("the countdown kept ticking after its end")
	}
	m, _ = update(m, done(7, nil))
	if _, ok := m.Retrying(); ok || strings.Contains(m.View(), "retry") {
		t.Errorf("the countdown outlived its call: %q", m.View())
	}
}

func TestRetryEventOfAnUnknownCallIsIgnored(t *testing.T) {
	m, clk := newPane(t)
	ev := client.Event{Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Until: clk.t.Add(time.Second), Code: 503}
	m, cmd := update(m, call.RetryMsg{ReqID: 99, Event: ev})
	if _, ok := m.Retrying(); ok || cmd != nil {
		t.Error("a retry event of a call that already ended was shown")
	}
}

func TestFailureIsKeptUntilDismissed(t *testing.T) {
	m, _ := newPane(t)
	err := &client.APIError{Method: "subscriptions.list", Code: 403, Reason: "forbidden", Message: "Forbidden"}
	m, _ = update(m, call.StartedMsg{ReqID: 1})
	m, _ = update(m, done(1, err))
	g := client.Explain(err)
	view := m.View()
	for _, want := range []string{g.Title, "403 forbidden", "subscriptions.list", "Forbidden", "esc dismisses"} {
		if !strings.Contains(strings.ReplaceAll(view, "\n", " "), want) {
			t.Errorf("failure view lacks %q:\n%s", want, view)
		}
	}
	if m.Height() < 3 {
		t.Errorf("Height = %d; the guidance needs several lines", m.Height())
	}
	// A later success does not hide it.
	m, _ = update(m, call.StartedMsg{ReqID: 2})
	m, _ = update(m, done(2, nil))
	if !m.HasFailure() {
		t.Fatal("a later success hid the failure")
	}
	m = m.Dismiss()
	if m.HasFailure() || m.Height() != 1 {
		t.Errorf("after Dismiss: HasFailure = %v, Height = %d", m.HasFailure(), m.Height())
	}
}

func TestCancelledCallIsNotAFailure(t *testing.T) {
	m, _ := newPane(t)
	m, _ = update(m, call.StartedMsg{ReqID: 1})
	m, _ = update(m, done(1, context.Canceled))
	if m.HasFailure() {
		t.Error("a cancelled call is shown as a failure")
	}
	m, _ = update(m, done(2, errors.New("boom")))
	if !m.HasFailure() {
		t.Error("an unexpected error is not shown")
	}
}

func TestViewIsExactlyItsSize(t *testing.T) {
	m, _ := newPane(t)
	err := &client.APIError{Method: "customers.get", Code: 429, Reason: "quotaExceeded", Message: strings.Repeat("very long message ", 20)}
	m, _ = update(m, done(1, err))
	tuitest.CheckLayout(t, m.View(), 80, m.Height())
	if m.Height() > maxFailureLines {
		t.Errorf("Height = %d, above the cap %d", m.Height(), maxFailureLines)
	}
}

func TestSpinnerStopsWhenIdle(t *testing.T) {
	m, _ := newPane(t)
	m, cmd := update(m, call.StartedMsg{ReqID: 1, Label: "Reading"})
	m, tick := update(m, cmd())
	if tick == nil {
		t.Fatal("the spinner did not start")
	}
	frame := tick()
	m, next := update(m, frame)
	if next == nil {
		t.Fatal("the spinner stopped while the call runs")
	}
	m, _ = update(m, done(1, nil))
	if _, next = update(m, m.spinner.Tick()); next != nil {
		t.Error("the spinner keeps ticking with no call running")
	}
}

func TestClientNotices(t *testing.T) {
	tests := []struct {
		name string
		kind client.EventKind
		want string
		kept bool
	}{
		{"unknown outcome stays until dismissed", client.EventOutcomeUnknown, "No answer came", true},
		{"already applied stays until dismissed", client.EventAlreadyApplied, "it was not sent again", true},
		{"restarted listing passes with the next key", client.EventListRestarted, "read again from the start", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newPane(t)
			m, _ = update(m, call.StartedMsg{ReqID: 3, Label: "Changing seats"})
			m, _ = update(m, call.RetryMsg{ReqID: 3, Label: "Changing seats", Event: client.Event{Kind: tt.kind}})
			if !strings.Contains(m.View(), tt.want) {
				t.Fatalf("view %q lacks %q", m.View(), tt.want)
			}
			m = m.KeyPressed()
			if got := strings.Contains(m.View(), tt.want); got != tt.kept {
				t.Errorf("after a key, shown = %v, want %v", got, tt.kept)
			}
		})
	}
}

// TestHintsNameOnlyKeysThatWorkHere: the pane's key hints (dismiss, call
// log, cancel a retry, the next step's key) follow the screen on top.
func TestHintsNameOnlyKeysThatWorkHere(t *testing.T) {
	tests := []struct {
		name     string
		on       keymap.ScreenName
		typing   bool
		readOnly bool
		// want are the hints shown, in order; the others must be absent.
		want []string
	}{
		{"the subscriptions table takes every one", keymap.ScreenSubscriptions, false, false, []string{"esc dismisses", "L call log", "esc cancels", "Key: r"}},
		{"the detail too", keymap.ScreenSubscription, false, false, []string{"esc dismisses", "L call log", "esc cancels", "Key: r"}},
		{"the customer's change keys act on the selected row", keymap.ScreenCustomer, false, false, []string{"esc dismisses", "L call log", "esc cancels", "Key: r"}},
		{"a form: no call log, the detail's next-step key", keymap.ScreenEdit, false, false, []string{"esc dismisses", "esc cancels", "Key: r"}},
		{"a form's field with focus takes every key", keymap.ScreenEdit, true, false, nil},
		{"the search box with focus takes every key", keymap.ScreenSearch, true, false, nil},
		{"the confirm dialog stops a retry with esc itself", keymap.ScreenConfirm, false, false, []string{"esc cancels"}},
		{"the palette's input takes every key", keymap.ScreenPalette, true, false, nil},
		{"the call log is where L leads", keymap.ScreenLog, false, false, []string{"esc dismisses", "L call log", "esc cancels"}},
		{"read-only mode has no next-step key", keymap.ScreenSubscription, false, true, []string{"esc dismisses", "L call log", "esc cancels"}},
	}
	all := []string{"esc dismisses", "L call log", "esc cancels", "Key: r"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tuitest.Common(&fake.API{}, 100, 24)
			c.SetKeys(c.Keys.WithReadOnly(tt.readOnly))
			m := New(c).SetWidth(100).On(tt.on, tt.typing)
			// A refusal whose next step is the renewal settings, and a
			// call waiting to be retried.
			g := client.Guidance{Title: "Seats on an annual plan cannot go down", Next: client.NextRenewalSettings}
			m, _ = update(m, message.Guidance{Guidance: g})
			m, _ = update(m, call.StartedMsg{ReqID: 4, Label: "Reading"})
			ev := client.Event{Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Until: tuitest.Now.Add(3 * time.Second), Code: 503}
			m, _ = update(m, call.RetryMsg{ReqID: 4, Label: "Reading", Event: ev})
			view := m.View()
			for _, h := range all {
				want := false
				for _, w := range tt.want {
					want = want || w == h
				}
				if got := strings.Contains(view, h); got != want {
					t.Errorf("%q shown = %v, want %v:\n%s", h, got, want, view)
				}
			}
		})
	}
}

// The countdown names what failed from the first retry on, whatever it
// was: an answer's code and reason, or what happened to the connection.
func TestRetryLineSaysTheCause(t *testing.T) {
	tests := []struct {
		name string
		ev   client.Event
		want string
	}{
		{"a refused connection", client.Event{Cause: "connection refused", Attempt: 1},
			"connection refused · retry 2/6 in 9 s · esc cancels · Looking up acme.example"},
		{"no answer in time", client.Event{Cause: "no answer in 30 s", Attempt: 3},
			"no answer in 30 s · retry 4/6 in 9 s"},
		{"an answer", client.Event{Cause: "429 quotaExceeded", Code: 429, Reason: "quotaExceeded", Attempt: 1},
			"429 quotaExceeded · retry 2/6 in 9 s"},
		{"an event without a cause: code and reason", client.Event{Code: 503, Attempt: 1},
			"503 · retry 2/6 in 9 s"},
		{"an event without a cause: the message", client.Event{Message: "connection reset by peer", Attempt: 1},
			"connection reset by peer · retry 2/6 in 9 s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, clk := newPane(t)
			m, _ = update(m, call.StartedMsg{ReqID: 7, Label: "Looking up acme.example"})
			ev := tt.ev
			ev.Kind, ev.MaxAttempts, ev.Until = client.EventRetryWait, 6, clk.t.Add(9*time.Second)
			m, _ = update(m, call.RetryMsg{ReqID: 7, Label: "Looking up acme.example", Event: ev})
			if !strings.Contains(m.View(), tt.want) {
				t.Errorf("view %q, want it to contain %q", m.View(), tt.want)
			}
			if strings.Contains(m.View(), "no answer ·") {
				t.Errorf("view %q hides the cause", m.View())
			}
		})
	}
}

// While a lost answer is being checked, the wait is the re-read's, and
// the pane says so instead of passing it off as the change's own retry.
func TestRetryLineLabelsTheReRead(t *testing.T) {
	m, clk := newPane(t)
	m = m.On(keymap.ScreenConfirm, false).SetWidth(140)
	label := "subscriptions.changeSeats · flex.example"
	m, _ = update(m, call.StartedMsg{ReqID: 5, Label: label})
	m, _ = update(m, call.RetryMsg{ReqID: 5, Label: label, Event: client.Event{Kind: client.EventOutcomeUnknown,
		Method: "subscriptions.changeSeats", Attempt: 1, MaxAttempts: 6, Cause: "connection reset"}})
	ev := client.Event{Kind: client.EventRetryWait, Method: "subscriptions.get", Attempt: 1, MaxAttempts: 6,
		Until: clk.t.Add(4 * time.Second), Cause: "503", Code: 503, ReRead: true}
	m, _ = update(m, call.RetryMsg{ReqID: 5, Label: label, Event: ev})
	view := m.View()
	if want := "503 · re-read retry 2/6 in 4 s · esc cancels · " + label; !strings.Contains(view, want) {
		t.Errorf("view %q, want it to contain %q", view, want)
	}
	if !strings.Contains(view, "checking whether the change was applied") {
		t.Errorf("view %q lost the notice that the change is being checked", view)
	}
	// The change's own retry after the check is the change's again.
	ev = client.Event{Kind: client.EventRetryWait, Method: "subscriptions.changeSeats", Attempt: 1, MaxAttempts: 6,
		Until: clk.t.Add(4 * time.Second), Cause: "connection reset"}
	m, _ = update(m, call.RetryMsg{ReqID: 5, Label: label, Event: ev})
	if want := "connection reset · retry 2/6 in 4 s"; !strings.Contains(m.View(), want) || strings.Contains(m.View(), "re-read") {
		t.Errorf("view %q, want it to contain %q and no re-read", m.View(), want)
	}
}

// Cancelling a retry wait leaves a word of it in the pane, which esc
// dismisses; a call cancelled while not waiting leaves nothing.
func TestCancelledRetryWaitLeavesCancelled(t *testing.T) {
	m, clk := newPane(t)
	m = m.SetWidth(120)
	m, _ = update(m, call.StartedMsg{ReqID: 7, Label: "Looking up acme.example"})
	ev := client.Event{Kind: client.EventRetryWait, Attempt: 1, MaxAttempts: 6, Until: clk.t.Add(9 * time.Second),
		Cause: "connection refused"}
	m, _ = update(m, call.RetryMsg{ReqID: 7, Label: "Looking up acme.example", Event: ev})
	m, _ = update(m, done(7, &client.APIError{Method: "customers.get", Message: "cancelled", Err: context.Canceled}))
	view := m.View()
	if want := "Cancelled while waiting for retry 2/6 (connection refused) · Looking up acme.example"; !strings.Contains(view, want) {
		t.Errorf("view %q, want it to contain %q", view, want)
	}
	if _, ok := m.Retrying(); ok || strings.Contains(view, "in 9 s") {
		t.Errorf("the countdown outlived the cancellation: %q", view)
	}
	if !m.HasFailure() {
		t.Error("esc has nothing to dismiss")
	}
	m = m.KeyPressed()
	if !strings.Contains(m.View(), "Cancelled") {
		t.Error("the word went with the next key, before the user could read it")
	}
	if m = m.Dismiss(); strings.Contains(m.View(), "Cancelled") {
		t.Error("Dismiss left the word")
	}
	m, _ = update(m, call.StartedMsg{ReqID: 8, Label: "Reading"})
	m, _ = update(m, done(8, context.Canceled))
	if strings.Contains(m.View(), "Cancelled") || m.HasFailure() {
		t.Errorf("a call cancelled outside a wait left %q", m.View())
	}
}

// Guidance longer than the pane wraps at word boundaries, ends with "…",
// names the key to the whole text, and the whole text has every part.
func TestLongGuidanceEndsWithEllipsisAndKey(t *testing.T) {
	m, _ := newPane(t)
	m = m.SetRoom(6)
	g := client.Guidance{
		Title:   "Seats on an annual plan cannot go down",
		Cause:   strings.Repeat("an annual commitment can only be raised until the renewal ", 3),
		Action:  "Keep the seats; set the renewal to RENEW_CURRENT_USERS_YEARLY_PAY so the renewal follows the active user count.",
		Code:    400,
		Reason:  "invalid",
		Method:  "subscriptions.changeSeats",
		Message: "Bad Request: the subscription is annual and its seats cannot go down until the renewal date",
	}
	m, _ = update(m, message.Guidance{Guidance: g})
	view := m.View()
	lines := strings.Split(view, "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want the room's 6:\n%s", len(lines), view)
	}
	if last := strings.TrimRight(lines[5], " "); !strings.HasSuffix(last, "…") {
		t.Errorf("last line %q does not end with …", last)
	}
	if !strings.Contains(lines[0], "m whole message") {
		t.Errorf("title line %q does not name the message key", lines[0])
	}
	for _, l := range lines[1:] {
		// Word boundaries: no line ends inside a word of the text.
		if strings.HasSuffix(strings.TrimRight(l, " "), "renewa") {
			t.Errorf("cut inside a word: %q", l)
		}
	}
	title, sections := m.Whole()
	text := title
	for _, s := range sections {
		text += "\n" + s.Label + ": " + s.Text
	}
	for _, want := range []string{g.Title, "Why: " + g.Cause, "Do: " + g.Action, "reason invalid", "API message: " + g.Message} {
		if !strings.Contains(text, want) {
			t.Errorf("whole text lacks %q:\n%s", want, text)
		}
	}
	// A short one is not cut and needs no key.
	m, _ = newPane(t)
	m, _ = update(m, message.Guidance{Guidance: client.Guidance{Title: "Not found"}})
	if v := m.View(); strings.Contains(v, "…") || strings.Contains(v, "whole message") {
		t.Errorf("short guidance marked as cut:\n%s", v)
	}
}

// Going to another customer clears what the pane said; the summary of a
// change made for the customer being opened stays.
func TestLeaveKeepsOnlyTheOpenedCustomersChange(t *testing.T) {
	m, _ := newPane(t)
	m, _ = update(m, message.Changed{Summary: "Transferred", Sub: &client.Subscription{CustomerID: "C1"}})
	if !m.Leave("C1").HasFailure() {
		t.Error("opening the changed customer dropped its summary")
	}
	if m.Leave("C2").HasFailure() || m.Leave("").HasFailure() {
		t.Error("another customer kept the summary")
	}
	m, _ = update(m, message.Guidance{Guidance: client.Guidance{Title: "The subscription is not in a trial"}})
	if m.Leave("C1").HasFailure() && m.Leave("C1").failure != nil {
		t.Error("the failure stayed on another screen")
	}
}

// A last line already cut at the width ends with one ellipsis, not two.
func TestEllipsisOnce(t *testing.T) {
	long := strings.Repeat("x", 100)
	for _, in := range []string{long, common.Truncate(long, 80), "short"} {
		got := ellipsis(in, 80)
		if strings.Count(got, "…") != 1 || common.Width(got) > 80 {
			t.Errorf("ellipsis(%q) = %q", in[:10], got)
		}
	}
}
