package tui

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"resold/audit"
	"resold/client"
	"resold/emulator"
)

// rereadBreaker lets a write through, then breaks the next reads of a
// subscription: the re-read that checks a lost answer must retry.
type rereadBreaker struct {
	mu      sync.Mutex
	wrote   bool
	toBreak int
}

func (b *rereadBreaker) RoundTrip(r *http.Request) (*http.Response, error) {
	b.mu.Lock()
	if r.Method == http.MethodPost {
		b.wrote = true
	}
	broken := b.wrote && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/subscriptions/") && b.toBreak > 0
	if broken {
		b.toBreak--
	}
	b.mu.Unlock()
	if broken {
		return nil, errors.New("connection reset by peer")
	}
	return http.DefaultTransport.RoundTrip(r)
}

// A change whose answer is lost, checked by a re-read that needed three
// tries, went out once: the audit says one attempt, not three.
func TestJourneyReReadRetriesAreNotWriteAttempts(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	path, err := audit.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	emu := newEmulator(t, emulator.Options{Customers: -1, Seed: 1, DropResponse: 1})
	srv := emu.Server
	cl, err := client.New(context.Background(), client.Config{Endpoint: emu.URL, Token: "demo", Retry: fastRetry,
		HTTPClient: &http.Client{Transport: &rereadBreaker{toBreak: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	tm := startWith(t, Options{API: FromClient(cl), Audit: log, Profile: "demo", Endpoint: audit.EndpointEmulator}, 80, 24)
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
	lines := readLog(t, path)
	// One attempt: its intent and outcome, as one row.
	entries := audit.Merge(lines)
	if len(entries) != 1 {
		t.Fatalf("audit entries = %+v, want one", entries)
	}
	if e := entries[0]; e.Outcome != audit.OutcomeAlreadyApplied || e.Attempts != 1 {
		t.Errorf("audit entry: outcome %s, attempts %d; want %s after 1 attempt", e.Outcome, e.Attempts, audit.OutcomeAlreadyApplied)
	}
}
