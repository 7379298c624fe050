package customer

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
	"resold/tui/message"
)

var acme = client.Customer{
	ID: "C0acme001", Domain: "acme-annual.example", Type: "domain", DomainVerified: true,
	AlternateEmail: "billing@acme.example.net", Phone: "+1 650-555-0100",
	Address: client.Address{ContactName: "Alex Cruz", OrganizationName: "Acme", Line1: "1 Main St",
		Locality: "Mountain View", Region: "CA", PostalCode: "94043", CountryCode: "US"},
	AdminConsoleURL: "https://admin.google.com/ac/home?domain=acme-annual.example",
}

func fixture() *fake.API {
	return &fake.API{
		Customers: []client.Customer{acme},
		Subscriptions: []client.Subscription{
			{CustomerID: "C0acme001", CustomerDomain: "acme-annual.example", ID: "1", SKUName: client.NameOf("Google Workspace Business Standard"),
				Plan: client.PlanAnnualMonthly, NumberOfSeats: 50, LicensedSeats: 42, Status: "ACTIVE", RenewalType: "RENEW_CURRENT_USERS_MONTHLY_PAY"},
			{CustomerID: "C0acme001", CustomerDomain: "acme-annual.example", ID: "2", SKUName: client.NameOf("Google Vault"),
				Plan: client.PlanFlexible, MaximumSeats: 10, LicensedSeats: 3, Status: "SUSPENDED", SuspensionReasons: []string{"RESELLER_INITIATED"}},
			{CustomerID: "C0other", CustomerDomain: "other.example", ID: "3", SKUName: client.NameOf("Vault"), Status: "ACTIVE"},
		},
	}
}

func TestShowsEveryFieldAndItsSubscriptions(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		a := fixture()
		m, cmd := New(tuitest.Common(a, size[0], size[1]), acme.ID, nil)
		s, _ := tuitest.Drive(t, m, cmd)
		view := s.View()
		for _, want := range []string{"acme-annual.example", "C0acme001", "type domain", "domain verified", "billing@acme.example.net",
			"+1 650-555-0100", "Alex Cruz", "94043", "admin.google.com", "Business Standard", "42/50", "Vault", "✗", "by reseller"} {
			if !strings.Contains(view, want) {
				t.Errorf("%dx%d: view lacks %q:\n%s", size[0], size[1], want, view)
			}
		}
		if strings.Contains(view, "other.example") {
			t.Error("another customer's subscription is listed")
		}
		tuitest.CheckLayout(t, view, size[0], size[1])
		if got := s.Info(); got != "2 subscriptions" {
			t.Errorf("Info = %q", got)
		}
	}
}

func TestKnownRecordCostsOneCall(t *testing.T) {
	a := fixture()
	c := acme
	m, cmd := New(tuitest.Common(a, 80, 21), acme.ID, &c)
	if m.calls[readingRecord].Pending() {
		t.Error("the record was read again although the lookup returned it")
	}
	s, _ := tuitest.Drive(t, m, cmd)
	if len(a.Asked()) != 1 || !strings.Contains(s.View(), "Business Standard") {
		t.Errorf("%d list calls; view:\n%s", len(a.Asked()), s.View())
	}
}

func TestKeys(t *testing.T) {
	a := fixture()
	m, cmd := New(tuitest.Common(a, 80, 21), acme.ID, nil)
	s, _ := tuitest.Drive(t, m, cmd)
	s, msgs := tuitest.Press(t, s, tuitest.Key("j"), tuitest.Key("enter"))
	if o := find[message.OpenSubscription](msgs); len(o) != 1 || o[0].Subscription.ID != "2" {
		t.Errorf("enter opened %+v, want subscription 2", o)
	}
	_, msgs = tuitest.Press(t, s, tuitest.Key("S"))
	if o := find[message.OpenSubscriptions](msgs); len(o) != 1 || o[0].Query.CustomerID != acme.ID {
		t.Errorf("S opened %+v, want this customer's subscriptions", o)
	}
}

func TestFailedReadSaysHowToRetry(t *testing.T) {
	a := fixture()
	a.Err = &client.APIError{Method: "customers.get", Code: 403, Reason: "forbidden"}
	m, cmd := New(tuitest.Common(a, 80, 21), acme.ID, nil)
	s, _ := tuitest.Drive(t, m, cmd)
	if !strings.Contains(s.View(), "ctrl+r tries again") {
		t.Errorf("view:\n%s", s.View())
	}
}

func find[T tea.Msg](msgs []tea.Msg) []T {
	var out []T
	for _, m := range msgs {
		if t, ok := m.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

func TestWriteKeysAndChanges(t *testing.T) {
	a := fixture()
	m, cmd := New(tuitest.Common(a, 120, 30), acme.ID, nil)
	s, _ := tuitest.Drive(t, m, cmd)
	_, msgs := tuitest.Press(t, s, tuitest.Key("e"))
	if o := find[message.OpenEdit](msgs); len(o) != 1 || o[0].Kind != message.EditCustomer || o[0].Customer.ID != acme.ID {
		t.Errorf("e sent %+v", msgs)
	}
	_, msgs = tuitest.Press(t, s, tuitest.Key("n"))
	if o := find[message.OpenEdit](msgs); len(o) != 1 || o[0].Kind != message.NewSubscription {
		t.Errorf("n sent %+v", msgs)
	}
	c := acme
	c.Address.ContactName = "Robin Diaz"
	s, _ = s.Update(message.Changed{Customer: &c})
	before := a.Subscriptions[0]
	after := before
	after.NumberOfSeats = 60
	s, _ = s.Update(message.Changed{Before: &before, Sub: &after})
	added := client.Subscription{CustomerID: acme.ID, ID: "9", SKUName: client.NameOf("Google Vault"), Plan: client.PlanFlexible, MaximumSeats: 5, Status: "ACTIVE"}
	s, _ = s.Update(message.Changed{Sub: &added})
	view := s.View()
	for _, want := range []string{"Robin Diaz", "42/60", "0/5"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if s.Info() != "3 subscriptions" {
		t.Errorf("Info = %q", s.Info())
	}
}

// clock is a fake clock for the client's cache.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// TestKeptListingSaysHowOld: a customer opened again within the client's
// first-page TTL shows the listing kept, says how old it is, and ctrl+r
// reads it again.
func TestKeptListingSaysHowOld(t *testing.T) {
	a := fixture()
	clk := &clock{t: tuitest.Now}
	a.Now = clk.Now
	c := tuitest.Common(a, 80, 21)
	m, cmd := New(c, acme.ID, nil)
	s, _ := tuitest.Drive(t, m, cmd)
	if got := s.Info(); got != "2 subscriptions" {
		t.Errorf("first visit: Info = %q", got)
	}
	clk.t = clk.t.Add(12 * time.Second)
	m, cmd = New(c, acme.ID, nil)
	s, _ = tuitest.Drive(t, m, cmd)
	if got := s.Info(); got != "2 subscriptions · as of 12 s ago" || len(a.Asked()) != 1 {
		t.Errorf("again 12 s later: Info = %q after %d listings; want the kept page, dated", got, len(a.Asked()))
	}
	s, _ = tuitest.Press(t, s, tuitest.Key("ctrl+r"))
	if got := s.Info(); got != "2 subscriptions" || len(a.Asked()) != 2 {
		t.Errorf("after ctrl+r: Info = %q after %d listings; want it read again", got, len(a.Asked()))
	}
}
