package client

import (
	"testing"

	"resold/emulator"
)

func TestLookupCustomer(t *testing.T) {
	e := fixtureEnv(t)
	tests := []struct {
		name     string
		query    string
		kind     LookupKind
		wantCase CaseID // guidance case; "" for none
		wantErr  bool
	}{
		{"yours by domain", emulator.DomainAcmeAnnual, LookupYours, "", false},
		{"yours by ID", emulator.IDFlex, LookupYours, "", false},
		{"domain in capitals", "  ACME-Annual.Example ", LookupYours, "", false},
		{"managed by another reseller", emulator.DomainOtherReseller, LookupManagedElsewhere, "C1", false},
		{"managed by Google", emulator.DomainTransfer, LookupManagedElsewhere, "C1", false},
		{"multiple teams", emulator.DomainTeams, LookupMultipleTeams, "D2", false},
		{"available domain", "brand-new.example", LookupAvailable, "E15", false},
		{"stale ID", "C0old9999", LookupAvailable, "C5", false},
		{"revoked is an error", emulator.DomainRevoked, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := e.c.LookupCustomer(e.ctx(t), tt.query)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error, lookup %+v", l)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Kind != tt.kind {
				t.Fatalf("kind %d, want %d", l.Kind, tt.kind)
			}
			switch {
			case tt.wantCase == "" && l.Guidance != nil:
				t.Errorf("unexpected guidance %+v", l.Guidance)
			case tt.wantCase != "" && (l.Guidance == nil || l.Guidance.Case != tt.wantCase):
				t.Errorf("guidance %+v, want %s", l.Guidance, tt.wantCase)
			}
			hasCustomer := tt.kind == LookupYours || tt.kind == LookupManagedElsewhere
			if (l.Customer != nil) != hasCustomer {
				t.Errorf("customer = %+v", l.Customer)
			}
			if tt.kind == LookupYours && (l.Customer.Minimal || l.Customer.Address.PostalCode == "") {
				t.Errorf("yours but not a full record: %+v", l.Customer)
			}
			if tt.kind == LookupManagedElsewhere && (!l.Customer.Minimal || l.Customer.ID == "") {
				t.Errorf("managed elsewhere but not a minimal record: %+v", l.Customer)
			}
		})
	}
}

func TestCustomerOrderAndUpdate(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	c := newCustomer("Orchard-New.example")
	c.Address.CountryCode = "us"
	got, err := e.c.InsertCustomer(ctx, c, "")
	if err != nil {
		t.Fatalf("InsertCustomer: %v", err)
	}
	if got.ID == "" || got.Domain != "orchard-new.example" || got.Address.CountryCode != "US" || got.Minimal {
		t.Fatalf("inserted %+v", got)
	}
	line2, org := "", "Orchard New Holdings"
	phone := "+1 512 555 0199"
	up, err := e.c.UpdateCustomer(ctx, got.ID, CustomerChanges{OrganizationName: &org, Line2: &line2, Phone: &phone})
	if err != nil {
		t.Fatalf("UpdateCustomer: %v", err)
	}
	if up.Address.OrganizationName != org || up.Phone != phone || up.Address.ContactName != c.Address.ContactName {
		t.Errorf("after patch: %+v", up)
	}
	reread, err := e.c.GetCustomer(ctx, got.ID)
	if err != nil || reread.Address.OrganizationName != org {
		t.Errorf("GetCustomer after patch = %+v, %v", reread, err)
	}
	if n := e.requests("customers.patch"); n != 1 {
		t.Errorf("%d patches sent", n)
	}
}

// A customer that exists elsewhere is ordered as a resold account with its
// transfer token, then its subscription is transferred.
func TestTransferFlow(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	list, err := e.c.ListSubscriptions(ctx, Query{CustomerID: emulator.IDTransfer, CustomerAuthToken: emulator.TransferToken}, "")
	if err != nil {
		t.Fatal(err)
	}
	var ws Subscription
	for _, s := range list.Rows {
		if s.SKUID == "1010020028" {
			ws = s
		}
	}
	if ws.Transfer == nil {
		t.Fatalf("no transferable Workspace subscription in %+v", list.Rows)
	}
	// Its Drive and Vault add-ons move with it, in one batch.
	ord := orders(TransferSet(list.Rows, ws))
	ord[0].PurchaseOrderID = "PO-XFER-1"
	out, err := e.c.TransferTogether(ctx, emulator.IDTransfer, emulator.TransferToken, ord)
	if err != nil || len(out) != 3 || out[0].Err != nil {
		t.Fatalf("transfer: %+v %v", out, err)
	}
	got := out[0].Sub
	if got.ID == ws.ID || int(got.MaximumSeats) != ws.Transfer.MinimumSeats || got.PurchaseOrderID != "PO-XFER-1" {
		t.Errorf("transferred %+v (was %s)", got, ws.ID)
	}
	l, err := e.c.LookupCustomer(ctx, emulator.DomainTransfer)
	if err != nil || l.Kind != LookupYours {
		t.Errorf("after the transfer the lookup says %d, %v", l.Kind, err)
	}
}

func TestSubscriptionLifecycle(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)

	// An annual order raises numberOfSeats; a renewal change sticks.
	acme := e.subOf(t, emulator.IDAcmeAnnual, "")
	up, err := e.c.ChangeSeats(ctx, acme, 55)
	if err != nil || up.NumberOfSeats != 55 || up.Plan != PlanAnnualMonthly {
		t.Fatalf("annual ChangeSeats = %+v, %v", up, err)
	}
	ren, err := e.c.ChangeRenewal(ctx, up, RenewSwitchToFlexible)
	if err != nil || ren.RenewalType != RenewSwitchToFlexible {
		t.Fatalf("ChangeRenewal = %s, %v", ren.RenewalType, err)
	}

	// A flexible subscription's cap is maximumNumberOfSeats; suspend and
	// activate round-trip.
	flex := e.subOf(t, emulator.IDFlex, "")
	capped, err := e.c.ChangeSeats(ctx, flex, 18)
	if err != nil || capped.MaximumSeats != 18 || capped.NumberOfSeats != 0 {
		t.Fatalf("flexible ChangeSeats = %+v, %v", capped, err)
	}
	susp, err := e.c.Suspend(ctx, capped)
	if err != nil || !susp.Suspended() || !hasReason(&susp, "RESELLER_INITIATED") {
		t.Fatalf("Suspend = %+v, %v", susp, err)
	}
	act, err := e.c.Activate(ctx, susp)
	if err != nil || act.Status != "ACTIVE" {
		t.Fatalf("Activate = %+v, %v", act, err)
	}

	// A trial gets a plan, then starts paid service.
	tr := e.subOf(t, emulator.IDTrial, "")
	planned, err := e.c.ChangePlan(ctx, tr, PlanChange{Plan: PlanAnnualMonthly, Seats: 5, PurchaseOrderID: "PO-7"})
	if err != nil || planned.Plan != PlanAnnualMonthly || !planned.InTrial {
		t.Fatalf("ChangePlan = %+v, %v", planned, err)
	}
	paid, err := e.c.StartPaidService(ctx, planned)
	if err != nil || paid.InTrial || paid.Plan != PlanAnnualMonthly || paid.NumberOfSeats != 5 {
		t.Fatalf("StartPaidService = %+v, %v", paid, err)
	}

	// An order, read back, then handed to Google.
	vault, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "Google-Vault", Plan: PlanFlexible, Seats: 15, PurchaseOrderID: "PO-V"})
	if err != nil || vault.SKUName.String() != "Google Vault" {
		t.Fatalf("InsertSubscription = %+v, %v", vault, err)
	}
	got, err := e.c.GetSubscription(ctx, emulator.IDFlex, vault.ID)
	if err != nil || got.ID != vault.ID || got.MaximumSeats != 15 || got.PurchaseOrderID != "PO-V" {
		t.Fatalf("GetSubscription = %+v, %v", got, err)
	}
	if err := e.c.Delete(ctx, got, DeletionCancel); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := e.c.GetSubscription(ctx, emulator.IDFlex, vault.ID); Explain(err).Case != "S5" {
		t.Errorf("after delete, get = %v", err)
	}
	if e.events.count(EventRetryWait)+e.events.count(EventOutcomeUnknown) != 0 {
		t.Errorf("unexpected events on a healthy emulator: %+v", e.events.all())
	}
}

func TestSKUs(t *testing.T) {
	skus := SKUs()
	byID := map[string]SKU{}
	for _, s := range skus {
		if s.ID == "" || s.Name == "" || len(s.Plans) == 0 {
			t.Errorf("incomplete SKU %+v", s)
		}
		byID[s.ID] = s
	}
	tests := []struct {
		id        string
		plans     []Plan
		workspace bool
	}{
		{"1010020028", []Plan{PlanAnnualMonthly, PlanAnnualYearly, PlanFlexible, PlanTrial}, true},
		{"1010060001", []Plan{PlanFlexible}, true},
		{"1010060003", []Plan{PlanAnnualMonthly}, true},
		{"1010010001", []Plan{PlanFree}, false},
		{"Google-Vault", []Plan{PlanFlexible, PlanTrial}, false},
	}
	for _, tt := range tests {
		s, ok := byID[tt.id]
		if !ok {
			t.Errorf("SKU %s missing", tt.id)
			continue
		}
		if len(s.Plans) != len(tt.plans) || s.Workspace != tt.workspace {
			t.Errorf("SKU %s = %+v, want plans %v", tt.id, s, tt.plans)
		}
	}
	skus[0].Plans[0] = "MUTATED"
	if SKUs()[0].Plans[0] == "MUTATED" {
		t.Error("SKUs shares its slices with callers")
	}
	if got := DeletionTypes(Subscription{SKUID: "1010020028"}); len(got) != 1 || got[0] != DeletionTransferToDirect {
		t.Errorf("DeletionTypes(Workspace) = %v", got)
	}
}
