package client

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"resold/emulator"
	"resold/internal/emutest"
)

// testStart is the emulated time every integration test begins at.
var testStart = emutest.Start

// env is an emulator behind a real HTTP server and a Client talking to it.
type env struct {
	srv    *emulator.Server
	ts     *httptest.Server
	c      *Client
	clock  *emutest.Clock
	emu    *emutest.Emulator
	events *eventLog
	waits  []time.Duration // retry waits the client asked for
	mu     sync.Mutex
}

// fastRetry is the default policy scaled to milliseconds, with the jitter
// fixed at the mean.
func fastRetry() RetryPolicy {
	return RetryPolicy{Initial: time.Millisecond, Multiplier: 2, MaxAttempts: 6, MaxWait: time.Second,
		Rand: func() float64 { return 0.5 }}
}

// emulatedRetry is the default policy with the jitter fixed at the mean,
// for clients whose waits move an emulated clock: they cost no time, and
// the longest wait (2 min) lets a Retry-After of the emulator's through.
func emulatedRetry() RetryPolicy {
	p := DefaultRetryPolicy()
	p.Rand = func() float64 { return 0.5 }
	return p
}

// newEnv starts an emulator with opts (a nil Clock becomes a test clock)
// and a client with a static token and the emulated retry policy; edit
// adjusts the Config. Retry waits advance the emulated clock instead of
// sleeping, so quota refills happen without real time passing.
func newEnv(t testing.TB, opts emulator.Options, edit ...func(*Config)) *env {
	t.Helper()
	emu := emutest.New(t, opts)
	clk, srv, ts := emu.Clock, emu.Server, emu.HTTP
	if clk == nil {
		clk = emutest.NewClock(testStart) // the test's own Options.Clock runs the emulator; waits cost nothing
	}
	cfg := Config{Endpoint: ts.URL, Token: "test", Retry: emulatedRetry()}
	for _, f := range edit {
		f(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e := &env{srv: srv, ts: ts, c: c, clock: clk, emu: emu, events: &eventLog{}}
	c.wait = func(ctx context.Context, d time.Duration) error {
		e.mu.Lock()
		e.waits = append(e.waits, d)
		e.mu.Unlock()
		clk.Advance(d)
		return ctx.Err()
	}
	return e
}

// fixtureEnv is an emulator with the fixture customers only.
func fixtureEnv(t testing.TB, edit ...func(*Config)) *env {
	return newEnv(t, emulator.Options{Customers: -1}, edit...)
}

// ctx is a test context that records events.
func (e *env) ctx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return WithEvents(ctx, e.events.add)
}

// applied counts the writes of method ("subscriptions.changeSeats") the
// emulator applied.
func (e *env) applied(method string) int { return e.emu.Applied(method) }

// requests counts the requests of method the emulator saw.
func (e *env) requests(method string) int { return e.emu.Requests(method) }

// writesSeen counts the write requests the emulator recorded. Reads are
// left out: a long listing's record can lag the client, which may have
// decoded the page before the emulator's handler returned.
func (e *env) writesSeen() int {
	n := 0
	for _, c := range e.srv.Calls() {
		switch c.Method {
		case "reseller.subscriptions.list", "reseller.subscriptions.get", "reseller.customers.get":
		default:
			n++
		}
	}
	return n
}

// subOf returns the customer's subscription for skuID (the first one when
// skuID is empty).
func (e *env) subOf(t testing.TB, customerID, skuID string) Subscription {
	t.Helper()
	p, err := e.c.ListSubscriptions(context.Background(), Query{CustomerID: customerID}, "")
	if err != nil {
		t.Fatalf("listing %s: %v", customerID, err)
	}
	for _, s := range p.Rows {
		if skuID == "" || s.SKUID == skuID {
			return s
		}
	}
	t.Fatalf("%s has no subscription for SKU %q", customerID, skuID)
	return Subscription{}
}

// eventLog collects events from WithEvents.
type eventLog struct {
	mu  sync.Mutex
	evs []Event
}

func (l *eventLog) add(e Event) {
	l.mu.Lock()
	l.evs = append(l.evs, e)
	l.mu.Unlock()
}

func (l *eventLog) all() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Event(nil), l.evs...)
}

func (l *eventLog) count(k EventKind) int {
	n := 0
	for _, e := range l.all() {
		if e.Kind == k {
			n++
		}
	}
	return n
}
