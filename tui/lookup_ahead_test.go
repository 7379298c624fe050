package tui

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/emulator"
	"resold/keymap"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

// TestTypedLookupListsAlongside: enter on a typed domain starts the lookup
// and the customer's listing together, and the customer screen that the
// lookup opens shows the listing's page when it comes, without a second
// listing.
func TestTypedLookupListsAlongside(t *testing.T) {
	listing, release := make(chan struct{}), make(chan struct{})
	a := &fake.API{
		Customers: []client.Customer{{ID: "C0acme001", Domain: "acme-annual.example"}},
		Subscriptions: []client.Subscription{
			{ID: "s1", CustomerID: "C0acme001", CustomerDomain: "acme-annual.example", SKUName: client.NameOf("Business Standard"), Status: "ACTIVE"},
		},
		// The lookup answers only once the listing has started: were
		// they one after the other, this would never return.
		HoldLookup: func(ctx context.Context) error {
			select {
			case <-listing:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
		// The page comes late: after the customer screen opened.
		Hold: func(ctx context.Context) error {
			close(listing)
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
	}
	c := syncCommon(a)
	c.Tick = tuitest.Never // no prefix search while typing
	m := press(t, sized(c, 100, 30), tuitest.Type("acme-annual.example")...)

	r := newRunner(t)
	next, cmd := m.Update(key("enter"))
	m = r.until(next.(Model), cmd, func(m Model) bool { return m.screenName() == keymap.ScreenCustomer })
	if !strings.Contains(m.View(), "Subscriptions (loading…)") {
		t.Errorf("the customer screen does not wait for its page:\n%s", m.View())
	}
	close(release)
	m = r.until(m, nil, func(m Model) bool { return strings.Contains(m.View(), "▶ Business Standard") })
	asked := a.Asked()
	if len(asked) != 1 || asked[0].CustomerID != "acme-annual.example" {
		t.Errorf("listings = %+v, want the one read alongside the lookup", asked)
	}
	if m.status.HasFailure() {
		t.Errorf("status pane shows a failure:\n%s", m.View())
	}
}

// TestRefusedListingAheadIsNotAFailure: for a customer that is not yours
// the listing read alongside the lookup is refused by the API; that is in
// the call log, but never in the status pane.
func TestRefusedListingAheadIsNotAFailure(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		shown  string
		status int
	}{
		{"another reseller's customer", emulator.DomainOtherReseller, "Managed by Google or another reseller", 403},
		{"a domain of several teams", emulator.DomainTeams, "Several team customers share this domain", 400},
		{"a domain nobody has", "nobody-here.example", "available", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(emulator.New(emulator.Options{Customers: testCustomers, Seed: 1}))
			t.Cleanup(ts.Close)
			first := &listingFirst{listed: make(chan struct{})}
			cl, err := client.New(context.Background(), client.Config{Endpoint: ts.URL, Token: "demo", Retry: fastRetry,
				HTTPClient: &http.Client{Transport: first}, OnCall: first.logged})
			if err != nil {
				t.Fatal(err)
			}
			api := FromClient(cl)
			c := syncCommon(api)
			c.Tick = tuitest.Never
			m := press(t, sized(c, 100, 30), typed(tt.query)...)
			view := m.View()
			if !strings.Contains(view, tt.shown) {
				t.Errorf("the lookup's answer is not shown:\n%s", view)
			}
			if m.status.HasFailure() || strings.Contains(view, "esc dismisses") {
				t.Errorf("the refused listing reached the status pane:\n%s", view)
			}
			var listed bool
			for _, call := range api.Calls() {
				if call.Method == "subscriptions.list" && call.Status == tt.status {
					listed = true
				}
			}
			if !listed {
				t.Errorf("the call log has no refused subscriptions.list (%d): %+v", tt.status, api.Calls())
			}
		})
	}
}

// listingFirst holds each customers.get until a subscriptions.list is in
// the call log, so the listing read alongside a lookup is refused before
// the lookup answers (otherwise the lookup's answer may stop it first).
type listingFirst struct {
	listed chan struct{}
	once   sync.Once
}

// logged is the client's OnCall.
func (l *listingFirst) logged(r client.CallRecord) {
	if r.Method == "subscriptions.list" {
		l.once.Do(func() { close(l.listed) })
	}
}

func (l *listingFirst) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/customers/") {
		select {
		case <-l.listed:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestLeavingStopsTheListingAhead: the listing read alongside a lookup
// stops when the user leaves the customer screen before its page came, or
// edits the text before the lookup answered.
func TestLeavingStopsTheListingAhead(t *testing.T) {
	tests := []struct {
		name string
		// opens says whether the lookup answers, opening the customer.
		opens bool
		// leave is what the user does while the listing runs.
		leave tea.KeyMsg
	}{
		{"esc on the customer screen", true, key("esc")},
		{"an edit of the text looked up", false, key("x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			listing, stopped := make(chan struct{}), make(chan error, 1)
			a := &fake.API{
				Customers: []client.Customer{{ID: "C0acme001", Domain: "acme-annual.example"}},
				HoldLookup: func(ctx context.Context) error {
					<-listing
					if tt.opens {
						return nil
					}
					<-ctx.Done()
					return ctx.Err()
				},
				Hold: func(ctx context.Context) error {
					close(listing)
					<-ctx.Done()
					stopped <- ctx.Err()
					return ctx.Err()
				},
			}
			c := syncCommon(a)
			c.Tick = tuitest.Never
			m := press(t, sized(c, 100, 30), tuitest.Type("acme-annual.example")...)
			r := newRunner(t)
			next, cmd := m.Update(key("enter"))
			m = next.(Model)
			r.spawn(cmd)
			if tt.opens {
				m = r.until(m, nil, func(m Model) bool { return m.screenName() == keymap.ScreenCustomer })
			} else {
				<-listing
			}
			next, cmd = m.Update(tt.leave)
			r.spawn(cmd)
			select {
			case err := <-stopped:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("the listing ended with %v, want context.Canceled", err)
				}
			case <-time.After(journeyTimeout):
				t.Fatal("the listing read ahead still runs")
			}
			if got := next.(Model).screenName(); got != keymap.ScreenSearch {
				t.Errorf("screen = %s, want search", got)
			}
		})
	}
}
