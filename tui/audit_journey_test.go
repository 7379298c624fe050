package tui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"resold/audit"
	"resold/client"
	"resold/emulator"
	"resold/internal/reconcile"
)

// auditLog opens a real audit log under a fresh state folder.
func auditLog(t *testing.T) (*audit.Log, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "resold", "audit.jsonl")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	return log, path
}

// readLog reads every line of the audit log at path.
func readLog(t testing.TB, path string) []audit.Entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := audit.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestJourneyIntentIsOnDiskBeforeTheChangeIsSent(t *testing.T) {
	log, path := auditLog(t)
	srv := emulator.New(emulator.Options{Customers: -1, Seed: 1})
	var mu sync.Mutex
	var onDisk []audit.Entry // the log as the emulator got the change
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/changeSeats") {
			mu.Lock()
			onDisk = readLog(t, path)
			mu.Unlock()
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	tm := startWith(t, Options{API: clientOn(t, ts.URL), Audit: log, Profile: "demo", Endpoint: audit.EndpointEmulator}, 80, 24)
	waitFor(t, tm, "Find a customer")
	do(t, tm, open(emulator.DomainFlex)...)
	do(t, tm,
		step{keys: []string{"s"}, want: []string{"Change the seats"}},
		step{keys: []string{"25", "enter"}, want: []string{"20  →  25"}},
		step{keys: []string{"y"}, want: []string{"cap 25 (maximumNumberOfSeats)"}},
	)
	mu.Lock()
	defer mu.Unlock()
	if len(onDisk) != 1 || onDisk[0].Phase != audit.PhaseIntent || onDisk[0].After["seats"] != "25" || onDisk[0].Before["seats"] != "20" ||
		onDisk[0].CustomerDomain != emulator.DomainFlex || onDisk[0].ID == "" {
		t.Fatalf("the log when the change reached the emulator = %+v, want its intent alone", onDisk)
	}
	lines := readLog(t, path)
	if len(lines) != 2 || lines[1].ID != onDisk[0].ID || lines[1].Phase != audit.PhaseOutcome || lines[1].Outcome != audit.OutcomeApplied {
		t.Errorf("the log after the answer = %+v, want the intent's outcome, applied", lines)
	}
}

func TestJourneyAnUnwritableLogSendsNothing(t *testing.T) {
	log, path := auditLog(t)
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	tm := startWith(t, Options{API: api, Audit: log, Profile: "demo", Endpoint: audit.EndpointEmulator}, 100, 30)
	waitFor(t, tm, "Find a customer")
	do(t, tm, open(emulator.DomainFlex)...)
	// The log's folder is gone and a file holds its place: every write
	// to the log fails with the operating system's error.
	dir := filepath.Dir(path)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	do(t, tm,
		step{keys: []string{"s"}, want: []string{"Change the seats"}},
		step{keys: []string{"25", "enter"}, want: []string{"20  →  25"}},
		step{keys: []string{"y"}, want: []string{"Not sent: the audit log could not record the change first", "audit.jsonl", "Why: audit: mkdir", "› 25"}},
	)
	if sent, _ := writes(srv, "reseller.subscriptions.changeSeats"); sent != 0 {
		t.Fatalf("changeSeats reached the emulator %d times with no audit log", sent)
	}
	// Fixed: the same form sends it, recorded.
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	do(t, tm, step{keys: []string{"enter", "y"}, want: []string{"cap 25 (maximumNumberOfSeats)"}})
	if sent, applied := writes(srv, "reseller.subscriptions.changeSeats"); sent != 1 || applied != 1 {
		t.Errorf("changeSeats sent %d, applied %d; want once", sent, applied)
	}
	if rows := audit.Merge(readLog(t, path)); len(rows) != 1 || rows[0].Outcome != audit.OutcomeApplied {
		t.Errorf("audit rows = %+v, want the applied change", rows)
	}
}

func TestJourneyAnInterruptedChangeIsReconciledAtStart(t *testing.T) {
	log, path := auditLog(t)
	api, srv := emulatorAPI(t, emulator.Options{Customers: -1}, fastRetry)
	// An earlier session sent cap 20 → 25 on flex.example and was hung up
	// on before the answer: the intent is on record, the change was made.
	p, err := api.ListSubscriptions(context.Background(), client.Query{CustomerID: emulator.IDFlex}, "")
	if err != nil || len(p.Rows) != 1 {
		t.Fatal(err)
	}
	flex := p.Rows[0]
	if err := log.Append(audit.Entry{Time: time.Now().Add(-time.Minute), ID: audit.NewID(), Phase: audit.PhaseIntent, Profile: "ops", EndpointKind: audit.EndpointCustom,
		Method: "subscriptions.changeSeats", CustomerID: flex.CustomerID, SubscriptionID: flex.ID, CustomerDomain: flex.CustomerDomain,
		Before: map[string]string{"seats": "20"}, After: map[string]string{"seats": "25"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.ChangeSeats(context.Background(), flex, 25); err != nil {
		t.Fatal(err)
	}
	check := reconcile.AtStart(log, api.(reconcile.Checker), reconcile.Session{Profile: "ops", Endpoint: audit.EndpointCustom})
	tm := startWith(t, Options{API: api, Audit: log, Profile: "ops", Endpoint: audit.EndpointCustom, Reconcile: check}, 100, 30)
	waitFor(t, tm, "1 interrupted change on flex.example was found applied")
	if sent, _ := writes(srv, "reseller.subscriptions.changeSeats"); sent != 1 {
		t.Errorf("changeSeats sent %d times, want only the earlier session's", sent)
	}
	rows := audit.Merge(readLog(t, path))
	if len(rows) != 1 || rows[0].Outcome != audit.OutcomeApplied || rows[0].Phase != audit.PhaseReconciled {
		t.Errorf("audit rows = %+v", rows)
	}
}
