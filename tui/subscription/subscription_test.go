package subscription

import (
	"strings"
	"testing"
	"time"

	"resold/client"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

var day = 24 * time.Hour

func annual() client.Subscription {
	return client.Subscription{
		CustomerID: "C0acme001", CustomerDomain: "acme-annual.example", ID: "1000001",
		SKUID: "1010020028", SKUName: client.NameOf("Google Workspace Business Standard"), Plan: client.PlanAnnualMonthly, IsCommitment: true,
		CommitmentStart: client.At(tuitest.Now.Add(-200 * day)), CommitmentEnd: client.At(tuitest.Now.Add(165 * day)),
		NumberOfSeats: 50, LicensedSeats: 42, Status: "SUSPENDED", SuspensionReasons: []string{"PENDING_TOS_ACCEPTANCE"},
		RenewalType: "RENEW_CURRENT_USERS_MONTHLY_PAY", PurchaseOrderID: "PO-1", BillingMethod: client.NameOf("ONLINE"),
		Created: client.At(tuitest.Now.Add(-200 * day)), AdminConsoleURL: "https://admin.google.com/x",
		Transfer: &client.TransferInfo{MinimumSeats: 20, ExpiresAt: client.At(tuitest.Now.Add(12 * day))},
	}
}

func TestEveryFieldIsShown(t *testing.T) {
	s := New(tuitest.Common(&fake.API{}, 120, 60), annual())
	view := s.View()
	for _, want := range []string{
		"acme-annual.example (C0acme001)", "1000001", "Business Standard (1010020028)",
		"✗ suspended: ToS pending", "PENDING_TOS_ACCEPTANCE: The customer has not accepted",
		"shown by the API as ANNUAL", "(in 5mo)", "50 purchased (numberOfSeats)", "42 licensed",
		"RENEW_CURRENT_USERS_MONTHLY_PAY", "never in trial", "ONLINE", "PO-1", "admin.google.com/x",
		"Minimum seats", "20", "Token expires", "(in 12d)",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}
	tuitest.CheckLayout(t, view, 120, 60)
}

func TestPlanSpecificWording(t *testing.T) {
	tests := []struct {
		name string
		sub  client.Subscription
		want []string
	}{
		{"flexible names the cap field", client.Subscription{Plan: client.PlanFlexible, MaximumSeats: 10, LicensedSeats: 12},
			[]string{"cap 10 (maximumNumberOfSeats)", "more users than seats", "only annual plans have renewal settings", "no annual commitment"}},
		{"trial says the cap", client.Subscription{Plan: client.PlanTrial, InTrial: true, TrialEnd: client.At(tuitest.Now.Add(5 * day)), MaximumSeats: 10},
			[]string{"in trial, ends", "(in 5d)", "capped at 10 seats"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			view := New(tuitest.Common(&fake.API{}, 100, 40), tt.sub).View()
			for _, w := range tt.want {
				if !strings.Contains(view, w) {
					t.Errorf("detail lacks %q:\n%s", w, view)
				}
			}
		})
	}
}

func TestRefreshKeepsTransferTerms(t *testing.T) {
	fresh := annual()
	fresh.Transfer = nil
	fresh.LicensedSeats = 45
	api := &fake.API{Subscriptions: []client.Subscription{fresh}}
	s, _ := tuitest.Press(t, New(tuitest.Common(api, 100, 50), annual()), tuitest.Key("ctrl+r"))
	view := s.View()
	if !strings.Contains(view, "45 licensed") || !strings.Contains(view, "Minimum seats") {
		t.Errorf("after refresh:\n%s", view)
	}
}

func TestScrollsWhenTaller(t *testing.T) {
	s := New(tuitest.Common(&fake.API{}, 80, 10), annual())
	if s.Info() != "more below" {
		t.Errorf("Info = %q", s.Info())
	}
	first := strings.Split(s.View(), "\n")[0]
	s2, _ := tuitest.Press(t, s, tuitest.Key("G"))
	if strings.Split(s2.View(), "\n")[0] == first || s2.Info() != "" {
		t.Errorf("G did not scroll to the end (Info %q)", s2.Info())
	}
	tuitest.CheckLayout(t, s2.View(), 80, 10)
}

func TestShowsWhatTheChangeReturned(t *testing.T) {
	s := annual()
	m := New(tuitest.Common(&fake.API{}, 120, 60), s)
	other := s
	other.ID = "999"
	got := s
	got.Status, got.SuspensionReasons, got.NumberOfSeats = "ACTIVE", nil, 60
	got.Transfer = nil // a write's answer has no transfer terms
	next, _ := m.Update(message.Changed{Before: &other, Sub: &got})
	if strings.Contains(next.View(), "60 purchased") {
		t.Error("took another subscription's change")
	}
	next, _ = m.Update(message.Changed{Before: &s, Sub: &got})
	view := next.View()
	if !strings.Contains(view, "60 purchased") || !strings.Contains(view, "✓ active") {
		t.Errorf("after the change:\n%s", view)
	}
	// A transferable subscription's one change is its transfer: then the
	// transfer terms no longer apply.
	if strings.Contains(view, "Minimum seats") {
		t.Errorf("after the change the transfer terms stay:\n%s", view)
	}
	next, _ = next.Update(message.Changed{Before: &got, Deleted: true})
	if f, ok := next.(common.Finisher); !ok || !f.Finished() {
		t.Error("a deleted subscription's detail stays")
	}
}

func TestWriteKeysOpenTheirChange(t *testing.T) {
	yours := annual()
	yours.Transfer = nil
	m := New(tuitest.Common(&fake.API{}, 120, 60), yours)
	for k, want := range map[string]message.EditKind{"s": message.EditSeats, "p": message.EditPlan, "r": message.EditRenewal,
		"a": message.EditActivate, "x": message.EditSuspend, "t": message.EditStartPaid, "D": message.EditDelete} {
		_, msgs := tuitest.Press(t, m, tuitest.Key(k))
		if len(msgs) != 1 || msgs[0].(message.OpenEdit).Kind != want || msgs[0].(message.OpenEdit).Sub.ID != "1000001" {
			t.Errorf("%s sent %+v, want %s", k, msgs, want)
		}
	}
}

func TestTransferableSubscriptionTakesNoChange(t *testing.T) {
	m := New(tuitest.Common(&fake.API{}, 120, 60), annual())
	for _, k := range []string{"s", "p", "r", "a", "x", "t", "D"} {
		_, msgs := tuitest.Press(t, m, tuitest.Key(k))
		if len(msgs) != 1 {
			t.Fatalf("%s sent %+v, want one guidance", k, msgs)
		}
		g, ok := msgs[0].(message.Guidance)
		if !ok || g.Guidance.Title != "Not yours yet: transfer it first" || !strings.Contains(g.Guidance.Action, "T on its row") {
			t.Errorf("%s sent %+v, want the guidance to transfer first", k, msgs[0])
		}
	}
}
