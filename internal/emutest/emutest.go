// Package emutest starts the Reseller API emulator for tests: one emulator
// behind a real HTTP server, on an emulated clock that moves only when the
// test says so, with helpers that seed the case a test needs and count
// what the emulator saw. The emulator's, the client's and the UI's tests
// share it; it imports neither the client nor Google's generated client,
// so each package puts its own client on top.
package emutest

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"resold/emulator"
)

// Start is the emulated time a test's emulator begins at, unless the test
// gives Options.Clock.
var Start = time.Date(2026, time.March, 2, 15, 4, 5, 0, time.UTC)

// Clock is an emulated clock that moves only when told to.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a Clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Emulator is an emulator served over loopback HTTP for one test.
type Emulator struct {
	*emulator.Server
	// HTTP is the test server; URL is its base URL without a trailing
	// slash (Google's client wants URL + "/").
	HTTP *httptest.Server
	URL  string
	// Clock is the emulator's clock, or nil when the test gave its own
	// Options.Clock.
	Clock *Clock
}

// New starts an emulator with opts for the length of t. A nil
// Options.Clock becomes a Clock at Start. Options.Customers is passed on
// as it is: 0 means the emulator's default of 2,000 generated customers,
// -1 the fixtures only.
func New(t testing.TB, opts emulator.Options) *Emulator {
	t.Helper()
	e := &Emulator{}
	if opts.Clock == nil {
		e.Clock = NewClock(Start)
		opts.Clock = e.Clock.Now
	}
	srv, err := emulator.NewWithState(opts)
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	e.Server = srv
	e.HTTP = httptest.NewServer(srv)
	e.URL = e.HTTP.URL
	t.Cleanup(e.HTTP.Close)
	return e
}

// Fixtures starts an emulator holding only the demo fixtures.
func Fixtures(t testing.TB) *Emulator { return New(t, emulator.Options{Customers: -1}) }

// Empty starts an emulator with no customers at all, for a test that seeds
// exactly what it needs.
func Empty(t testing.TB) *Emulator {
	return New(t, emulator.Options{Initial: &emulator.State{}})
}

// Customer adds or replaces a customer, failing the test if it does not
// load.
func (e *Emulator) Customer(t testing.TB, c emulator.Customer) {
	t.Helper()
	if err := e.PutCustomer(c); err != nil {
		t.Fatalf("seeding customer %s: %v", c.CustomerID, err)
	}
}

// Subscription adds or replaces a subscription and returns it as stored
// (its ID minted when it had none), failing the test if it does not load.
func (e *Emulator) Subscription(t testing.TB, s emulator.Subscription) emulator.Subscription {
	t.Helper()
	got, err := e.PutSubscription(s)
	if err != nil {
		t.Fatalf("seeding a subscription of %s: %v", s.CustomerID, err)
	}
	return got
}

// Flexible is a flexible-plan subscription of customerID to skuID with a
// cap of seats and users licensed users: the usual start of a seeded case.
func Flexible(customerID, skuID string, seats, users int64) emulator.Subscription {
	return emulator.Subscription{CustomerID: customerID, SkuID: skuID,
		Plan:  emulator.Plan{PlanName: "FLEXIBLE"},
		Seats: emulator.Seats{MaximumNumberOfSeats: &seats, LicensedNumberOfSeats: users}}
}

// Requests counts the requests of method ("subscriptions.changeSeats",
// with or without "reseller.") the emulator answered or refused.
func (e *Emulator) Requests(method string) int {
	return e.count(method, func(emulator.Call) bool { return true })
}

// Applied counts the writes of method the emulator applied.
func (e *Emulator) Applied(method string) int {
	return e.count(method, func(c emulator.Call) bool { return c.Applied })
}

func (e *Emulator) count(method string, keep func(emulator.Call) bool) int {
	if !strings.HasPrefix(method, "reseller.") {
		method = "reseller." + method
	}
	n := 0
	for _, c := range e.Calls() {
		if c.Method == method && keep(c) {
			n++
		}
	}
	return n
}
