package edit

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/audit"
	"resold/client"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func sub(id string, plan client.Plan, seats, licensed int) client.Subscription {
	s := client.Subscription{CustomerID: "C0acme001", CustomerDomain: "acme.example", ID: id, SKUID: "1010020028",
		SKUName: "Google Workspace Business Standard", Plan: plan, LicensedSeats: licensed, Status: "ACTIVE"}
	if plan.IsAnnual() {
		s.NumberOfSeats, s.RenewalType = seats, client.RenewCurrentUsersMonthly
	} else {
		s.MaximumSeats = seats
	}
	return s
}

var (
	annual    = sub("1", client.PlanAnnualMonthly, 50, 42)
	flex      = sub("2", client.PlanFlexible, 20, 15)
	trial     = func() client.Subscription { s := sub("3", client.PlanTrial, 5, 3); s.InTrial = true; return s }()
	suspended = func() client.Subscription {
		s := sub("4", client.PlanFlexible, 30, 12)
		s.Status, s.SuspensionReasons = "SUSPENDED", []string{"RESELLER_INITIATED"}
		return s
	}()
	acme = client.Customer{ID: "C0acme001", Domain: "acme.example", Type: "domain", AlternateEmail: "it@acme-mail.example",
		Address: client.Address{ContactName: "Alex", OrganizationName: "Acme", PostalCode: "94043", CountryCode: "US"}}
)

func api() *fake.API {
	return &fake.API{Customers: []client.Customer{acme}, Subscriptions: []client.Subscription{annual, flex, trial, suspended}}
}

// open opens the edit screen for msg on a with a recording audit log.
func open(t *testing.T, a *fake.API, msg message.OpenEdit) (common.Screen, *tuitest.Audit) {
	t.Helper()
	log := &tuitest.Audit{}
	c := tuitest.Common(a, 80, 22)
	c.Audit, c.Profile, c.Endpoint = log, "test", audit.EndpointEmulator
	s, cmd := Open(c, msg)
	if s == nil {
		t.Fatalf("no screen for %+v: %#v", msg, tuitest.Msgs(cmd))
	}
	return s, log
}

func keys(parts ...string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, p := range parts {
		if len([]rune(p)) > 1 && tuitest.Key(p).Type == tea.KeyRunes {
			out = append(out, tuitest.Type(p)...)
			continue
		}
		out = append(out, tuitest.Key(p))
	}
	return out
}

func find[T tea.Msg](msgs []tea.Msg) []T {
	var out []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func TestSeatChangeIsConfirmedThenAppliedOnce(t *testing.T) {
	a := api()
	s, log := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: flex})
	s, _ = tuitest.Press(t, s, keys("25", "enter")...)
	if s.Name() != "confirm" || !strings.Contains(s.View(), "20  →  25") {
		t.Fatalf("enter did not open the dialog with before → after:\n%s", s.View())
	}
	// Bare enter is not yes.
	s, _ = tuitest.Press(t, s, keys("enter")...)
	if len(a.Writes()) != 0 || !strings.Contains(s.View(), "enter is not yes") {
		t.Fatalf("enter in the dialog: writes %v, view:\n%s", a.Writes(), s.View())
	}
	s, msgs := tuitest.Press(t, s, keys("y")...)
	if got := a.Writes(); !slices.Equal(got, []string{"subscriptions.changeSeats"}) {
		t.Fatalf("writes = %v, want one changeSeats", got)
	}
	changed := find[message.Changed](msgs)
	if len(changed) != 1 || changed[0].Sub == nil || changed[0].Sub.MaximumSeats != 25 || !strings.Contains(changed[0].Summary, "20 → 25") {
		t.Fatalf("message.Changed = %+v", changed)
	}
	if f, ok := s.(common.Finisher); !ok || !f.Finished() {
		t.Error("the screen did not end after the change")
	}
	e := log.Entries()
	if len(e) != 1 || e[0].Outcome != audit.OutcomeApplied || e[0].Before["seats"] != "20" || e[0].After["seats"] != "25" ||
		e[0].Method != "subscriptions.changeSeats" || e[0].Profile != "test" || e[0].Attempts != 1 || e[0].RequestID == "" {
		t.Errorf("audit = %+v", e)
	}
}

func TestNoGoesBackWithWhatWasTyped(t *testing.T) {
	for _, no := range []string{"n", "esc"} {
		t.Run(no, func(t *testing.T) {
			a := api()
			s, log := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: flex})
			s, _ = tuitest.Press(t, s, keys("25", "enter", no)...)
			if s.Name() != "edit" || !s.Typing() || !strings.Contains(s.View(), "› 25") {
				t.Errorf("after %s: on %s, view:\n%s", no, s.Name(), s.View())
			}
			if len(a.Writes()) != 0 || len(log.Entries()) != 0 {
				t.Errorf("declined change sent %v, audited %v", a.Writes(), log.Entries())
			}
		})
	}
}

func TestInlineErrorsSayWhatTheAPIWould(t *testing.T) {
	long := strings.Repeat("x", 81)
	tests := []struct {
		name string
		msg  message.OpenEdit
		keys []tea.KeyMsg
		want string
		rule string
	}{
		{"annual seats cannot go down", message.OpenEdit{Kind: message.EditSeats, Sub: annual}, keys("40"), "Seats on an annual plan cannot go down", "E5"},
		{"a trial holds 10 seats", message.OpenEdit{Kind: message.EditSeats, Sub: trial}, keys("11"), "A trial is limited to 10 seats", "E9"},
		{"the cap cannot go below the users", message.OpenEdit{Kind: message.EditSeats, Sub: flex}, keys("10"), "Fewer seats than the customer has users", "E6"},
		// A typo is not a change attempt: not audited.
		{"seats are a number", message.OpenEdit{Kind: message.EditSeats, Sub: flex}, keys("2x"), "Not a whole number", ""},
		{"purchase order at most 80", message.OpenEdit{Kind: message.EditPlan, Sub: flex}, keys("tab", "tab", long), "purchase order ID is too long", "PO-LENGTH"},
		{"deal code at most 100", message.OpenEdit{Kind: message.EditPlan, Sub: flex}, keys("tab", "tab", "tab", strings.Repeat("d", 101)), "deal code is too long", "DEAL-LENGTH"},
		{"a trial's new plan holds 10 seats", message.OpenEdit{Kind: message.EditPlan, Sub: trial}, keys("tab", "ctrl+u", "11"), "A trial is limited to 10 seats", "E9"},
		{"an annual plan keeps its plan", message.OpenEdit{Kind: message.EditPlan, Sub: annual}, keys("right"), "annual commitment plan cannot be changed", "ANNUAL-PLAN-CHANGE"},
		{"alternate email outside the domain", message.OpenEdit{Kind: message.EditCustomer, Customer: &acme},
			append(keys("shift+tab", "ctrl+u"), keys("boss@acme.example")...), "alternate email is on the customer's own domain", "E4"},
		{"country code is ISO", message.OpenEdit{Kind: message.EditCustomer, Customer: &acme},
			keys("shift+tab", "shift+tab", "shift+tab", "ctrl+u", "XX"), "not a 2-letter ISO code", "COUNTRY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := api()
			s, log := open(t, a, tt.msg)
			s, _ = tuitest.Press(t, s, tt.keys...)
			// Shown as typed, before any submit.
			if !strings.Contains(s.View(), tt.want) {
				t.Fatalf("view lacks %q while typing:\n%s", tt.want, s.View())
			}
			s, msgs := tuitest.Press(t, s, keys("enter")...)
			if s.Name() != "edit" || len(a.Writes()) != 0 {
				t.Fatalf("an invalid form went on: screen %s, writes %v", s.Name(), a.Writes())
			}
			g := find[message.Guidance](msgs)
			if len(g) != 1 || !strings.Contains(g[0].Guidance.Title, tt.want) {
				t.Errorf("status guidance = %+v", g)
			}
			e := log.Entries()
			switch {
			case tt.rule == "" && len(e) != 0:
				t.Errorf("audit = %+v, want nothing for a typo", e)
			case tt.rule != "" && (len(e) != 1 || e[0].Outcome != audit.OutcomeRefusedLocally || e[0].Reason != tt.rule || e[0].Attempts != 0):
				t.Errorf("audit = %+v, want one refused_locally %s", e, tt.rule)
			}
			tuitest.CheckLayout(t, s.View(), 80, 22)
		})
	}
}

func TestRefusalOffersTheNextStepOnOneKey(t *testing.T) {
	badRequest := &client.APIError{Method: "subscriptions.changeSeats", Code: 400, Reason: "badRequest",
		Message: "the subscription is suspended", Sub: &suspended}
	tests := []struct {
		name     string
		sub      client.Subscription
		writeErr error
		typed    string
		key      string
		want     message.EditKind
		replace  bool
	}{
		{"annual decrease switches to renewal settings", annual, nil, "40", "r", message.EditRenewal, true},
		{"trial cap leads to start paid service", trial, nil, "11", "t", message.EditStartPaid, false},
		{"suspended leads to activate", suspended, badRequest, "40", "a", message.EditActivate, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := api()
			a.WriteErr = tt.writeErr
			s, _ := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: tt.sub})
			s, _ = tuitest.Press(t, s, keys(tt.typed, "enter")...)
			if tt.writeErr != nil {
				s, _ = tuitest.Press(t, s, keys("y")...)
			}
			if s.Typing() {
				t.Fatal("after the refusal the field still takes keys, so the shortcut would be typed")
			}
			if !strings.Contains(s.View(), tt.key+" ") || !strings.Contains(s.View(), "› "+tt.typed) {
				t.Errorf("view lacks the shortcut or lost what was typed:\n%s", s.View())
			}
			_, msgs := tuitest.Press(t, s, keys(tt.key)...)
			o := find[message.OpenEdit](msgs)
			if len(o) != 1 || o[0].Kind != tt.want || o[0].Replace != tt.replace || o[0].Sub.ID != tt.sub.ID {
				t.Errorf("%s opened %+v, want %s", tt.key, o, tt.want)
			}
		})
	}
}

func TestTheFormComesBackCheckedAgainstTheNewState(t *testing.T) {
	a := api()
	a.WriteErr = &client.APIError{Method: "subscriptions.changeSeats", Code: 400, Reason: "badRequest", Sub: &suspended}
	s, _ := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: suspended})
	s, _ = tuitest.Press(t, s, keys("40", "enter", "y")...)
	a.WriteErr = nil
	active := suspended
	active.Status, active.SuspensionReasons = "ACTIVE", nil
	s, _ = s.Update(message.Changed{Before: &suspended, Sub: &active})
	if !s.Typing() || strings.Contains(s.View(), "Refused") || strings.Contains(s.View(), "SUSPENDED") {
		t.Fatalf("after the activation the form still shows the refusal:\n%s", s.View())
	}
	_, _ = tuitest.Press(t, s, keys("enter", "y")...)
	if w := a.Writes(); len(w) != 2 || w[1] != "subscriptions.changeSeats" {
		t.Errorf("writes = %v", w)
	}
}

func TestTypedDomainGuardsDeleteAndSuspend(t *testing.T) {
	for _, kind := range []message.EditKind{message.EditDelete, message.EditSuspend} {
		t.Run(string(kind), func(t *testing.T) {
			a := api()
			s, _ := open(t, a, message.OpenEdit{Kind: kind, Sub: flex})
			if kind == message.EditDelete {
				s, _ = tuitest.Press(t, s, keys("enter")...)
			}
			if s.Name() != "confirm" || !s.Typing() {
				t.Fatalf("the dialog does not ask for the domain:\n%s", s.View())
			}
			// y is typed into the field, not taken as yes.
			s, _ = tuitest.Press(t, s, keys("y", "enter")...)
			if len(a.Writes()) != 0 || !strings.Contains(s.View(), "exactly") {
				t.Fatalf("writes %v; view:\n%s", a.Writes(), s.View())
			}
			s, _ = tuitest.Press(t, s, keys("ctrl+u", "acme.exampl", "enter")...)
			if !s.Typing() || !strings.Contains(s.View(), "exactly") {
				t.Fatalf("a wrong domain was accepted:\n%s", s.View())
			}
			s, _ = tuitest.Press(t, s, keys("e", "enter")...)
			if s.Typing() || !strings.Contains(s.View(), "matches") {
				t.Fatalf("the right domain was not accepted:\n%s", s.View())
			}
			_, _ = tuitest.Press(t, s, keys("y")...)
			if len(a.Writes()) != 1 {
				t.Errorf("writes = %v, want one", a.Writes())
			}
		})
	}
}

func TestChangesThatDoNotApplySayWhy(t *testing.T) {
	minimal := client.Customer{ID: "C0other01", Domain: "other.example", Minimal: true}
	tests := []struct {
		name string
		msg  message.OpenEdit
		want string
	}{
		{"renewal on a flexible plan", message.OpenEdit{Kind: message.EditRenewal, Sub: flex}, "Only annual plans have renewal settings"},
		{"activate an active subscription", message.OpenEdit{Kind: message.EditActivate, Sub: flex}, "Nothing to activate"},
		{"start paid service when paid", message.OpenEdit{Kind: message.EditStartPaid, Sub: flex}, "not in a trial"},
		{"suspend a trial", message.OpenEdit{Kind: message.EditSuspend, Sub: trial}, "cannot be suspended"},
		{"suspend twice", message.OpenEdit{Kind: message.EditSuspend, Sub: suspended}, "Already suspended"},
		{"edit another reseller's customer", message.OpenEdit{Kind: message.EditCustomer, Customer: &minimal}, "own reseller"},
		{"order for another reseller's customer", message.OpenEdit{Kind: message.NewSubscription, Customer: &minimal}, "Not your customer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, cmd := Open(tuitest.Common(api(), 80, 22), tt.msg)
			if s != nil {
				t.Fatalf("a screen opened:\n%s", s.View())
			}
			g := find[message.Guidance](tuitest.Msgs(cmd))
			if len(g) != 1 || !strings.Contains(g[0].Guidance.Title, tt.want) {
				t.Errorf("guidance = %+v, want %q", g, tt.want)
			}
		})
	}
}

func TestEndingATrialWithoutPlanTakesTwoSteps(t *testing.T) {
	a := api()
	s, log := open(t, a, message.OpenEdit{Kind: message.EditStartPaid, Sub: trial})
	if !strings.Contains(s.View(), "step 1 of 2") || !strings.Contains(s.View(), "Flexible") {
		t.Fatalf("the trial without a plan did not open the plan step:\n%s", s.View())
	}
	s, msgs := tuitest.Press(t, s, keys("enter", "y")...)
	if !strings.Contains(s.View(), "step 2 of 2") || s.Name() != "confirm" {
		t.Fatalf("after the plan, not at start paid service:\n%s", s.View())
	}
	if c := find[message.Changed](msgs); len(c) != 1 || c[0].Sub.Plan != client.PlanFlexible {
		t.Errorf("the plan step did not tell the other screens: %+v", c)
	}
	s, _ = tuitest.Press(t, s, keys("y")...)
	if got := a.Writes(); !slices.Equal(got, []string{"subscriptions.changePlan", "subscriptions.startPaidService"}) {
		t.Errorf("writes = %v", got)
	}
	if f := s.(common.Finisher); !f.Finished() {
		t.Error("the screen did not end")
	}
	if e := log.Entries(); len(e) != 2 || e[1].After["trial"] != "paid" {
		t.Errorf("audit = %+v", e)
	}
}

func TestTransferNeverShowsOrRecordsTheToken(t *testing.T) {
	const token = "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7b6"
	row := client.Subscription{CustomerID: "C0xfer001", CustomerDomain: "transfer.example", ID: "7", SKUID: "1010020028",
		SKUName: "Google Workspace Business Standard", Plan: client.PlanFlexible, MaximumSeats: 30, LicensedSeats: 25,
		Transfer: &client.TransferInfo{MinimumSeats: 25}}
	a := api()
	a.Subscriptions = append(a.Subscriptions, row)
	s, log := open(t, a, message.OpenEdit{Kind: message.NewSubscription, Sub: row, TransferToken: token})
	views := []string{s.View()}
	s, _ = tuitest.Press(t, s, keys("tab", "ctrl+u", "24")...)
	views = append(views, s.View())
	if !strings.Contains(s.View(), "at least 25") {
		t.Errorf("fewer seats than the minimum not refused:\n%s", s.View())
	}
	s, msgs := tuitest.Press(t, s, keys("backspace", "backspace", "25", "enter")...)
	views = append(views, s.View())
	s, more := tuitest.Press(t, s, keys("y")...)
	msgs = append(msgs, more...)
	// The screen after the transfer, the one left on the terminal.
	views = append(views, s.View())
	if len(a.Writes()) != 1 {
		t.Fatalf("writes = %v", a.Writes())
	}
	if o := find[message.OpenCustomer](msgs); len(o) != 1 || o[0].ID != "C0xfer001" {
		t.Errorf("after the transfer, opened %+v; want the customer, now yours", o)
	}
	b, _ := json.Marshal(log.Entries())
	for _, text := range append(views, string(b)) {
		if strings.Contains(text, token) {
			t.Errorf("the token shows:\n%s", text)
		}
	}
}

func TestAnUnwritableAuditLogSendsNothing(t *testing.T) {
	a := api()
	s, log := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: flex})
	log.Err = errDiskFull{}
	s, msgs := tuitest.Press(t, s, keys("25", "enter", "y")...)
	if w := a.Writes(); len(w) != 0 {
		t.Fatalf("sent %v although the intent could not be recorded", w)
	}
	g := find[message.Guidance](msgs)
	if len(g) != 1 || !strings.HasPrefix(g[0].Guidance.Title, "Not sent") || !strings.Contains(g[0].Guidance.Cause, "no space left on device") {
		t.Errorf("guidance = %+v", g)
	}
	if s.Name() != "edit" || !strings.Contains(s.View(), "› 25") {
		t.Errorf("the form did not keep what was typed:\n%s", s.View())
	}
	// Space again: the same keys send it.
	log.Err = nil
	tuitest.Press(t, s, keys("enter", "y")...)
	if w := a.Writes(); len(w) != 1 {
		t.Errorf("writes after the log recovered = %v, want one", w)
	}
}

func TestAnOutcomeTheLogRefusesIsShown(t *testing.T) {
	a := api()
	s, log := open(t, a, message.OpenEdit{Kind: message.EditSeats, Sub: flex})
	log.OutcomeErr = errDiskFull{}
	_, msgs := tuitest.Press(t, s, keys("25", "enter", "y")...)
	if len(a.Writes()) != 1 {
		t.Fatalf("writes = %v; the intent was recorded, the change must go out", a.Writes())
	}
	if g := find[message.Guidance](msgs); len(g) != 1 || !strings.Contains(g[0].Guidance.Title, "could not record this change's outcome") {
		t.Errorf("guidance = %+v", g)
	}
	if e := log.Entries(); len(e) != 1 || e[0].Phase != audit.PhaseIntent || e[0].Outcome != audit.OutcomeUnknown {
		t.Errorf("audit = %+v, want the intent, read as interrupted until the next start checks it", e)
	}
}

type errDiskFull struct{}

func (errDiskFull) Error() string { return "no space left on device" }

func TestNewCustomerOpensItAsCreated(t *testing.T) {
	a := api()
	s, log := open(t, a, message.OpenEdit{Kind: message.NewCustomer, Domain: "nobody-here.example"})
	// The admin's email is for team customers only: tab skips it.
	s, _ = tuitest.Press(t, s, keys("tab", "tab", "admin@elsewhere.example", "tab", "Ana", "tab", "Nobody Inc", "tab",
		"tab", "tab", "tab", "94043", "tab", "US", "enter")...)
	if s.Name() != "confirm" {
		t.Fatalf("the form was refused:\n%s", s.View())
	}
	_, msgs := tuitest.Press(t, s, keys("y")...)
	o := find[message.OpenCustomer](msgs)
	if len(o) != 1 || o[0].Customer == nil || o[0].Customer.Domain != "nobody-here.example" {
		t.Errorf("opened %+v", o)
	}
	if e := log.Entries(); len(e) != 1 || e[0].After["domain"] != "nobody-here.example" || e[0].CustomerID == "" {
		t.Errorf("audit = %+v", e)
	}
}

func TestOrderFormOffersThePlansOfTheProduct(t *testing.T) {
	s, _ := open(t, api(), message.OpenEdit{Kind: message.NewSubscription, Customer: &acme})
	m := s.(Model)
	for range 20 {
		if m.form.Value("sku") == "1010060001" {
			break
		}
		next, _ := tuitest.Press(t, m, keys("right")...)
		m = next.(Model)
	}
	if m.form.Value("sku") != "1010060001" {
		t.Fatal("Workspace Essentials not offered")
	}
	f, _ := m.form.Field("plan")
	if f.Value() != string(client.PlanFlexible) {
		t.Errorf("Essentials is flexible only; plan = %q", f.Value())
	}
	if m.form.Value("renewal") != "" {
		t.Error("a renewal is offered on a flexible plan")
	}
}

func TestOutcomeEntry(t *testing.T) {
	changes := []change{{key: "seats", before: "20", after: "25"}}
	got := client.Subscription{Plan: client.PlanFlexible, MaximumSeats: 25}
	tests := []struct {
		name     string
		r        result
		err      error
		already  bool
		outcome  audit.Outcome
		code     int
		reason   string
		attempts int
	}{
		{"applied", result{sub: &got}, nil, false, audit.OutcomeApplied, 200, "", 2},
		{"already applied after a lost answer", result{sub: &got}, nil, true, audit.OutcomeAlreadyApplied, 0, "", 2},
		{"refused by the API", result{}, &client.APIError{Method: "subscriptions.changeSeats", Code: 412, Reason: "conditionNotMet", Attempts: 1}, false, audit.OutcomeFailed, 412, "conditionNotMet", 1},
		{"no answer, state unknown", result{}, &client.APIError{Method: "subscriptions.changeSeats", OutcomeUnknown: true, Attempts: 3}, false, audit.OutcomeUnknown, 0, "", 3},
		{"refused by validation", result{}, client.ValidateSeats(flex, 0), false, audit.OutcomeRefusedLocally, 0, "SEATS-MIN", 0},
		{"refused in read-only mode", result{}, client.ErrReadOnly, false, audit.OutcomeRefusedLocally, 0, "READONLY", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := outcomeEntry(audit.Entry{Method: "subscriptions.changeSeats"}, changes, tt.r, tt.err, 2, tt.already)
			if e.Outcome != tt.outcome || e.Code != tt.code || e.Reason != tt.reason || e.Attempts != tt.attempts {
				t.Errorf("entry = %+v", e)
			}
			if tt.err == nil && e.After["seats"] != "25" {
				t.Errorf("after = %v, want what the API returned", e.After)
			}
			if tt.err != nil && e.Message == "" {
				t.Error("no message for a failure")
			}
		})
	}
}

// alt+d (or a fast esc then d) deletes the word after the cursor in the
// dialog's domain field and in a form's field, at any cursor position,
// without a panic.
func TestDeleteWordForwardInTheInputs(t *testing.T) {
	t.Run("typed domain", func(t *testing.T) {
		dialog, _ := open(t, api(), message.OpenEdit{Kind: message.EditSuspend, Sub: flex})
		if !dialog.Typing() {
			t.Fatal("the dialog does not ask for the domain")
		}
		tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
			s, _ := tuitest.Press(t, dialog, append(tuitest.TypeAt(value, pos), k)...)
			m := s.(Model)
			return m.domain.Value(), m.domain.Position()
		})
	})
	t.Run("form field", func(t *testing.T) {
		form, _ := open(t, api(), message.OpenEdit{Kind: message.EditPlan, Sub: flex})
		form, _ = tuitest.Press(t, form, keys("tab", "tab")...) // the purchase order
		tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
			// A marker typed after the key shows where the cursor was left.
			s, _ := tuitest.Press(t, form, append(append(tuitest.TypeAt(value, pos), k), tuitest.Type("|")...)...)
			got := s.(Model).form.Value("purchase_order")
			at := strings.Index(got, "|")
			if at < 0 {
				t.Fatalf("the marker is not in %q: the keys went elsewhere", got)
			}
			return got[:at] + got[at+1:], len([]rune(got[:at]))
		})
	})
}

// partialAPI answers a transfer set's first batch with the first order
// moved and the others refused, and records every batch's SKUs.
type partialAPI struct {
	*fake.API
	batches [][]string
}

func (p *partialAPI) TransferTogether(_ context.Context, customerID, token string, orders []client.TransferOrder) ([]client.TransferOutcome, error) {
	var skus []string
	out := make([]client.TransferOutcome, len(orders))
	for i, o := range orders {
		skus = append(skus, o.Row.SKUID)
		out[i] = client.TransferOutcome{Order: o, Attempts: 1, Sub: client.Subscription{CustomerID: customerID, ID: "n" + o.Row.ID, SKUID: o.Row.SKUID}}
		if len(p.batches) == 0 && i > 0 {
			out[i].Sub = client.Subscription{}
			out[i].Err = &client.APIError{Method: "subscriptions.insert", Code: 503, Reason: "backendError", Message: "The service is currently unavailable.", Attempts: 6}
		}
	}
	p.batches = append(p.batches, skus)
	return out, nil
}

// After a batch that moved only some of the set, each one's outcome shows
// under the form, and the next batch sends only what is left.
func TestTransferSetPartialOutcome(t *testing.T) {
	const token = "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7b6"
	row := func(id, sku, name string, min int) client.Subscription {
		return client.Subscription{CustomerID: "C0xfer001", CustomerDomain: "transfer.example", ID: id, SKUID: sku, SKUName: name,
			Plan: client.PlanFlexible, MaximumSeats: min, LicensedSeats: min, Transfer: &client.TransferInfo{MinimumSeats: min}}
	}
	ws := row("10", "1010020028", "Google Workspace Business Standard", 25)
	drive := row("11", "Google-Drive-storage-200GB", "Google Drive Storage 200GB", 5)
	vault := row("14", "Google-Vault", "Google Vault", 25)
	a := &partialAPI{API: api()}
	log := &tuitest.Audit{}
	c := tuitest.Common(a, 80, 30)
	c.Audit, c.Profile, c.Endpoint = log, "test", audit.EndpointEmulator
	s, _ := Open(c, message.OpenEdit{Kind: message.NewSubscription, Sub: ws, With: []client.Subscription{drive, vault}, TransferToken: token})
	s, _ = tuitest.Press(t, s, keys("enter")...)
	if v := s.View(); !strings.Contains(v, "Transfer these 3 subscriptions to you, in one batch?") {
		t.Fatalf("dialog:\n%s", v)
	}
	s, _ = tuitest.Press(t, s, keys("y")...)
	v := s.View()
	for _, want := range []string{"✓ Business Standard transferred", "✗ Drive Storage 200GB: ", "✗ Vault: "} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q under the form:\n%s", want, v)
		}
	}
	s, _ = tuitest.Press(t, s, keys("enter")...)
	if v := s.View(); !strings.Contains(v, "Transfer the remaining 2 to you, in one batch?") || strings.Contains(v, "Business Standard  ") {
		t.Errorf("second dialog:\n%s", v)
	}
	s, msgs := tuitest.Press(t, s, keys("y")...)
	if o := find[message.OpenCustomer](msgs); len(o) != 1 || !s.(Model).finished {
		t.Errorf("once all moved the screen ends and opens the customer: %+v", o)
	}
	if got := fmt.Sprint(a.batches); got != "[[1010020028 Google-Drive-storage-200GB Google-Vault] [Google-Drive-storage-200GB Google-Vault]]" {
		t.Errorf("batches = %s", got)
	}
	var outcomes []string
	for _, e := range log.Entries() {
		outcomes = append(outcomes, e.After["sku"]+" "+string(e.Outcome))
	}
	if got := strings.Join(outcomes, ","); got != "1010020028 applied,Google-Drive-storage-200GB failed,Google-Vault failed,"+
		"Google-Drive-storage-200GB applied,Google-Vault applied" {
		t.Errorf("audit = %s", got)
	}
}
