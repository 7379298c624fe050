package tui

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/internal/tuitest"
)

// step sends keys, then waits until every part of want has been painted.
// A key is a Bubble Tea key name or one character; anything longer is
// typed.
type step struct {
	keys []string
	want []string
}

func do(t *testing.T, tm *teatest.TestModel, steps ...step) {
	t.Helper()
	for _, s := range steps {
		for _, k := range s.keys {
			if msg := tuitest.Key(k); msg.Type != tea.KeyRunes || len(msg.Runes) == 1 {
				tm.Send(msg)
				continue
			}
			tm.Type(k)
		}
		if len(s.want) > 0 {
			waitFor(t, tm, s.want...)
		}
	}
}

// startWith runs the whole program with o's API, keys and audit log, as
// Run does.
func startWith(t *testing.T, o Options, w, h int) *teatest.TestModel {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	o.Theme, o.Demo = asciiTheme(), true
	if o.Keys.Global.Quit.Action == "" {
		o.Keys = keymap.Default()
	}
	c := NewCommon(ctx, o)
	tm := teatest.NewTestModel(t, New(c).Reconciling(o.Reconcile), teatest.WithInitialTermSize(w, h))
	c.Sender.Set(tm.Send)
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// writes counts the emulator's write calls of method (e.g.
// "reseller.subscriptions.changeSeats"), and how many were applied.
func writes(srv *emulator.Server, method string) (sent, applied int) {
	for _, c := range srv.Calls() {
		if c.Method == method {
			sent++
			if c.Applied {
				applied++
			}
		}
	}
	return sent, applied
}

// open is the steps from the search box to a fixture's only subscription.
func open(domain string) []step {
	return []step{
		// The record and the subscriptions come in separate calls: wait
		// for the selected row before enter opens it.
		{keys: []string{domain, "enter"}, want: []string{"Alt email", "▶ "}},
		{keys: []string{"enter"}, want: []string{"Subscription ID", "Plan and seats"}},
	}
}

func TestJourneysEveryEdit(t *testing.T) {
	vault := slices.IndexFunc(client.SKUs(), func(k client.SKU) bool { return k.ID == "Google-Vault" })
	right := make([]string, vault)
	for i := range right {
		right[i] = "right"
	}
	tests := []struct {
		name   string
		steps  []step
		method string // the write the journey makes, "" for none
		sent   int    // how many times it reaches the emulator
	}{
		{"seats: a flexible cap goes up", append(open(emulator.DomainFlex),
			step{keys: []string{"s"}, want: []string{"Change the seats", "now 20"}},
			step{keys: []string{"25", "enter"}, want: []string{"Change the seats?", "20  →  25"}},
			step{keys: []string{"y"}, want: []string{"cap 25 (maximumNumberOfSeats)", "Seats changed"}},
		), "reseller.subscriptions.changeSeats", 1},
		{"seats: an annual plan cannot go down; r switches to renewal settings", append(open(emulator.DomainAcmeAnnual),
			step{keys: []string{"s"}, want: []string{"Change the seats"}},
			step{keys: []string{"40"}, want: []string{"Seats on an annual plan cannot go down"}},
			step{keys: []string{"enter"}, want: []string{"r switches to the renewal settings", "RENEW_CURRENT_USERS"}},
			step{keys: []string{"r"}, want: []string{"Change the renewal settings", "At the renewal"}},
		), "reseller.subscriptions.changeSeats", 0},
		{"plan: flexible to annual", append(open(emulator.DomainFlex),
			step{keys: []string{"p"}, want: []string{"Change the plan"}},
			step{keys: []string{"right", "enter"}, want: []string{"FLEXIBLE  →  ANNUAL_MONTHLY_PAY"}},
			step{keys: []string{"y"}, want: []string{"Annual, monthly pay (ANNUAL_MONTHLY_PAY", "Plan changed"}},
		), "reseller.subscriptions.changePlan", 1},
		{"plan: an annual plan is refused with the renewal shortcut", append(open(emulator.DomainAcmeAnnual),
			step{keys: []string{"p"}, want: []string{"annual commitment plan cannot be changed"}},
			step{keys: []string{"enter"}, want: []string{"r switches to the renewal settings"}},
		), "reseller.subscriptions.changePlan", 0},
		{"renewal: an annual plan renews automatically", append(open(emulator.DomainAcmeAnnual),
			step{keys: []string{"r"}, want: []string{"Change the renewal settings"}},
			step{keys: []string{"right", "enter"}, want: []string{"RENEW_CURRENT_USERS_MONTHLY_PAY  →  AUTO_RENEW_MONTHLY_PAY"}},
			step{keys: []string{"y"}, want: []string{"Renewal changed", "AUTO_RENEW_MONTHLY_PAY: Renews automatically"}},
		), "reseller.subscriptions.changeRenewalSettings", 1},
		{"renewal: not offered on a flexible plan, with the reason", append(open(emulator.DomainFlex),
			step{keys: []string{"r"}, want: []string{"r: Only annual plans have renewal settings"}},
		), "reseller.subscriptions.changeRenewalSettings", 0},
		{"suspend: the domain typed, then y", append(open(emulator.DomainFlex),
			step{keys: []string{"x"}, want: []string{"Suspend the subscription?", "Type flex.example to confirm"}},
			step{keys: []string{"flex.example", "enter"}, want: []string{"matches"}},
			step{keys: []string{"y"}, want: []string{"Suspended ·", "by reseller"}},
		), "reseller.subscriptions.suspend", 1},
		{"suspend: a trial cannot be", append(open(emulator.DomainTrial),
			step{keys: []string{"x"}, want: []string{"Trial and free subscriptions cannot be suspended"}},
		), "reseller.subscriptions.suspend", 0},
		{"activate: a reseller suspension is lifted", append(open(emulator.DomainSuspended),
			step{keys: []string{"a"}, want: []string{"Activate the subscription?", "SUSPENDED (RESELLER_INITIATED)  →  ACTIVE"}},
			step{keys: []string{"y"}, want: []string{"Activated ·", "✓ active"}},
		), "reseller.subscriptions.activate", 1},
		{"activate: nothing to activate", append(open(emulator.DomainFlex),
			step{keys: []string{"a"}, want: []string{"Nothing to activate"}},
		), "reseller.subscriptions.activate", 0},
		{"start paid service: not in a trial", append(open(emulator.DomainFlex),
			step{keys: []string{"t"}, want: []string{"The subscription is not in a trial"}},
		), "reseller.subscriptions.startPaidService", 0},
		{"delete: transfer to direct", append(open(emulator.DomainFlex),
			step{keys: []string{"D"}, want: []string{"Delete the subscription", "Transfer to direct billing"}},
			step{keys: []string{"enter"}, want: []string{"Type flex.example to confirm"}},
			step{keys: []string{"flex.example", "enter", "y"}, want: []string{"Deleted ·", "Subscriptions (none)"}},
		), "reseller.subscriptions.delete", 1},
		{"delete: no administrator on the account", append(open(emulator.DomainNoAdmin),
			step{keys: []string{"D"}, want: []string{"Delete the subscription"}},
			step{keys: []string{"enter"}, want: []string{"Type no-admin.example to confirm"}},
			step{keys: []string{"no-admin.example", "enter", "y"}, want: []string{"The customer's account has no administrator", "412 conditionNotMet"}},
		), "reseller.subscriptions.delete", 1},
		{"edit customer: a new contact", []step{
			{keys: []string{emulator.DomainFlex, "enter"}, want: []string{"Alt email"}},
			{keys: []string{"e"}, want: []string{"Edit the customer", "Dana Reyes"}},
			{keys: []string{"ctrl+u", "Robin Diaz", "enter"}, want: []string{"Dana Reyes  →  Robin Diaz"}},
			{keys: []string{"y"}, want: []string{"Customer updated", "Robin Diaz · Flex Works"}},
		}, "reseller.customers.patch", 1},
		{"edit customer: the postal code does not fit the country", []step{
			{keys: []string{emulator.DomainFlex, "enter"}, want: []string{"Alt email"}},
			{keys: []string{"e"}, want: []string{"Edit the customer"}},
			{keys: []string{"tab", "tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", "ABC", "enter", "y"},
				want: []string{"The postal code is not valid", "400 invalid"}},
		}, "reseller.customers.patch", 1},
		{"new customer: for a domain Google does not know", []step{
			{keys: []string{"nobody-here.example", "enter"}, want: []string{"n orders a new customer"}},
			{keys: []string{"n"}, want: []string{"Order a new customer"}},
			{keys: []string{"tab", "tab", "admin@nobody-mail.example", "tab", "Ana Lima", "tab", "Nobody Here Inc",
				"tab", "tab", "tab", "tab", "94043", "tab", "US", "enter"}, want: []string{"Order this customer account?"}},
			{keys: []string{"y"}, want: []string{"Customer created", "type domain"}},
		}, "reseller.customers.insert", 1},
		{"new customer: the domain already has an account", []step{
			{keys: []string{"esc", "n"}, want: []string{"Order a new customer"}},
			{keys: []string{emulator.DomainAcmeAnnual, "tab", "tab", "admin@elsewhere.example", "tab", "Ana", "tab", "Acme",
				"tab", "tab", "tab", "tab", "94043", "tab", "US", "enter", "y"}, want: []string{"A Google account already exists for this domain"}},
		}, "reseller.customers.insert", 1},
		{"new subscription: Google Vault for a Workspace customer", []step{
			{keys: []string{emulator.DomainFlex, "enter"}, want: []string{"Alt email"}},
			{keys: []string{"n"}, want: []string{"Order a subscription"}},
			{keys: append(right, "tab", "tab", "5", "enter"), want: []string{"Order this subscription?", "Google-Vault"}},
			{keys: []string{"y"}, want: []string{"Subscription ordered", "Vault"}},
		}, "reseller.subscriptions.insert", 1},
		{"new subscription: the customer already has the product", []step{
			{keys: []string{emulator.DomainFlex, "enter"}, want: []string{"Alt email"}},
			{keys: []string{"n"}, want: []string{"Order a subscription"}},
			{keys: []string{"tab", "tab", "5", "enter", "y"}, want: []string{"The customer already has this product"}},
		}, "reseller.subscriptions.insert", 1},
		{"transfer: a Workspace subscription moves with its add-ons, in one batch", []step{
			{keys: []string{emulator.DomainTransfer, "enter"}, want: []string{"Managed by Google or another reseller"}},
			{keys: []string{"enter", emulator.TransferToken, "enter"}, want: []string{"loaded · all", "T orders the selected one's transfer"}},
			// enter only opens the row; T orders its transfer.
			{keys: []string{"enter"}, want: []string{"Minimum seats"}},
			{keys: []string{"esc", "T"}, want: []string{"Transfer the subscription and its add-ons to you", "At least 25 seats",
				"Google moves it only together with Drive Storage 200GB (FLEXIBLE, 5 seats), Vault"}},
			{keys: []string{"enter"}, want: []string{"Transfer these 3 subscriptions to you, in one batch?",
				"Business Standard", "FLEXIBLE · 25 seats", "Drive Storage 200GB", "FLEXIBLE · 5 seats", "Vault"}},
			{keys: []string{"y"}, want: []string{"Transferred together ·", "Alt email"}},
		}, "reseller.subscriptions.insert", 3},
		{"transfer: a subscription Google suspended cannot move", []step{
			{keys: []string{emulator.DomainTransfer, "enter"}, want: []string{"Managed by Google or another reseller"}},
			{keys: []string{"enter", emulator.TransferToken, "enter"}, want: []string{"loaded · all"}},
			{keys: []string{"G", "T"}, want: []string{"Transfer the subscription to you", "Chrome"}},
			{keys: []string{"enter", "y"}, want: []string{"412 conditionNotMet"}},
		}, "reseller.subscriptions.insert", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
			log := &tuitest.Audit{}
			tm := startWith(t, Options{API: api, Audit: log, Profile: "journey"}, 100, 30)
			waitFor(t, tm, "Find a customer")
			do(t, tm, tt.steps...)
			if tt.method == "" {
				return
			}
			if sent, _ := writes(srv, tt.method); sent != tt.sent {
				t.Errorf("%s reached the emulator %d times, want %d", tt.method, sent, tt.sent)
			}
			if tt.sent > 0 {
				e := log.Entries()
				if len(e) == 0 || "reseller."+e[len(e)-1].Method != tt.method {
					t.Errorf("audit = %+v, want an entry for %s", e, tt.method)
				}
			}
		})
	}
}

func TestJourneyTrialCapLeadsToPaidServiceThenTheSeats(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	tm := startWith(t, Options{API: api}, 80, 24)
	waitFor(t, tm, "Find a customer")
	do(t, tm, open(emulator.DomainTrial)...)
	do(t, tm,
		step{keys: []string{"s"}, want: []string{"Change the seats"}},
		step{keys: []string{"11", "enter"}, want: []string{"A trial is limited to 10 seats", "t ends the trial"}},
		// No payment plan yet: choosing it is step 1.
		step{keys: []string{"t"}, want: []string{"End the trial: choose the plan first", "step 1 of 2"}},
		step{keys: []string{"enter"}, want: []string{"TRIAL  →  FLEXIBLE"}},
		step{keys: []string{"y"}, want: []string{"End the trial and start paid service?", "step 2 of 2"}},
		// Back on the seat form, 11 still typed and now valid.
		step{keys: []string{"y"}, want: []string{"Paid service started", "› 11"}},
		step{keys: []string{"enter"}, want: []string{"5  →  11"}},
		step{keys: []string{"y"}, want: []string{"cap 11 (maximumNumberOfSeats)", "Trial            ended"}},
	)
	for _, m := range []string{"changePlan", "startPaidService", "changeSeats"} {
		if sent, applied := writes(srv, "reseller.subscriptions."+m); sent != 1 || applied != 1 {
			t.Errorf("%s: sent %d, applied %d; want once", m, sent, applied)
		}
	}
}

func TestJourneySuspendedSeatsActivateThenChange(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	tm := startWith(t, Options{API: api}, 80, 24)
	waitFor(t, tm, "Find a customer")
	do(t, tm, open(emulator.DomainSuspended)...)
	do(t, tm,
		step{keys: []string{"s"}, want: []string{"Change the seats", "SUSPENDED (by reseller)"}},
		step{keys: []string{"40", "enter"}, want: []string{"30  →  40"}},
		step{keys: []string{"y"}, want: []string{"The subscription is suspended or cancelled", "a activates the subscription first"}},
		step{keys: []string{"a"}, want: []string{"Activate the subscription?"}},
		step{keys: []string{"y"}, want: []string{"Activated ·", "› 40"}},
		step{keys: []string{"enter", "y"}, want: []string{"cap 40 (maximumNumberOfSeats)", "✓ active"}},
	)
	if sent, applied := writes(srv, "reseller.subscriptions.changeSeats"); sent != 2 || applied != 1 {
		t.Errorf("changeSeats sent %d (refused once, then applied), applied %d", sent, applied)
	}
}

func TestJourneyLostResponseIsAppliedOnceAndAudited(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("USER", "journey-operator")
	t.Setenv("SSH_CONNECTION", "203.0.113.7 52000 10.0.0.1 22")
	path, err := audit.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	// Every write is applied and its answer lost.
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1, DropResponse: 1}, fastRetry)
	tm := startWith(t, Options{API: api, Audit: log, Profile: "demo", Endpoint: audit.EndpointEmulator}, 80, 24)
	waitFor(t, tm, "Find a customer")
	do(t, tm, open(emulator.DomainFlex)...)
	do(t, tm,
		step{keys: []string{"s"}, want: []string{"Change the seats"}},
		step{keys: []string{"25", "enter"}, want: []string{"20  →  25"}},
		step{keys: []string{"y"}, want: []string{"cap 25 (maximumNumberOfSeats)", "found applied"}},
	)
	if sent, applied := writes(srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("changeSeats sent %d, applied %d; want exactly once", sent, applied)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", info.Mode().Perm())
	}
	lines := readLog(t, path)
	if len(lines) != 2 || lines[0].Phase != audit.PhaseIntent || lines[1].Phase != audit.PhaseOutcome || lines[0].ID != lines[1].ID {
		t.Fatalf("audit lines = %+v, want the intent then the outcome of one attempt", lines)
	}
	entries := audit.Merge(lines)
	if len(entries) != 1 {
		t.Fatalf("audit entries = %+v, want one", entries)
	}
	e := entries[0]
	if e.Outcome != audit.OutcomeAlreadyApplied || e.Method != "subscriptions.changeSeats" || e.CustomerID != emulator.IDFlex ||
		e.Before["seats"] != "20" || e.After["seats"] != "25" || e.Operator != "journey-operator" || e.SSHClient != "203.0.113.7" ||
		e.Profile != "demo" || e.EndpointKind != audit.EndpointEmulator || e.Attempts != 1 {
		t.Errorf("audit entry = %+v", e)
	}
}

// readOnlyAPI is a read-only client (as --read-only makes) on a fresh
// emulator.
func readOnlyAPI(t *testing.T) (common.API, *emulator.Server) {
	t.Helper()
	emu := newEmulator(t, emulator.Options{Customers: -1, Seed: 1})
	cl, err := client.New(context.Background(), client.Config{Endpoint: emu.URL, Token: "demo", ReadOnly: true, Retry: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	return FromClient(cl), emu.Server
}

// writeKeys are every write binding's keys, on any screen.
func writeKeys() []string {
	var out []string
	k := keymap.Default()
	for _, s := range keymap.Screens() {
		for _, b := range k.Screen(s) {
			if b.Write {
				for _, key := range b.Keys() {
					if !slices.Contains(out, key) {
						out = append(out, key)
					}
				}
			}
		}
	}
	return out
}

func TestReadOnlyReachesNoWrite(t *testing.T) {
	api, srv := readOnlyAPI(t)
	c := NewCommon(context.Background(), Options{API: api, Theme: asciiTheme(), Keys: keymap.Default(), ReadOnly: true,
		Now: func() time.Time { return tuitest.Now }})
	c.Tick = tuitest.Immediate
	keysToTry := writeKeys()
	if len(keysToTry) < 9 {
		t.Fatalf("write keys = %v", keysToTry)
	}
	screens := []struct {
		name string
		keys []tea.KeyMsg
	}{
		{"search, after an available domain", typed("nobody-here.example")},
		{"customer", typed(emulator.DomainFlex)},
		{"subscription", keys(typed(emulator.DomainSuspended), "enter")},
		{"subscriptions table", keys("esc", "S")},
		{"transferable subscriptions", keys(typed(emulator.DomainTransfer), "enter", typed(emulator.TransferToken))},
	}
	writeDescs := map[string]bool{}
	for _, s := range keymap.Screens() {
		for _, b := range keymap.Default().Screen(s) {
			if b.Write {
				writeDescs[b.Desc] = true
				writeDescs[b.Help().Key+" "+b.Help().Desc] = true
			}
		}
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			m := press(t, sized(c, 120, 40), sc.keys...)
			on := m.screenName()
			header := strings.Split(m.View(), "\n")[0]
			if !strings.Contains(header, "READ-ONLY") {
				t.Errorf("header %q lacks READ-ONLY", header)
			}
			for _, k := range keysToTry {
				next := press(t, m, key(k))
				if n := next.screenName(); n == keymap.ScreenEdit || n == keymap.ScreenConfirm {
					t.Errorf("%s opened the %s screen:\n%s", k, n, next.View())
				}
			}
			// Neither enter nor the transfer key orders anything.
			if next := press(t, m, key("enter"), key("esc"), key("T")); next.screenName() == keymap.ScreenEdit {
				t.Errorf("enter opened a form on %s", on)
			}
			help := press(t, m, key("?")).View()
			pal := press(t, m, key(":"))
			if pal.screenName() != keymap.ScreenPalette {
				t.Fatalf(": opened %s", pal.screenName())
			}
			for d := range writeDescs {
				if strings.Contains(help, d) {
					t.Errorf("help on %s offers %q", on, d)
				}
			}
			for _, name := range pal.top().(interface{ Commands() []string }).Commands() {
				for _, b := range keymap.Default().Screen(on) {
					if b.Write && b.Help().Desc == name {
						t.Errorf("palette on %s offers %q", on, name)
					}
				}
			}
		})
	}
	for _, call := range srv.Calls() {
		if !strings.HasSuffix(call.Method, ".get") && !strings.HasSuffix(call.Method, ".list") {
			t.Errorf("the emulator got %s in read-only mode", call.Method)
		}
	}
}

func TestJourneyReadOnly(t *testing.T) {
	api, srv := readOnlyAPI(t)
	tm := startWith(t, Options{API: api, ReadOnly: true}, 80, 24)
	waitFor(t, tm, "Find a customer", "READ-ONLY")
	do(t, tm, open(emulator.DomainFlex)...)
	for _, k := range writeKeys() {
		tm.Send(key(k))
	}
	// A write key does nothing but say why.
	waitFor(t, tm, "Read-only mode: changes are disabled")
	// The palette answers: nothing before it opened a form.
	do(t, tm, step{keys: []string{":"}, want: []string{"Commands of the subscription screen"}})
	do(t, tm, step{keys: []string{"seats"}, want: []string{"No command matches"}})
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(journeyTimeout)).(Model)
	for _, s := range final.stack {
		if n := s.Name(); n == keymap.ScreenEdit || n == keymap.ScreenConfirm {
			t.Errorf("a %s screen opened in read-only mode", n)
		}
	}
	for _, call := range srv.Calls() {
		if !strings.HasSuffix(call.Method, ".get") && !strings.HasSuffix(call.Method, ".list") {
			t.Errorf("the emulator got %s in read-only mode", call.Method)
		}
	}
}

// TestJourneyTransferSetOneBatch: T on transfer.example's Workspace
// subscription moves it with its Drive and Vault add-ons in one batch
// request; the audit has one entry per subscription, sharing a batch ID.
func TestJourneyTransferSetOneBatch(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	log := &tuitest.Audit{}
	tm := startWith(t, Options{API: api, Audit: log, Profile: "journey"}, 100, 30)
	waitFor(t, tm, "Find a customer")
	do(t, tm,
		step{keys: []string{emulator.DomainTransfer, "enter"}, want: []string{"Managed by Google or another reseller"}},
		step{keys: []string{"enter", emulator.TransferToken, "enter"}, want: []string{"loaded · all"}},
		step{keys: []string{"T"}, want: []string{"Transfer the subscription and its add-ons to you"}},
		step{keys: []string{"enter"}, want: []string{"Transfer these 3 subscriptions to you, in one batch?"}},
		step{keys: []string{"y"}, want: []string{"Transferred together · transfer.example: Business Standard, Drive Storage 200GB, Vault"}},
	)
	if sent, applied := writes(srv, "batch"); sent != 1 || applied != 1 {
		t.Errorf("batches: sent %d, applied %d; want one", sent, applied)
	}
	if sent, applied := writes(srv, "reseller.subscriptions.insert"); sent != 3 || applied != 3 {
		t.Errorf("transfers: sent %d, applied %d; want 3 in the batch", sent, applied)
	}
	var skus []string
	entries := log.Entries()
	for _, e := range entries {
		if e.BatchID == "" || e.BatchID != entries[0].BatchID || e.Outcome != audit.OutcomeApplied || e.Attempts != 1 ||
			e.Method != "subscriptions.insert" || e.CustomerID != emulator.IDTransfer || e.SubscriptionID == "" {
			t.Errorf("audit entry %+v", e)
		}
		skus = append(skus, e.After["sku"])
	}
	if got := strings.Join(skus, ","); got != "1010020028,Google-Drive-storage-200GB,Google-Vault" {
		t.Errorf("audited SKUs = %s, want one entry per subscription", got)
	}
	// Write-ahead: the three intents, each with its own attempt ID, are on
	// record before the batch goes out; the outcomes follow.
	var phases []string
	ids := map[string]bool{}
	for _, l := range log.Lines() {
		phases = append(phases, string(l.Phase))
		ids[l.ID] = true
	}
	if got := strings.Join(phases, ","); got != "intent,intent,intent,outcome,outcome,outcome" || len(ids) != 3 {
		t.Errorf("audit lines: %s with %d attempt IDs; want three intents, then three outcomes, three IDs", got, len(ids))
	}
}

// TestJourneyTransferSetIntentFirst: when the audit log cannot take the
// intents, no batch is sent.
func TestJourneyTransferSetIntentFirst(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	log := &tuitest.Audit{Err: errors.New("no space left on device")}
	tm := startWith(t, Options{API: api, Audit: log, Profile: "journey"}, 100, 30)
	waitFor(t, tm, "Find a customer")
	do(t, tm,
		step{keys: []string{emulator.DomainTransfer, "enter"}, want: []string{"Managed by Google or another reseller"}},
		step{keys: []string{"enter", emulator.TransferToken, "enter"}, want: []string{"loaded · all"}},
		step{keys: []string{"T"}, want: []string{"Transfer the subscription and its add-ons to you"}},
		step{keys: []string{"enter"}, want: []string{"Transfer these 3 subscriptions to you, in one batch?"}},
		step{keys: []string{"y"}, want: []string{"Not sent: the audit log could not record the change first"}},
	)
	if sent, _ := writes(srv, "batch"); sent != 0 {
		t.Errorf("%d batches sent without their intents on record, want none", sent)
	}
}

// TestJourneyTransferSetRefusedPart: when the batch moves nothing, each
// subscription's outcome shows under the form, which keeps what was typed.
func TestJourneyTransferSetRefusedPart(t *testing.T) {
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	log := &tuitest.Audit{}
	tm := startWith(t, Options{API: api, Audit: log, Profile: "journey"}, 100, 30)
	waitFor(t, tm, "Find a customer")
	do(t, tm,
		step{keys: []string{emulator.DomainTransfer, "enter"}, want: []string{"Managed by Google or another reseller"}},
		step{keys: []string{"enter", emulator.TransferToken, "enter"}, want: []string{"loaded · all"}},
		step{keys: []string{"T"}, want: []string{"Transfer the subscription and its add-ons to you"}},
		// A well-formed token the customer never issued: every part is
		// refused by the API.
		step{keys: []string{"tab", "tab", "tab", "ctrl+u", "0000000000000000000000000000000a", "enter"},
			want: []string{"Transfer these 3 subscriptions to you, in one batch?"}},
		step{keys: []string{"y"}, want: []string{"403 forbidden", "✗ Business Standard: ", "✗ Drive Storage 200GB: ", "✗ Vault: "}},
	)
	if _, applied := writes(srv, "reseller.subscriptions.insert"); applied != 0 {
		t.Errorf("%d transfers applied, want none", applied)
	}
	entries := log.Entries()
	if len(entries) != 3 {
		t.Fatalf("audit: %+v", entries)
	}
	for _, e := range entries {
		if e.Outcome != audit.OutcomeFailed || e.Code != 403 || e.BatchID != entries[0].BatchID {
			t.Errorf("audit entry %+v", e)
		}
	}
}
