package bulk

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/call"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func suspendedRows(n int) []client.Subscription {
	out := make([]client.Subscription, n)
	for i := range out {
		out[i] = client.Subscription{CustomerID: fmt.Sprintf("C%d", i), ID: fmt.Sprint(i), CustomerDomain: fmt.Sprintf("c%d.example", i),
			Status: "SUSPENDED", SuspensionReasons: []string{"RESELLER_INITIATED"}, Plan: client.PlanFlexible, MaximumSeats: 10}
	}
	return out
}

// started confirms a plan of n rows and takes the recording's answer:
// the rows' first writes are returned as commands, not run.
func started(t *testing.T, concurrency, n int) (Model, tea.Cmd) {
	t.Helper()
	c := tuitest.Common(&fake.API{}, 120, 30)
	c.BulkConcurrency = concurrency
	c.Tick = tuitest.Never
	var s = New(c, message.EditActivate, suspendedRows(n))
	next, _ := s.Update(tuitest.Key("enter"))
	for _, k := range tuitest.Type(fmt.Sprint(n)) {
		next, _ = next.Update(k)
	}
	next, cmd := next.Update(tuitest.Key("enter"))
	for _, msg := range tuitest.Msgs(cmd) {
		next, cmd = next.Update(msg)
	}
	return next.(Model), cmd
}

func sendingRows(m Model) []int {
	var out []int
	for i, r := range m.rows {
		if r.state == sending {
			out = append(out, i)
		}
	}
	return out
}

// TestConcurrencyIsFixed: at most bulk_concurrency rows are on their way,
// and never more than 4 whatever the setting.
func TestConcurrencyIsFixed(t *testing.T) {
	for _, tc := range []struct{ set, want int }{{0, 1}, {1, 1}, {3, 3}, {9, 4}} {
		m, _ := started(t, tc.set, 10)
		if got := len(sendingRows(m)); got != tc.want {
			t.Errorf("bulk_concurrency %d: %d rows on their way, want %d", tc.set, got, tc.want)
		}
	}
}

// TestThrottledRowHoldsTheOthers: one limiter for every row: a 429 on any
// row holds the next rows back until its wait is over, and the view
// counts it down.
func TestThrottledRowHoldsTheOthers(t *testing.T) {
	m, _ := started(t, 2, 5)
	on := sendingRows(m)
	if len(on) != 2 {
		t.Fatalf("%d rows on their way, want 2", len(on))
	}
	until := tuitest.Now.Add(9 * time.Second)
	next, _ := m.Update(call.RetryMsg{ReqID: m.rows[on[0]].req.ID, Event: client.Event{Kind: client.EventRetryWait,
		Code: 429, Cause: "429 quotaExceeded", Attempt: 1, MaxAttempts: 6, Until: until}})
	m = next.(Model)
	if v := m.View(); !strings.Contains(v, "429 quotaExceeded · retry 2/6 in 9 s") || !strings.Contains(v, "throttled: next row in 9 s") {
		t.Errorf("the view does not count the wait down:\n%s", v)
	}
	// The other row's answer comes: no row follows while throttled.
	next, cmd := m.Update(rowMsg{Done: call.Done{ReqID: m.rows[on[1]].req.ID}, index: on[1],
		sub: client.Subscription{Status: "ACTIVE"}})
	m = next.(Model)
	if got := len(sendingRows(m)); got != 1 {
		t.Errorf("%d rows on their way while throttled, want the throttled one alone", got)
	}
	_ = cmd
	// Once the wait is over, the next rows go.
	m.c.Now = func() time.Time { return until.Add(time.Second) }
	next, _ = m.Update(wakeMsg{})
	if got := len(sendingRows(next.(Model))); got != 2 {
		t.Errorf("%d rows on their way after the wait, want 2", got)
	}
}

// TestStopSendsNoOtherRow: S lets the rows on their way finish and sends
// no other; they are reported as not sent.
func TestStopSendsNoOtherRow(t *testing.T) {
	m, _ := started(t, 1, 3)
	next, _ := m.Update(tuitest.Key("S"))
	m = next.(Model)
	if m.phase != running {
		t.Fatalf("stopped with a row on its way: phase %d", m.phase)
	}
	next, cmd := m.Update(rowMsg{Done: call.Done{ReqID: m.rows[0].req.ID}, index: 0, sub: client.Subscription{Status: "ACTIVE"}})
	m = next.(Model)
	if len(sendingRows(m)) != 0 || !m.Done() {
		t.Fatalf("after the row's answer: %v on their way, done %v", sendingRows(m), m.Done())
	}
	for _, msg := range tuitest.Msgs(cmd) {
		if _, ok := msg.(call.StartedMsg); ok {
			t.Error("a row was started after the stop")
		}
	}
	if v := m.View(); !strings.Contains(v, "stopped: 1 applied, 0 failed, 0 skipped, 2 not sent") {
		t.Errorf("summary:\n%s", v)
	}
}

// TestCancelledRetryStopsTheRest: esc on a row waiting to be retried
// cancels that row's write (the root model calls Cancel) and, as the
// screen says, stops the bulk change before the next row: no other row is
// sent.
func TestCancelledRetryStopsTheRest(t *testing.T) {
	m, _ := started(t, 1, 3)
	id := m.rows[0].req.ID
	m.Cancel(id)
	cancelled := &client.APIError{Method: "subscriptions.activate", Err: context.Canceled, Attempts: 1}
	next, cmd := m.Update(rowMsg{Done: call.Done{ReqID: id, Err: cancelled}, index: 0})
	m = next.(Model)
	for _, msg := range tuitest.Msgs(cmd) {
		if _, ok := msg.(call.StartedMsg); ok {
			t.Error("a row was started after the cancelled one")
		}
	}
	if got := sendingRows(m); len(got) != 0 || !m.Done() {
		t.Fatalf("after the cancel: rows %v on their way, done %v\n%s", got, m.Done(), m.View())
	}
	if v := m.View(); !strings.Contains(v, "0 applied, 1 failed, 0 skipped, 2 not sent") {
		t.Errorf("summary:\n%s", v)
	}
}
