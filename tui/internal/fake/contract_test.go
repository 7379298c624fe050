package fake_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"resold/client"
	"resold/emulator"
	"resold/tui"
	"resold/tui/common"
	"resold/tui/internal/fake"
)

// The contract: the screens' tests run on the fake, the program on the
// client. Each case below runs against both, the client talking to the
// emulator and the fake holding the same records (read through that
// client), and must come out the same: the same kind of lookup and
// customer, or the same catalogue case for a refusal.
func TestFakeKeepsTheClientsContract(t *testing.T) {
	ctx := context.Background()
	ts := httptest.NewServer(emulator.New(emulator.Options{Customers: -1}))
	t.Cleanup(ts.Close)
	c, err := client.New(ctx, client.Config{Endpoint: ts.URL, Token: "contract"})
	if err != nil {
		t.Fatal(err)
	}

	f := &fake.API{}
	for _, id := range []string{emulator.IDAcmeAnnual, emulator.IDTrial, emulator.IDOtherReseller, emulator.IDTeam1, emulator.IDTeam2} {
		cust, err := c.GetCustomer(ctx, id)
		if err != nil {
			t.Fatalf("reading %s: %v", id, err)
		}
		f.Customers = append(f.Customers, cust)
	}
	sub := func(id string) client.Subscription {
		p, err := c.ListSubscriptions(ctx, client.Query{CustomerID: id}, "")
		if err != nil || len(p.Rows) == 0 {
			t.Fatalf("listing %s: %v", id, err)
		}
		f.Subscriptions = append(f.Subscriptions, p.Rows[0])
		return p.Rows[0]
	}
	annual, trial := sub(emulator.IDAcmeAnnual), sub(emulator.IDTrial)

	apis := []struct {
		name string
		api  common.API
	}{{"client on the emulator", tui.FromClient(c)}, {"fake", f}}

	lookups := []string{
		emulator.DomainAcmeAnnual,
		"ACME-Annual.Example.", // a domain in any case, with its final dot
		"  " + emulator.IDAcmeAnnual + " ",
		"c0acme001", // an ID is case-sensitive
		"admin@" + emulator.DomainAcmeAnnual,
		emulator.DomainOtherReseller,
		emulator.DomainTeams,
		"nobody-here.example",
		"C0nobody1",
	}
	type outcome struct {
		Query, Customer string
		Kind            client.LookupKind
		Case            client.CaseID
	}
	for _, q := range lookups {
		var want outcome
		for i, a := range apis {
			l, err := a.api.LookupCustomer(ctx, q)
			got := outcome{Query: l.Query, Kind: l.Kind}
			if l.Customer != nil {
				got.Customer = l.Customer.ID
			}
			if err != nil {
				got.Case = client.Explain(err).Case
			} else if l.Guidance != nil {
				got.Case = l.Guidance.Case
			}
			if i == 0 {
				want = got
				continue
			}
			if got != want {
				t.Errorf("lookup %q: the %s answers %+v, the client %+v", q, a.name, got, want)
			}
		}
	}

	refusals := []struct {
		name string
		do   func(common.API) error
		want client.CaseID
	}{
		{"annual seats down", func(a common.API) error { _, err := a.ChangeSeats(ctx, annual, 40); return err }, client.CaseAnnualSeatsDown},
		{"trial above its cap", func(a common.API) error { _, err := a.ChangeSeats(ctx, trial, 11); return err }, client.CaseTrialSeatCap},
		{"a trial's new plan above the cap", func(a common.API) error {
			_, err := a.ChangePlan(ctx, trial, client.PlanChange{Plan: client.PlanFlexible, Seats: 11})
			return err
		}, client.CaseTrialSeatCap},
		{"annual plan change", func(a common.API) error {
			_, err := a.ChangePlan(ctx, annual, client.PlanChange{Plan: client.PlanFlexible, Seats: 50})
			return err
		}, client.CaseAnnualPlanChange},
		{"renewal of a trial", func(a common.API) error { _, err := a.ChangeRenewal(ctx, trial, client.RenewAutoMonthly); return err }, client.CaseRenewalNotAnnual},
		{"unknown SKU", func(a common.API) error {
			_, err := a.InsertSubscription(ctx, emulator.IDAcmeAnnual, client.NewSubscription{SKUID: "nope", Plan: client.PlanFlexible, Seats: 1})
			return err
		}, client.CaseSKUUnknown},
		{"bad deletion type", func(a common.API) error { return a.Delete(ctx, annual, "erase") }, client.CaseDeletionType},
		{"malformed transfer token", func(a common.API) error {
			cust := client.Customer{Domain: "new.example", AlternateEmail: "a@b.example",
				Address: client.Address{ContactName: "A", OrganizationName: "B", CountryCode: "US", PostalCode: "94043"}}
			_, err := a.InsertCustomer(ctx, cust, "not-a-token")
			return err
		}, client.CaseTransferTokenFormat},
		{"page size above 100", func(a common.API) error {
			_, err := a.ListSubscriptions(ctx, client.Query{PageSize: client.MaxPageSize + 1}, "")
			return err
		}, client.CasePageSize},
		{"first page above 100", func(a common.API) error {
			_, err := a.FirstPage(ctx, client.Query{NamePrefix: "ac", PageSize: client.MaxPageSize + 1}, false)
			return err
		}, client.CasePageSize},
	}
	for _, r := range refusals {
		for _, a := range apis {
			err := r.do(a.api)
			if got := client.Explain(err).Case; err == nil || got != r.want {
				t.Errorf("%s: the %s answers %v (case %q), want case %q", r.name, a.name, err, got, r.want)
			}
		}
	}
	if w := f.Writes(); len(w) != 0 {
		t.Errorf("the fake applied refused writes: %v", w)
	}
}
