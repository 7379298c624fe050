package reconcile

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"resold/audit"
	"resold/client"
	"resold/emulator"
)

// world is an emulator, a client on it and a real audit log.
type world struct {
	srv *emulator.Server
	ts  *httptest.Server
	cl  *client.Client
	log *audit.Log
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := emulator.New(emulator.Options{Customers: -1, Seed: 1})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cl, err := client.New(context.Background(), client.Config{Endpoint: ts.URL, Token: "t",
		Retry: client.RetryPolicy{Initial: time.Millisecond, Multiplier: 2, MaxAttempts: 2, MaxWait: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.Open(filepath.Join(t.TempDir(), "resold", "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	return &world{srv: srv, ts: ts, cl: cl, log: log}
}

// sub reads the customer's only subscription.
func (w *world) sub(t *testing.T, customerID string) client.Subscription {
	t.Helper()
	p, err := w.cl.ListSubscriptions(context.Background(), client.Query{CustomerID: customerID}, "")
	if err != nil || len(p.Rows) == 0 {
		t.Fatalf("subscriptions of %s: %v", customerID, err)
	}
	return p.Rows[0]
}

// intent appends an intent as the edit screen does before sending.
func (w *world) intent(t *testing.T, profile string, kind audit.EndpointKind, sub client.Subscription, method string, before, after map[string]string) audit.Entry {
	t.Helper()
	// A minute ago: an earlier session's.
	e := audit.Entry{Time: time.Now().Add(-time.Minute), ID: audit.NewID(), Phase: audit.PhaseIntent, Profile: profile, EndpointKind: kind, Method: method,
		CustomerID: sub.CustomerID, SubscriptionID: sub.ID, CustomerDomain: sub.CustomerDomain, Before: before, After: after}
	if err := w.log.Append(e); err != nil {
		t.Fatal(err)
	}
	return e
}

// reads counts the emulator's requests.
func (w *world) requests() int { return len(w.srv.Calls()) }

var session = Session{Profile: "ops", Endpoint: audit.EndpointCustom}

func seats(n string) map[string]string { return map[string]string{"seats": n} }

func TestReconcileFindsAnInterruptedChangeApplied(t *testing.T) {
	w := newWorld(t)
	flex := w.sub(t, emulator.IDFlex)
	w.intent(t, "ops", audit.EndpointCustom, flex, "subscriptions.changeSeats", seats("20"), seats("25"))
	// The change reached the API; resold was killed before the answer.
	if _, err := w.cl.ChangeSeats(context.Background(), flex, 25); err != nil {
		t.Fatal(err)
	}
	run := AtStart(w.log, w.cl, session)
	if got, want := run(context.Background()), "1 interrupted change on flex.example was found applied · resold audit lists them"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	entries, err := w.log.Entries()
	if err != nil {
		t.Fatal(err)
	}
	rows := audit.Merge(entries)
	if len(rows) != 1 || rows[0].Outcome != audit.OutcomeApplied || rows[0].Phase != audit.PhaseReconciled || rows[0].After["seats"] != "25" ||
		!strings.Contains(rows[0].Message, "seats 25 as asked") {
		t.Errorf("rows = %+v", rows)
	}
	if got := AtStart(w.log, w.cl, session)(context.Background()); got != "" {
		t.Errorf("the settled intent was checked again: %q", got)
	}
}

func TestReconcileLeavesThisSessionsIntentsAlone(t *testing.T) {
	w := newWorld(t)
	run := AtStart(w.log, w.cl, session)
	// A change this session sends while the check reads the log.
	flex := w.sub(t, emulator.IDFlex)
	if err := w.log.Append(audit.Entry{ID: audit.NewID(), Phase: audit.PhaseIntent, Profile: "ops", EndpointKind: audit.EndpointCustom,
		Method: "subscriptions.changeSeats", CustomerID: flex.CustomerID, SubscriptionID: flex.ID, After: seats("25")}); err != nil {
		t.Fatal(err)
	}
	before := w.requests()
	if got := run(context.Background()); got != "" {
		t.Errorf("summary %q, want nothing: the intent is this session's", got)
	}
	if len(mustPending(t, w.log)) != 1 || w.requests() != before {
		t.Error("this session's own intent was checked")
	}
}

func TestReconcileOutcomes(t *testing.T) {
	w := newWorld(t)
	flex := w.sub(t, emulator.IDFlex)
	acme := w.sub(t, emulator.IDAcmeAnnual)
	if _, err := w.cl.ChangeSeats(context.Background(), flex, 25); err != nil {
		t.Fatal(err)
	}
	notSent := w.intent(t, "ops", audit.EndpointCustom, acme, "subscriptions.changeRenewalSettings",
		map[string]string{"renewal": acme.RenewalType}, map[string]string{"renewal": "CANCEL"})
	changedSince := w.intent(t, "ops", audit.EndpointCustom, flex, "subscriptions.changeSeats", seats("20"), seats("30"))
	demo := w.intent(t, "demo", audit.EndpointEmulator, flex, "subscriptions.changeSeats", seats("20"), seats("28"))
	other := w.intent(t, "prod", audit.EndpointGoogle, flex, "subscriptions.changeSeats", seats("20"), seats("27"))
	pending, err := Pending(w.log)
	if err != nil || len(pending) != 4 {
		t.Fatalf("pending %d, %v", len(pending), err)
	}
	before := w.requests()
	r := Run(context.Background(), w.log, pending, w.cl, session)
	if len(r.Checked) != 2 || r.Checked[0].Outcome != audit.OutcomeNotApplied || r.Checked[1].Outcome != audit.OutcomeUnknown {
		t.Errorf("checked %+v", r.Checked)
	}
	if len(r.Demo) != 1 || len(r.Elsewhere) != 1 || r.Elsewhere[0].ID != other.ID {
		t.Errorf("demo %+v, elsewhere %+v", r.Demo, r.Elsewhere)
	}
	if n := w.requests() - before; n != 2 {
		t.Errorf("%d requests, want 2 reads: the demo and other-profile intents are not read", n)
	}
	for _, c := range w.srv.Calls()[before:] {
		if c.Method != "reseller.subscriptions.get" {
			t.Errorf("reconciling sent %s", c.Method)
		}
	}
	want := "2 interrupted changes were checked: acme-annual.example not applied, flex.example in an unknown state · " +
		"1 interrupted change from an earlier demo cannot be checked (the demo emulator starts afresh): recorded as unknown · " +
		"1 interrupted change made under prod (google) waits for a start there · resold audit lists them"
	if got := r.Summary(); got != want {
		t.Errorf("summary\n%q\nwant\n%q", got, want)
	}
	entries, _ := w.log.Entries()
	byID := map[string]audit.Entry{}
	for _, row := range audit.Merge(entries) {
		byID[row.ID] = row
	}
	if row := byID[notSent.ID]; row.Outcome != audit.OutcomeNotApplied || row.After["renewal"] != acme.RenewalType {
		t.Errorf("not applied row = %+v", row)
	}
	if row := byID[changedSince.ID]; row.Outcome != audit.OutcomeUnknown || !strings.Contains(row.Message, "changed since") {
		t.Errorf("unknown row = %+v", row)
	}
	if row := byID[demo.ID]; row.Outcome != audit.OutcomeUnknown || row.Reason != ReasonDemo {
		t.Errorf("demo row = %+v", row)
	}
	if row := byID[other.ID]; row.Phase != audit.PhaseIntent {
		t.Errorf("the other profile's intent was closed: %+v", row)
	}
}

func TestReconcileLeavesWhatItCannotReadForNextTime(t *testing.T) {
	w := newWorld(t)
	flex := w.sub(t, emulator.IDFlex)
	w.intent(t, "ops", audit.EndpointCustom, flex, "subscriptions.changeSeats", seats("20"), seats("25"))
	w.ts.Close() // no answer at all
	run := AtStart(w.log, w.cl, session)
	got := run(context.Background())
	if !strings.Contains(got, "1 interrupted change could not be checked") || !strings.Contains(got, "the next start tries again") {
		t.Errorf("summary %q", got)
	}
	if pending, _ := Pending(w.log); len(pending) != 1 {
		t.Errorf("pending %d, want the intent kept for the next start", len(pending))
	}
}

func TestReconcileRecordsAnUnreadableStateAsUnknown(t *testing.T) {
	w := newWorld(t)
	revoked := client.Subscription{CustomerID: emulator.IDRevoked, CustomerDomain: emulator.DomainRevoked, ID: "1"}
	w.intent(t, "ops", audit.EndpointCustom, revoked, "subscriptions.changeSeats", seats("5"), seats("6"))
	r := Run(context.Background(), w.log, mustPending(t, w.log), w.cl, session)
	if len(r.Checked) != 1 || r.Checked[0].Outcome != audit.OutcomeUnknown || !strings.Contains(r.Checked[0].Why, "could not be read") {
		t.Errorf("checked %+v", r.Checked)
	}
}

func mustPending(t *testing.T, log Log) []audit.Entry {
	t.Helper()
	p, err := Pending(log)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnfinishedBulksOfThisSession(t *testing.T) {
	start := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	planned := func(bulk, id, profile string, at time.Time) audit.Entry {
		return audit.Entry{Time: at, ID: id, Phase: audit.PhasePlanned, Bulk: bulk, BulkChange: "activate",
			Method: "subscriptions.activate", Profile: profile, EndpointKind: audit.EndpointCustom}
	}
	entries := []audit.Entry{
		planned("mine", "1", "ops", start.Add(-time.Hour)), planned("mine", "2", "ops", start.Add(-time.Hour)),
		planned("elsewhere", "3", "prod", start.Add(-time.Hour)),
		planned("now", "4", "ops", start.Add(time.Second)),
		{ID: "1", Phase: audit.PhaseIntent, Bulk: "mine", Method: "subscriptions.activate"},
	}
	got := Unfinished(entries, Session{Profile: "ops", Endpoint: audit.EndpointCustom}, start)
	if len(got) != 1 || got[0].ID != "mine" || len(got[0].Remaining) != 1 || got[0].Remaining[0].ID != "2" {
		t.Fatalf("Unfinished = %+v, want bulk mine with row 2", got)
	}
}

// TestAnotherRunningResoldsChangesAreLeftAlone: a resold started while
// another (a second terminal, resold serve) is sending a change or running
// a bulk change must neither check that change (it may land a moment
// later, after a "not applied" was recorded) nor offer to resume that bulk
// change (its rows would go twice). Once the other has ended, they are
// checked and offered as any interrupted change.
func TestAnotherRunningResoldsChangesAreLeftAlone(t *testing.T) {
	w := newWorld(t)
	other, err := audit.Open(w.log.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	flex := w.sub(t, emulator.IDFlex)
	earlier := time.Now().Add(-time.Minute)
	if err := other.Append(audit.Entry{Time: earlier, ID: audit.NewID(), Phase: audit.PhaseIntent, Profile: "ops", EndpointKind: audit.EndpointCustom,
		Method: "subscriptions.changeSeats", CustomerID: flex.CustomerID, SubscriptionID: flex.ID, CustomerDomain: flex.CustomerDomain,
		Before: seats("20"), After: seats("25")}); err != nil {
		t.Fatal(err)
	}
	if err := other.Append(audit.Entry{Time: earlier, ID: audit.NewID(), Bulk: "b1", BulkChange: "activate", Phase: audit.PhasePlanned, Profile: "ops",
		EndpointKind: audit.EndpointCustom, Method: "subscriptions.activate", CustomerID: flex.CustomerID, SubscriptionID: flex.ID}); err != nil {
		t.Fatal(err)
	}
	before := w.requests()
	if got := AtStart(w.log, w.cl, session)(context.Background()); got != "" {
		t.Errorf("summary %q, want nothing: the change is the other resold's, on its way", got)
	}
	if w.requests() != before || len(mustPending(t, w.log)) != 1 {
		t.Errorf("the other resold's change was checked: %d requests, %d pending", w.requests()-before, len(mustPending(t, w.log)))
	}
	if got := UnfinishedAtStart(w.log, session)(); len(got) != 0 {
		t.Errorf("the other resold's running bulk change is offered for resuming: %+v", got)
	}

	other.Close()
	if got := AtStart(w.log, w.cl, session)(context.Background()); !strings.Contains(got, "1 interrupted change on flex.example") {
		t.Errorf("after the other resold ended: summary %q, want the change checked", got)
	}
	if got := UnfinishedAtStart(w.log, session)(); len(got) != 1 {
		t.Errorf("after the other resold ended: %d bulk changes offered, want 1", len(got))
	}
}
