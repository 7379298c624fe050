package search

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/call"
	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

func api() *fake.API {
	sub := func(cust, domain, sku string) client.Subscription {
		return client.Subscription{CustomerID: cust, CustomerDomain: domain, SKUName: sku, Status: "ACTIVE"}
	}
	other := client.Customer{ID: "C0other01", Domain: "other-reseller.example", Type: "domain", Minimal: true}
	return &fake.API{
		Customers: []client.Customer{{ID: "C0acme001", Domain: "acme-annual.example"}},
		Subscriptions: []client.Subscription{
			sub("C0acme001", "acme-annual.example", "Business Standard"),
			sub("C0acme001", "acme-annual.example", "Vault"),
			sub("C0acme002", "acme-flex.example", "Business Starter"),
			sub("C0beta001", "beta.example", "Business Plus"),
		},
		Lookups: map[string]client.Lookup{
			"other-reseller.example": {Query: "other-reseller.example", Kind: client.LookupManagedElsewhere, Customer: &other,
				Guidance: &client.Guidance{Title: "Managed by Google or another reseller", Action: "Ask for a transfer token", Next: client.NextTransfer}},
			"teams.example": {Query: "teams.example", Kind: client.LookupMultipleTeams,
				Guidance: &client.Guidance{Title: "Multiple teams exist on this domain", Next: client.NextLookupByID}},
		},
	}
}

func start(a *fake.API) common.Screen { return New(tuitest.Common(a, 80, 20)) }

func press(t *testing.T, s common.Screen, keys ...tea.KeyMsg) (common.Screen, []tea.Msg) {
	t.Helper()
	return tuitest.Press(t, s, keys...)
}

func navigations(msgs []tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, m := range msgs {
		switch m.(type) {
		case message.OpenCustomer, message.OpenSubscriptions:
			out = append(out, m)
		}
	}
	return out
}

func TestPrefixSearchGroupsCustomers(t *testing.T) {
	a := api()
	s, _ := press(t, start(a), tuitest.Type("acme")...)
	m := s.(Model)
	if len(m.matches) != 2 {
		t.Fatalf("matches = %+v, want 2 customers", m.matches)
	}
	if got := m.matches[0]; got.ID != "C0acme001" || got.Count != 2 || strings.Join(got.SKUs, ",") != "Business Standard,Vault" {
		t.Errorf("first match = %+v", got)
	}
	view := s.View()
	if !strings.Contains(view, "acme-annual.example") || !strings.Contains(view, "acme-flex.example") || strings.Contains(view, "beta.example") {
		t.Errorf("view:\n%s", view)
	}
	tuitest.CheckLayout(t, view, 80, 20)
}

func TestPrefixSearchStartsAtTwoCharacters(t *testing.T) {
	tests := []struct {
		name  string
		typed string
		calls int
	}{
		{"one character sends nothing", "a", 0},
		{"two characters search", "ac", 1},
		{"a longer prefix is narrowed from the shorter one's complete answer", "acm", 1},
		{"spaces do not count", " a ", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := api()
			press(t, start(a), tuitest.Type(tt.typed)...)
			if got := len(a.Asked()); got != tt.calls {
				t.Errorf("%d calls, want %d", got, tt.calls)
			}
			for _, q := range a.Asked() {
				if q.NamePrefix == "" || q.PageSize != client.MaxPageSize {
					t.Errorf("query %+v, want a name prefix and %d per page", q, client.MaxPageSize)
				}
			}
		})
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	a := api()
	s, _ := press(t, start(a), tuitest.Type("acme")...)
	m := s.(Model)
	// An answer to an earlier request, arriving late.
	s, _ = m.Update(prefixMsg{Done: call.Done{ReqID: 1}, prefix: "ac", matches: []match{{Domain: "stale.example"}}})
	if strings.Contains(s.View(), "stale.example") {
		t.Error("a stale prefix answer replaced the current one")
	}
	// A debounce tick for text that was edited since.
	if _, cmd := s.Update(debounceMsg{seq: m.seq - 1, text: "acm"}); cmd != nil {
		t.Error("an outdated debounce tick started a search")
	}
}

func TestEditingCancelsTheRunningSearch(t *testing.T) {
	a := api()
	m := start(a).(Model)
	m.input.SetValue("ac")
	m2, _ := m.searchPrefix("ac", false)
	first := m2.calls[searching]
	s, _ := m2.Update(tuitest.Key("m"))
	if s.(Model).calls[searching].ID != first.ID {
		t.Fatal("the edit replaced the request before the debounce")
	}
	s, _ = s.(Model).searchPrefix("acm", false)
	if s.(Model).calls[searching].ID == first.ID {
		t.Error("the new search reused the old request")
	}
	// The first request's answer is now stale.
	s, _ = s.Update(prefixMsg{Done: call.Done{ReqID: first.ID}, prefix: "ac", matches: []match{{Domain: "old.example"}}})
	if strings.Contains(s.View(), "old.example") {
		t.Error("the cancelled search's answer was shown")
	}
}

func TestLookupOutcomes(t *testing.T) {
	tests := []struct {
		name     string
		query    string
		wantNav  bool
		wantText []string
	}{
		{"yours opens the customer", "acme-annual.example", true, nil},
		{"managed elsewhere explains the transfer path", "other-reseller.example", false,
			[]string{"Managed by Google or another reseller", "C0other01", "Ask for a transfer token", "transferable subscriptions"}},
		{"multiple teams asks for the ID", "teams.example", false, []string{"Multiple teams exist", "team customer's ID"}},
		{"unknown is available", "new.example", false, []string{"No Google account exists", "n orders a new customer for new.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(api())
			keys := append(tuitest.Type(tt.query), tuitest.Key("enter"))
			s, msgs := press(t, s, keys...)
			nav := navigations(msgs)
			if tt.wantNav {
				if len(nav) != 1 {
					t.Fatalf("navigations = %#v, want one message.OpenCustomer", nav)
				}
				open := nav[0].(message.OpenCustomer)
				if open.ID != "C0acme001" || open.Customer == nil {
					t.Errorf("open = %+v, want C0acme001 with its record", open)
				}
				return
			}
			if len(nav) != 0 {
				t.Errorf("navigated to %#v", nav)
			}
			view := s.View()
			for _, w := range tt.wantText {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			tuitest.CheckLayout(t, view, 80, 20)
		})
	}
}

func TestTransferTokenPrompt(t *testing.T) {
	tests := []struct {
		name    string
		token   string
		wantNav bool
		wantErr string
	}{
		{"a hexadecimal token lists transferable subscriptions", "5c1a9e0b", true, ""},
		{"an empty token is refused before any call", "", false, "Enter the transfer token"},
		{"a non-hex token is refused before any call", "not-hex!", false, "hexadecimal"},
		{"a truncated token is refused before any call", "5c1a", false, "too short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := api()
			s, _ := press(t, start(a), append(tuitest.Type("other-reseller.example"), tuitest.Key("enter"))...)
			if s.Typing() {
				t.Fatal("the input kept focus after a managed-elsewhere answer")
			}
			s, _ = press(t, s, tuitest.Key("enter"))
			if !s.Typing() {
				t.Fatal("enter did not open the token prompt")
			}
			s, _ = press(t, s, tuitest.Type(tt.token)...)
			if tt.token != "" && strings.Contains(s.View(), tt.token) {
				t.Error("the transfer token shows on screen while typed")
			}
			s, msgs := press(t, s, tuitest.Key("enter"))
			nav := navigations(msgs)
			if !tt.wantNav {
				if len(nav) != 0 {
					t.Errorf("navigated with a bad token: %#v", nav)
				}
				if !strings.Contains(s.View(), tt.wantErr) {
					t.Errorf("view lacks %q:\n%s", tt.wantErr, s.View())
				}
				return
			}
			if len(nav) != 1 {
				t.Fatalf("navigations = %#v", nav)
			}
			q := nav[0].(message.OpenSubscriptions).Query
			if q.CustomerID != "C0other01" || q.CustomerAuthToken != tt.token {
				t.Errorf("query = %+v", q)
			}
			if strings.Contains(s.View(), tt.token) {
				t.Error("the token is still on screen after it was used")
			}
		})
	}
}

func TestOpenMatchWithArrows(t *testing.T) {
	s, _ := press(t, start(api()), tuitest.Type("acme")...)
	_, msgs := press(t, s, tuitest.Key("down"), tuitest.Key("down"), tuitest.Key("enter"))
	nav := navigations(msgs)
	if len(nav) != 1 || nav[0].(message.OpenCustomer).ID != "C0acme002" {
		t.Errorf("navigations = %#v, want the second match", nav)
	}
}

func TestTypedKeysGoToTheInput(t *testing.T) {
	s, _ := press(t, start(api()), tuitest.Type("q?S/")...)
	if got := s.(Model).input.Value(); got != "q?S/" {
		t.Errorf("input = %q; keys bound elsewhere must type while the input has focus", got)
	}
	s, _ = press(t, s, tuitest.Key("esc"))
	if s.Typing() {
		t.Error("esc did not leave the input")
	}
	s, msgs := press(t, s, tuitest.Key("S"))
	if nav := navigations(msgs); len(nav) != 1 {
		t.Errorf("S outside the input should open all subscriptions, got %#v", nav)
	}
	s, _ = press(t, s, tuitest.Key("/"))
	if !s.Typing() {
		t.Error("/ did not focus the input")
	}
}

func TestEnterStopsThePendingPrefixSearch(t *testing.T) {
	a := api()
	// Type without letting the debounce fire, then press enter.
	c := tuitest.Common(a, 80, 20)
	c.Tick = tuitest.Never
	var s common.Screen = New(c)
	for _, k := range tuitest.Type("acme-annual.example") {
		s, _ = s.Update(k)
	}
	seq := s.(Model).seq
	debounce := debounceMsg{seq: seq, text: "acme-annual.example"}
	a.Listings = make(chan client.Query, 4)
	s, _ = tuitest.Press(t, s, tuitest.Key("enter"))
	if _, cmd := s.Update(debounce); cmd != nil {
		t.Error("the debounce of the text looked up still starts a prefix search")
	}
	// The one listing is the customer's, read ahead with the lookup.
	if q := listed(t, a); q.NamePrefix != "" || q.CustomerID != "acme-annual.example" {
		t.Errorf("listing after enter = %+v, want the customer's", q)
	}
	if asked := a.Asked(); len(asked) != 1 {
		t.Errorf("listings after enter = %+v, want only the customer's", asked)
	}
}

func TestAvailableDomainOrdersANewCustomer(t *testing.T) {
	s, _ := press(t, start(api()), append(tuitest.Type("nobody.example"), tuitest.Key("enter"))...)
	if !strings.Contains(s.View(), "n orders a new customer for nobody.example") {
		t.Fatalf("no way to order the customer:\n%s", s.View())
	}
	_, msgs := press(t, s, tuitest.Key("n"))
	var opened []message.OpenEdit
	for _, m := range msgs {
		if o, ok := m.(message.OpenEdit); ok {
			opened = append(opened, o)
		}
	}
	if len(opened) != 1 || opened[0].Kind != message.NewCustomer || opened[0].Domain != "nobody.example" {
		t.Errorf("n sent %+v", msgs)
	}
}

func TestLookupFromThePalette(t *testing.T) {
	s := start(api())
	next, cmd := s.Update(message.Lookup{Query: "acme-annual.example"})
	_, msgs := tuitest.Drive(t, next, cmd)
	if nav := navigations(msgs); len(nav) != 1 || nav[0].(message.OpenCustomer).ID != "C0acme001" {
		t.Errorf("navigations = %#v", nav)
	}
}

func TestEnterListsTheCustomerAlongsideTheLookup(t *testing.T) {
	tests := []struct {
		name  string
		typed string
		// listed is the customerId of the listing read ahead; "" for none.
		listed string
		opens  bool
	}{
		{"a domain", "acme-annual.example", "acme-annual.example", true},
		{"a domain as typed, sent as looked up", " ACME-Annual.Example. ", "acme-annual.example", true},
		{"a customer ID", "C0acme001", "C0acme001", true},
		{"another reseller's customer: read, then dropped", "other-reseller.example", "other-reseller.example", false},
		{"text that is no ID or domain: nothing sent", "acme annual", "", false},
		{"an email address: its domain", "admin@acme-annual.example", "acme-annual.example", true},
		{"a customer ID with a small c", "c0acme001", "C0acme001", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := api()
			a.Listings = make(chan client.Query, 4)
			c := tuitest.Common(a, 80, 20)
			c.Tick = tuitest.Never
			_, msgs := press(t, New(c), append(tuitest.Type(tt.typed), tuitest.Key("enter"))...)
			if tt.listed != "" {
				// The listing runs in the background: wait for it.
				if q := listed(t, a); q.CustomerID != tt.listed {
					t.Errorf("listing for %q = %q, want %q", tt.typed, q.CustomerID, tt.listed)
				}
			}
			// Text the lookup would not send starts nothing at all.
			if asked := a.Asked(); len(asked) != len(strings.Fields(tt.listed)) {
				t.Errorf("listings for %q = %+v, want %q", tt.typed, asked, tt.listed)
			}
			nav := navigations(msgs)
			if opened := len(nav) == 1; opened != tt.opens {
				t.Errorf("navigations = %#v, want the customer opened (%v)", nav, tt.opens)
			}
			if tt.opens {
				// The customer screen asks for the listing by ID: it is
				// the one read ahead, not a second request.
				if _, err := a.FirstPage(context.Background(), client.Query{CustomerID: "C0acme001"}, false); err != nil {
					t.Fatal(err)
				}
				if n := len(a.Asked()); n != 1 {
					t.Errorf("%d listings once the customer screen asked, want the 1 read ahead", n)
				}
			}
		})
	}
}

// alt+d (or a fast esc then d) deletes the word after the cursor in the
// search box and in the masked transfer-token prompt, at any cursor
// position, without a panic.
func TestDeleteWordForwardInTheInputs(t *testing.T) {
	t.Run("search box", func(t *testing.T) {
		tuitest.CheckDeleteWordForward(t, false, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
			s, _ := press(t, start(api()), append(tuitest.TypeAt(value, pos), k)...)
			m := s.(Model)
			return m.input.Value(), m.input.Position()
		})
	})
	t.Run("transfer token", func(t *testing.T) {
		asked, _ := press(t, start(api()), append(tuitest.Type("other-reseller.example"), tuitest.Key("enter"), tuitest.Key("enter"))...)
		if !asked.(Model).token.Focused() {
			t.Fatal("no token prompt")
		}
		tuitest.CheckDeleteWordForward(t, true, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
			s, _ := press(t, asked, append(tuitest.TypeAt(value, pos), k)...)
			m := s.(Model)
			return m.token.Value(), m.token.Position()
		})
	})
}

// listed waits for the next listing the fake is asked for.
func listed(t *testing.T, a *fake.API) client.Query {
	t.Helper()
	select {
	case q := <-a.Listings:
		return q
	case <-time.After(10 * time.Second):
		t.Fatal("no listing was asked for")
		return client.Query{}
	}
}

// clock is a fake clock for the client's cache.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// TestNarrowedMatchesSayHowOld: a longer prefix answered from the
// shorter one's kept answer says how old it is; ctrl+r reads it again.
func TestNarrowedMatchesSayHowOld(t *testing.T) {
	a := api()
	clk := &clock{t: tuitest.Now}
	a.Now = clk.Now
	s, _ := press(t, start(a), tuitest.Type("ac")...)
	if got := s.Info(); got != "2 customers" {
		t.Errorf("ac: Info = %q", got)
	}
	clk.t = clk.t.Add(12 * time.Second)
	s, _ = press(t, s, tuitest.Type("me-a")...)
	if got := s.Info(); got != "1 customer · as of 12 s ago" || len(a.Asked()) != 1 {
		t.Errorf("acme-a 12 s later: Info = %q after %d listings; want ac's answer narrowed, dated", got, len(a.Asked()))
	}
	s, _ = press(t, s, tuitest.Key("esc"), tuitest.Key("ctrl+r"))
	if got := s.Info(); got != "1 customer" || len(a.Asked()) != 2 {
		t.Errorf("after ctrl+r: Info = %q after %d listings; want it read again", got, len(a.Asked()))
	}
}
