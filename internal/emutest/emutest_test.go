package emutest

import (
	"net/http"
	"testing"
	"time"

	"resold/emulator"
)

// TestEmulatorSeedsAndCounts: an empty emulator on the test clock takes a
// seeded case, serves it over HTTP, and counts the calls by method.
func TestEmulatorSeedsAndCounts(t *testing.T) {
	e := Empty(t)
	if !e.Now().Equal(Start) {
		t.Fatalf("clock = %s, want %s", e.Now(), Start)
	}
	e.Customer(t, emulator.Customer{CustomerID: "C9one", CustomerDomain: "one.example"})
	s := e.Subscription(t, Flexible("C9one", "1010020027", 10, 4))
	if s.SubscriptionID == "" || *s.Seats.MaximumNumberOfSeats != 10 {
		t.Fatalf("seeded: %+v", s)
	}
	req, _ := http.NewRequest(http.MethodGet, e.URL+"/apps/reseller/v1/customers/C9one/subscriptions/"+s.SubscriptionID, nil)
	req.Header.Set("Authorization", "Bearer t")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("get: %d", res.StatusCode)
	}
	if got := e.Requests("subscriptions.get"); got != 1 {
		t.Errorf("Requests = %d, want 1", got)
	}
	if got := e.Applied("reseller.subscriptions.get"); got != 0 {
		t.Errorf("Applied = %d for a read, want 0", got)
	}
	e.Clock.Advance(time.Hour)
	if !e.Now().Equal(Start.Add(time.Hour)) {
		t.Errorf("clock after Advance = %s", e.Now())
	}
}
