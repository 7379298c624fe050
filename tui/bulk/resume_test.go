package bulk

import (
	"strings"
	"testing"

	"resold/audit"
	"resold/client"
	"resold/keymap"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// resumed opens the offer to resume a bulk "seats +5" whose one row was
// planned 20 → 25, reads the row again (as the API now has it) and
// returns the plan.
func resumed(t *testing.T, seatsNow int) Model {
	t.Helper()
	sub := client.Subscription{CustomerID: "C1", ID: "1", CustomerDomain: "c1.example", Status: "ACTIVE",
		Plan: client.PlanFlexible, MaximumSeats: int32(seatsNow)}
	c := tuitest.Common(&fake.API{Subscriptions: []client.Subscription{sub}}, 120, 30)
	c.Tick = tuitest.Never
	b := audit.Bulk{ID: "b1", Change: "seats +5", Planned: 1, Remaining: []audit.Entry{{
		ID: "a1", Bulk: "b1", Phase: audit.PhasePlanned, BulkChange: "seats +5", Method: "subscriptions.changeSeats",
		CustomerID: "C1", SubscriptionID: "1", CustomerDomain: "c1.example",
		Before: map[string]string{"seats": "20"}, After: map[string]string{"seats": "25"},
	}}}
	var s = Resume(c, b)
	next, cmd := s.Update(tuitest.Key("enter"))
	for _, msg := range tuitest.Msgs(cmd) {
		next, _ = next.Update(msg)
	}
	m := next.(Model)
	if m.phase != planning {
		t.Fatalf("phase %d after reading the row again, want the plan:\n%s", m.phase, m.View())
	}
	return m
}

// TestResumedAddKeepsThePlannedTarget: a resumed "+5" aims each row at the
// seat count planned for it, not at 5 more than it has now: a row someone
// (another resold, the Admin console) already took to 25 is skipped as
// already so, never taken to 30.
func TestResumedAddKeepsThePlannedTarget(t *testing.T) {
	m := resumed(t, 25)
	if r := m.rows[0]; r.state != skipped || r.Seats == 30 {
		t.Errorf("row at 25 already: state %d, seats asked %d (%s → %s); want it skipped", r.state, r.Seats, r.Before, r.After)
	}
	m = resumed(t, 20)
	if r := m.rows[0]; r.state != pending || r.Seats != 25 {
		t.Errorf("row still at 20: state %d, seats asked %d; want 25 to send", r.state, r.Seats)
	}
}

// TestResumeOfferReadsWholeAt80Columns: the offer's sentences wrap instead
// of ending in "…", its rows say what they are before they are read again,
// and its footer offers no key that does nothing there.
func TestResumeOfferReadsWholeAt80Columns(t *testing.T) {
	c := tuitest.Common(&fake.API{}, 80, 24)
	c.Tick = tuitest.Never
	b := audit.Bulk{ID: "b1", Change: "activate", Planned: 60, Remaining: []audit.Entry{{
		ID: "a1", Bulk: "b1", Phase: audit.PhasePlanned, BulkChange: "activate", Method: "subscriptions.activate",
		CustomerID: "C1", SubscriptionID: "1", CustomerDomain: "c1.example",
	}}}
	m := Resume(c, b)
	view := m.View()
	for _, want := range []string{"stopped with 1 of 60 rows not sent.", "nothing is sent before you confirm", "not sent; read again"} {
		if !strings.Contains(strings.Join(strings.Fields(view), " "), want) {
			t.Errorf("the offer lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "…") || strings.Contains(view, "— → —") {
		t.Errorf("the offer cuts a sentence or shows an empty change:\n%s", view)
	}
	for _, a := range []keymap.Action{keymap.ActionNextOption, keymap.ActionPrevOption, keymap.ActionStop, keymap.ActionExport} {
		if ok, why := m.Applies(a); ok || why == "" {
			t.Errorf("Applies(%s) on the offer = %v %q, want false with a reason", a, ok, why)
		}
	}
	if ok, _ := m.Applies(keymap.ActionSubmit); !ok {
		t.Error("enter does not apply on the offer, which it answers")
	}
}
