package client

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"resold/emulator"
)

// faultTransport fails requests chosen by fail before they leave, as a
// broken connection would.
type faultTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	fail func(r *http.Request, n int) bool // n counts requests, from 1
	n    int
}

func (f *faultTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.n++
	fail := f.fail != nil && f.fail(r, f.n)
	f.mu.Unlock()
	if fail {
		return nil, errors.New("connection reset by peer")
	}
	return f.next.RoundTrip(r)
}

func TestNeverTwiceLostResponse(t *testing.T) {
	tests := []struct {
		name   string
		method string
		run    func(t *testing.T, ctx context.Context, e *env) error
	}{
		{"change seats", "subscriptions.changeSeats", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.ChangeSeats(ctx, e.subOf(t, emulator.IDFlex, ""), 25)
			if err == nil && got.MaximumSeats != 25 {
				t.Errorf("returned cap %d, want 25", got.MaximumSeats)
			}
			return err
		}},
		{"change plan", "subscriptions.changePlan", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.ChangePlan(ctx, e.subOf(t, emulator.IDTrial, ""), PlanChange{Plan: PlanFlexible, Seats: 5})
			if err == nil && (got.Plan != PlanFlexible || got.MaximumSeats != 5) {
				t.Errorf("returned plan %s cap %d, want FLEXIBLE 5", got.Plan, got.MaximumSeats)
			}
			return err
		}},
		{"change renewal", "subscriptions.changeRenewalSettings", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.ChangeRenewal(ctx, e.subOf(t, emulator.IDAcmeAnnual, ""), RenewAutoMonthly)
			if err == nil && got.RenewalType != RenewAutoMonthly {
				t.Errorf("returned renewal %s", got.RenewalType)
			}
			return err
		}},
		{"suspend", "subscriptions.suspend", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.Suspend(ctx, e.subOf(t, emulator.IDFlex, ""))
			if err == nil && (!got.Suspended() || !hasReason(&got, "RESELLER_INITIATED")) {
				t.Errorf("returned %s %v, want SUSPENDED by the reseller", got.Status, got.SuspensionReasons)
			}
			return err
		}},
		{"activate", "subscriptions.activate", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.Activate(ctx, e.subOf(t, emulator.IDSuspended, ""))
			if err == nil && got.Status != "ACTIVE" {
				t.Errorf("returned %s", got.Status)
			}
			return err
		}},
		{"insert subscription", "subscriptions.insert", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "Google-Drive-storage-20GB", Plan: PlanFlexible, Seats: 5})
			if err == nil && (got.SKUID != "Google-Drive-storage-20GB" || got.ID == "") {
				t.Errorf("returned %+v", got)
			}
			return err
		}},
		{"delete", "subscriptions.delete", func(t *testing.T, ctx context.Context, e *env) error {
			return e.c.Delete(ctx, e.subOf(t, emulator.IDFlex, ""), DeletionTransferToDirect)
		}},
		{"insert customer", "customers.insert", func(t *testing.T, ctx context.Context, e *env) error {
			got, err := e.c.InsertCustomer(ctx, newCustomer("fresh.example"), "")
			if err == nil && (got.ID == "" || got.Domain != "fresh.example" || got.Minimal) {
				t.Errorf("returned %+v", got)
			}
			return err
		}},
		{"update customer", "customers.patch", func(t *testing.T, ctx context.Context, e *env) error {
			name := "Jamie Roe"
			got, err := e.c.UpdateCustomer(ctx, emulator.IDFlex, CustomerChanges{ContactName: &name})
			if err == nil && got.Address.ContactName != name {
				t.Errorf("returned contact %q", got.Address.ContactName)
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The emulator records a dropped call after closing the
			// connection, so the client can finish first: wait for the
			// record through OnCall before counting.
			dropped := make(chan struct{}, 16)
			opts := emulator.Options{Customers: -1, DropResponse: 1, OnCall: func(c emulator.Call) {
				if c.Method == "reseller."+tt.method && c.Dropped {
					dropped <- struct{}{}
				}
			}}
			e := newEnv(t, opts)
			if err := tt.run(t, e.ctx(t), e); err != nil {
				t.Fatalf("error: %v (%s)", err, Explain(err).Case)
			}
			select {
			case <-dropped:
			case <-time.After(10 * time.Second):
				t.Fatal("the emulator never recorded the dropped write")
			}
			sent := 0
			for _, r := range e.c.Calls() {
				if r.Method == tt.method {
					sent++
				}
			}
			if sent != 1 {
				t.Errorf("the client sent %s %d times, want 1", tt.method, sent)
			}
			if n := e.applied(tt.method); n != 1 {
				t.Errorf("emulator applied %s %d times, want exactly 1", tt.method, n)
			}
			if n := e.requests(tt.method); n != 1 {
				t.Errorf("emulator received %s %d times, want 1: it must not be resent", tt.method, n)
			}
			if u, a := e.events.count(EventOutcomeUnknown), e.events.count(EventAlreadyApplied); u != 1 || a != 1 {
				t.Errorf("events: %d outcome-unknown, %d already-applied; want 1 and 1", u, a)
			}
		})
	}
}

// A write that never reached the server is found missing by the re-read
// and sent again, once.
func TestNeverTwiceResendsWhenNotApplied(t *testing.T) {
	ft := &faultTransport{next: http.DefaultTransport, fail: func(r *http.Request, n int) bool {
		return r.Method == http.MethodPost && n == 2 // the first changeSeats, after the listing
	}}
	e := fixtureEnv(t, func(c *Config) { c.HTTPClient = &http.Client{Transport: ft} })
	sub := e.subOf(t, emulator.IDFlex, "")
	got, err := e.c.ChangeSeats(e.ctx(t), sub, 25)
	if err != nil {
		t.Fatalf("ChangeSeats: %v", err)
	}
	if got.MaximumSeats != 25 {
		t.Errorf("cap = %d, want 25", got.MaximumSeats)
	}
	if n := e.applied("subscriptions.changeSeats"); n != 1 {
		t.Errorf("applied %d times, want 1", n)
	}
	if n := e.requests("subscriptions.get"); n != 1 {
		t.Errorf("re-read %d times, want 1", n)
	}
	if u, w, a := e.events.count(EventOutcomeUnknown), e.events.count(EventRetryWait), e.events.count(EventAlreadyApplied); u != 1 || w != 1 || a != 0 {
		t.Errorf("events: %d unknown, %d waits, %d already applied; want 1, 1, 0", u, w, a)
	}
}

// When the state cannot be re-read either, the error says the outcome is
// unknown and nothing is resent.
func TestNeverTwiceUnknownWhenReReadFails(t *testing.T) {
	var wrote bool
	var mu sync.Mutex
	ft := &faultTransport{next: http.DefaultTransport, fail: func(r *http.Request, n int) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost {
			wrote = true
			return false
		}
		return wrote // every read after the write fails
	}}
	dropped := make(chan struct{}, 4)
	opts := emulator.Options{Customers: -1, DropResponse: 1, OnCall: func(c emulator.Call) {
		if c.Dropped {
			dropped <- struct{}{}
		}
	}}
	e := newEnv(t, opts, func(c *Config) { c.HTTPClient = &http.Client{Transport: ft} })
	sub := e.subOf(t, emulator.IDFlex, "")
	_, err := e.c.ChangeSeats(e.ctx(t), sub, 25)
	var ae *APIError
	if !errors.As(err, &ae) || !ae.OutcomeUnknown {
		t.Fatalf("error = %v, want an APIError with OutcomeUnknown", err)
	}
	if g := Explain(err); g.Case != "NET-UNKNOWN" {
		t.Errorf("Explain case %q, want NET-UNKNOWN", g.Case)
	}
	select {
	case <-dropped:
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator never recorded the dropped write")
	}
	if n := e.applied("subscriptions.changeSeats"); n != 1 {
		t.Errorf("changeSeats applied %d times, want 1", n)
	}
	sent := 0
	for _, r := range e.c.Calls() {
		if r.Method == "subscriptions.changeSeats" {
			sent++
		}
	}
	if sent != 1 {
		t.Errorf("changeSeats sent %d times, want 1", sent)
	}
}

// The re-read after a lost answer retries on its own count: its events
// are marked ReRead and number its own attempts, and the write's own
// events keep the write's attempt, so a front end can tell "the change
// went out once" from "the check needed three tries".
func TestNeverTwiceReReadRetriesAreTheirOwn(t *testing.T) {
	var mu sync.Mutex
	wrote, failedReads := false, 0
	ft := &faultTransport{next: http.DefaultTransport, fail: func(r *http.Request, n int) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost {
			wrote = true
			return false
		}
		// The first two reads after the write break: the re-read retries.
		if wrote && r.Method == http.MethodGet && failedReads < 2 {
			failedReads++
			return true
		}
		return false
	}}
	dropped := make(chan struct{}, 4)
	opts := emulator.Options{Customers: -1, DropResponse: 1, OnCall: func(c emulator.Call) {
		if c.Dropped {
			dropped <- struct{}{}
		}
	}}
	e := newEnv(t, opts, func(c *Config) { c.HTTPClient = &http.Client{Transport: ft} })
	sub := e.subOf(t, emulator.IDFlex, "")
	got, err := e.c.ChangeSeats(e.ctx(t), sub, 25)
	if err != nil {
		t.Fatalf("ChangeSeats: %v", err)
	}
	if got.MaximumSeats != 25 {
		t.Errorf("cap = %d, want 25", got.MaximumSeats)
	}
	select {
	case <-dropped:
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator never recorded the dropped write")
	}
	type seen struct {
		kind    EventKind
		method  string
		attempt int
		reRead  bool
	}
	var evs []seen
	for _, ev := range e.events.all() {
		evs = append(evs, seen{ev.Kind, ev.Method, ev.Attempt, ev.ReRead})
	}
	want := []seen{
		{EventOutcomeUnknown, "subscriptions.changeSeats", 1, false},
		{EventRetryWait, "subscriptions.get", 1, true},
		{EventRetryWait, "subscriptions.get", 2, true},
		{EventAlreadyApplied, "subscriptions.changeSeats", 1, false},
	}
	if !slices.Equal(evs, want) {
		t.Errorf("events\n %+v\nwant\n %+v", evs, want)
	}
	if n := e.requests("subscriptions.changeSeats"); n != 1 {
		t.Errorf("changeSeats sent %d times, want 1", n)
	}
}
