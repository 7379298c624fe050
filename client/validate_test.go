package client

import (
	"errors"
	"strings"
	"testing"
)

// wantValidation asserts err is a *ValidationError for field with the
// catalogue case wantCase ("" means no error).
func wantValidation(t *testing.T, err error, field string, wantCase CaseID) {
	t.Helper()
	if wantCase == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v, want a *ValidationError", err)
	}
	if ve.Guidance.Case != wantCase || (field != "" && ve.Field != field) {
		t.Errorf("got %s/%s (%s), want %s/%s", ve.Field, ve.Guidance.Case, ve.Guidance.Title, field, wantCase)
	}
	if g := Explain(err); g.Case != wantCase || g.Title == "" || g.Action == "" {
		t.Errorf("Explain = %+v", g)
	}
}

var (
	annual = Subscription{CustomerID: "C0a", ID: "1", SKUID: "1010020028", SKUName: "Google Workspace Business Standard",
		Plan: PlanAnnualMonthly, NumberOfSeats: 50, LicensedSeats: 42}
	flexible = Subscription{CustomerID: "C0f", ID: "2", SKUID: "1010020027", SKUName: "Google Workspace Business Starter",
		Plan: PlanFlexible, MaximumSeats: 20, LicensedSeats: 15}
	trial = Subscription{CustomerID: "C0t", ID: "3", SKUID: "1010020028", Plan: PlanTrial, MaximumSeats: 5, LicensedSeats: 3, InTrial: true}
	free  = Subscription{CustomerID: "C0c", ID: "4", SKUID: "1010010001", Plan: PlanFree, MaximumSeats: 20, LicensedSeats: 10}
)

func TestValidateSeats(t *testing.T) {
	tests := []struct {
		name     string
		sub      Subscription
		seats    int
		wantCase CaseID
	}{
		{"annual increase", annual, 60, ""},
		{"annual unchanged", annual, 50, ""},
		{"annual decrease", annual, 45, "E5"},
		{"flexible below users", flexible, 10, "E6"},
		{"flexible down to users", flexible, 15, ""},
		{"trial at the cap", trial, 10, ""},
		{"trial above the cap", trial, 11, "E9"},
		{"flexible in trial above the cap", Subscription{Plan: PlanFlexible, InTrial: true, MaximumSeats: 5}, 12, "E9"},
		{"free above 50", free, 51, "FREE-CAP"},
		{"zero", flexible, 0, "SEATS-MIN"},
		{"negative", annual, -3, "SEATS-MIN"},
		{"above the customer maximum", flexible, 50_001, "SEATS-MAX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantValidation(t, ValidateSeats(tt.sub, tt.seats), "seats", tt.wantCase)
		})
	}
}

// Each changeSeats refusal names the plan and the counts involved.
func TestSeatGuidanceUsesTheSubscription(t *testing.T) {
	tests := []struct {
		name  string
		sub   Subscription
		seats int
		want  []string
	}{
		{"E5", annual, 45, []string{"Business Standard", "Annual, monthly pay", "50 seats", "45"}},
		{"E6", flexible, 10, []string{"Business Starter", "15 users", "10 seats"}},
		{"E9", trial, 12, []string{"10 seats", "12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Explain(ValidateSeats(tt.sub, tt.seats))
			text := g.Cause + " " + g.Action
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("guidance %q lacks %q", text, w)
				}
			}
		})
	}
}

func TestValidateTextLimits(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		field    string
		wantCase CaseID
	}{
		{"PO of 80 characters", ValidatePurchaseOrderID(strings.Repeat("é", 80)), "purchaseOrderId", ""},
		{"PO of 81 characters", ValidatePurchaseOrderID(strings.Repeat("a", 81)), "purchaseOrderId", "PO-LENGTH"},
		{"PO with a newline", ValidatePurchaseOrderID("PO\n1"), "purchaseOrderId", "PLAIN-TEXT"},
		{"PO with an escape", ValidatePurchaseOrderID("PO\x1b[31m"), "purchaseOrderId", "PLAIN-TEXT"},
		{"deal code of 100", ValidateDealCode(strings.Repeat("d", 100)), "dealCode", ""},
		{"deal code of 101", ValidateDealCode(strings.Repeat("d", 101)), "dealCode", "DEAL-LENGTH"},
		{"deal code with bidi override", ValidateDealCode("AB\u202eC"), "dealCode", "PLAIN-TEXT"},
		{"country US", ValidateCountryCode("US"), "countryCode", ""},
		{"country lower case", ValidateCountryCode("fr"), "countryCode", ""},
		{"country three letters", ValidateCountryCode("USA"), "countryCode", "COUNTRY"},
		{"country unassigned", ValidateCountryCode("ZZ"), "countryCode", "COUNTRY"},
		{"email elsewhere", ValidateAlternateEmail("admin@other.example", "acme.example"), "alternateEmail", ""},
		{"email on the domain", ValidateAlternateEmail("admin@acme.example", "acme.example"), "alternateEmail", "E4"},
		{"email on a subdomain", ValidateAlternateEmail("admin@mail.ACME.example", "acme.example"), "alternateEmail", "E4"},
		{"email not an address", ValidateAlternateEmail("admin at acme", "acme.example"), "alternateEmail", "EMAIL-INVALID"},
		{"email with a display name", ValidateAlternateEmail("Admin <a@b.example>", "acme.example"), "alternateEmail", "EMAIL-INVALID"},
		{"page size 1", ValidatePageSize(1), "maxResults", ""},
		{"page size 100", ValidatePageSize(100), "maxResults", ""},
		{"page size 0", ValidatePageSize(0), "maxResults", "MAX-RESULTS"},
		{"page size 101", ValidatePageSize(101), "maxResults", "MAX-RESULTS"},
		{"deletion transfer_to_direct", ValidateDeletionType(DeletionTransferToDirect), "deletionType", ""},
		{"deletion cancel", ValidateDeletionType(DeletionCancel), "deletionType", ""},
		{"deletion downgrade (legacy)", ValidateDeletionType("downgrade"), "deletionType", "DELETION-TYPE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, tt.err, tt.field, tt.wantCase) })
	}
}

func TestValidateRenewal(t *testing.T) {
	yearly := annual
	yearly.Plan = PlanAnnualYearly
	tests := []struct {
		name     string
		sub      Subscription
		renewal  string
		wantCase CaseID
	}{
		{"annual monthly, current users", annual, RenewCurrentUsersMonthly, ""},
		{"annual yearly, switch to flexible", yearly, RenewSwitchToFlexible, ""},
		{"annual, cancel", annual, RenewCancel, ""},
		{"annual, unknown type", annual, "AUTO_RENEW", "RENEWAL-TYPE"},
		{"flexible has no renewal", flexible, RenewAutoMonthly, "E16"},
		{"trial has no renewal", trial, RenewAutoMonthly, "E16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, ValidateRenewal(tt.sub, tt.renewal), "renewalType", tt.wantCase) })
	}
	if got := RenewalTypes(PlanFlexible); got != nil {
		t.Errorf("RenewalTypes(FLEXIBLE) = %v, want none", got)
	}
	if got := RenewalTypes(PlanAnnualYearly); len(got) != 7 || got[0] != RenewCurrentUsersYearly {
		t.Errorf("RenewalTypes(ANNUAL_YEARLY_PAY) = %v, want 7 with the yearly default first", got)
	}
}

func TestValidatePlanChange(t *testing.T) {
	withDeal := flexible
	withDeal.DealCode = "DEAL-A"
	essentials := Subscription{SKUID: "1010060001", Plan: PlanFlexible, MaximumSeats: 5}
	tests := []struct {
		name     string
		sub      Subscription
		ch       PlanChange
		field    string
		wantCase CaseID
	}{
		{"trial to flexible", trial, PlanChange{Plan: PlanFlexible, Seats: 5}, "", ""},
		{"flexible to annual", flexible, PlanChange{Plan: PlanAnnualYearly, Seats: 20}, "", ""},
		{"annual cannot change", annual, PlanChange{Plan: PlanFlexible, Seats: 50}, "plan", "ANNUAL-PLAN-CHANGE"},
		{"back to trial", flexible, PlanChange{Plan: PlanTrial, Seats: 5}, "plan", "NO-TRIAL-RETURN"},
		{"unknown plan", flexible, PlanChange{Plan: "MONTHLY", Seats: 5}, "plan", "PLAN-NAME"},
		{"plan the SKU lacks", essentials, PlanChange{Plan: PlanAnnualMonthly, Seats: 5}, "plan", "PLAN-SKU"},
		{"no seats", flexible, PlanChange{Plan: PlanAnnualMonthly}, "seats", "SEATS-MIN"},
		{"below users", flexible, PlanChange{Plan: PlanAnnualMonthly, Seats: 10}, "seats", "E6"},
		{"a trial keeps its cap", trial, PlanChange{Plan: PlanFlexible, Seats: 11}, "seats", CaseTrialSeatCap},
		{"a trial at its cap", trial, PlanChange{Plan: PlanAnnualMonthly, Seats: 10}, "", ""},
		{"a flexible plan still in trial", Subscription{Plan: PlanFlexible, InTrial: true, MaximumSeats: 5}, PlanChange{Plan: PlanAnnualYearly, Seats: 11}, "seats", CaseTrialSeatCap},
		{"other deal code", withDeal, PlanChange{Plan: PlanAnnualMonthly, Seats: 20, DealCode: "DEAL-B"}, "dealCode", "DEAL-MISMATCH"},
		{"same deal code", withDeal, PlanChange{Plan: PlanAnnualMonthly, Seats: 20, DealCode: "DEAL-A"}, "", ""},
		{"PO too long", flexible, PlanChange{Plan: PlanAnnualMonthly, Seats: 20, PurchaseOrderID: strings.Repeat("p", 81)}, "purchaseOrderId", "PO-LENGTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, ValidatePlanChange(tt.sub, tt.ch), tt.field, tt.wantCase) })
	}
}

func TestValidateNewSubscription(t *testing.T) {
	ok := NewSubscription{SKUID: "1010020028", Plan: PlanAnnualMonthly, Seats: 10, RenewalType: RenewAutoMonthly}
	with := func(f func(*NewSubscription)) NewSubscription { o := ok; f(&o); return o }
	tests := []struct {
		name     string
		o        NewSubscription
		field    string
		wantCase CaseID
	}{
		{"annual order", ok, "", ""},
		{"no SKU", with(func(o *NewSubscription) { o.SKUID = "" }), "skuId", "SKU-UNKNOWN"},
		{"unknown SKU", with(func(o *NewSubscription) { o.SKUID = "Google-Apps-Unlimited" }), "skuId", "SKU-UNKNOWN"},
		{"legacy SKU in a transfer", with(func(o *NewSubscription) {
			o.SKUID, o.TransferToken, o.RenewalType = "Google-Apps-Unlimited", hexToken, ""
		}), "", ""},
		{"plan not for the SKU", with(func(o *NewSubscription) { o.SKUID = "1010060001" }), "plan", "PLAN-SKU"},
		{"unknown plan", with(func(o *NewSubscription) { o.Plan = "ANNUAL" }), "plan", "PLAN-NAME"},
		{"trial above 10", with(func(o *NewSubscription) { o.Plan, o.Seats, o.RenewalType = PlanTrial, 11, "" }), "seats", "E9"},
		{"Cloud Identity above 50", NewSubscription{SKUID: "1010010001", Plan: PlanFree, Seats: 51}, "seats", "FREE-CAP"},
		{"no seats", with(func(o *NewSubscription) { o.Seats = 0 }), "seats", "SEATS-MIN"},
		{"renewal on flexible", with(func(o *NewSubscription) { o.Plan = PlanFlexible }), "renewalType", "E16"},
		{"malformed transfer token", with(func(o *NewSubscription) { o.TransferToken, o.RenewalType = "xyz-123", "" }), "customerAuthToken", "TRANSFER-TOKEN"},
		{"deal code on a transfer", with(func(o *NewSubscription) { o.TransferToken, o.DealCode = hexToken, "D1" }), "dealCode", "TRANSFER-DEAL"},
		{"PO too long", with(func(o *NewSubscription) { o.PurchaseOrderID = strings.Repeat("x", 81) }), "purchaseOrderId", "PO-LENGTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, ValidateNewSubscription(tt.o), tt.field, tt.wantCase) })
	}
}

func TestValidateCustomer(t *testing.T) {
	ok := newCustomer("new.example")
	with := func(f func(*Customer)) Customer { c := ok; f(&c); return c }
	tests := []struct {
		name     string
		c        Customer
		field    string
		wantCase CaseID
	}{
		{"complete", ok, "", ""},
		{"no domain", with(func(c *Customer) { c.Domain = "" }), "customerDomain", "REQUIRED"},
		{"www prefix", with(func(c *Customer) { c.Domain = "www.new.example" }), "customerDomain", "DOMAIN"},
		{"not a domain", with(func(c *Customer) { c.Domain = "new_example" }), "customerDomain", "DOMAIN"},
		{"no alternate email", with(func(c *Customer) { c.AlternateEmail = "" }), "alternateEmail", "REQUIRED"},
		{"alternate email on the domain", with(func(c *Customer) { c.AlternateEmail = "x@new.example" }), "alternateEmail", "E4"},
		{"team without admin email", with(func(c *Customer) { c.Type, c.AlternateEmail = "team", "" }), "primaryAdmin.primaryEmail", "REQUIRED"},
		{"team", with(func(c *Customer) { c.Type, c.AlternateEmail, c.PrimaryAdminEmail = "team", "", "o@gmail.com" }), "", ""},
		{"unknown type", with(func(c *Customer) { c.Type = "person" }), "customerType", "CUSTOMER-TYPE"},
		{"no contact", with(func(c *Customer) { c.Address.ContactName = " " }), "postalAddress.contactName", "REQUIRED"},
		{"no postal code", with(func(c *Customer) { c.Address.PostalCode = "" }), "postalAddress.postalCode", "REQUIRED"},
		{"bad country", with(func(c *Customer) { c.Address.CountryCode = "XX" }), "countryCode", "COUNTRY"},
		{"long address line", with(func(c *Customer) { c.Address.Line1 = strings.Repeat("a", 256) }), "postalAddress.addressLine1", "ADDRESS-LENGTH"},
		{"control character", with(func(c *Customer) { c.Address.Locality = "Aus\x1btin" }), "postalAddress.locality", "PLAIN-TEXT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantValidation(t, ValidateCustomer(tt.c), tt.field, tt.wantCase) })
	}
}

func TestValidateCustomerChanges(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		name     string
		ch       CustomerChanges
		field    string
		wantCase CaseID
	}{
		{"nothing", CustomerChanges{}, "", ""},
		{"clear line 2", CustomerChanges{Line2: s("")}, "", ""},
		{"empty contact", CustomerChanges{ContactName: s("")}, "postalAddress.contactName", "REQUIRED"},
		{"country", CustomerChanges{CountryCode: s("de")}, "", ""},
		{"bad country", CustomerChanges{CountryCode: s("DEU")}, "countryCode", "COUNTRY"},
		{"alternate email on the domain", CustomerChanges{AlternateEmail: s("it@acme.example")}, "alternateEmail", "E4"},
		{"long region", CustomerChanges{Region: s(strings.Repeat("r", 256))}, "postalAddress.region", "ADDRESS-LENGTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantValidation(t, ValidateCustomerChanges(tt.ch, "acme.example"), tt.field, tt.wantCase)
		})
	}
}

// Validation refuses before any request: the emulator sees nothing.
func TestValidationSendsNothing(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	sub := e.subOf(t, "C0acme001", "")
	reads := len(e.c.Calls())
	checks := []error{
		func() error { _, err := e.c.ChangeSeats(ctx, sub, 10); return err }(),
		func() error { _, err := e.c.ChangeRenewal(ctx, sub, "NEVER"); return err }(),
		func() error {
			_, err := e.c.ChangePlan(ctx, sub, PlanChange{Plan: PlanFlexible, Seats: 50})
			return err
		}(),
		func() error {
			_, err := e.c.InsertSubscription(ctx, "C0acme001", NewSubscription{SKUID: "1010020028", Plan: PlanTrial, Seats: 11})
			return err
		}(),
		func() error {
			_, err := e.c.InsertCustomer(ctx, with(newCustomer("x.example"), "x@x.example"), "")
			return err
		}(),
		func() error { return e.c.Delete(ctx, sub, "suspend") }(),
		func() error { _, err := e.c.ListSubscriptions(ctx, Query{PageSize: 500}, ""); return err }(),
		func() error { _, err := e.c.ListSubscriptions(ctx, Query{CustomerAuthToken: "tok"}, ""); return err }(),
		func() error { _, err := e.c.LookupCustomer(ctx, "a b"); return err }(),
		func() error { _, err := e.c.LookupCustomer(ctx, "www.acme-annual.example"); return err }(),
		func() error {
			_, err := e.c.ListSubscriptions(ctx, Query{CustomerID: "C0xfer001", CustomerAuthToken: "5c1a 9e0b"}, "")
			return err
		}(),
		func() error {
			_, err := e.c.InsertSubscription(ctx, "C0xfer001", NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 5,
				TransferToken: "token"})
			return err
		}(),
		func() error { _, err := e.c.InsertCustomer(ctx, newCustomer("x.example"), "not-hex!"); return err }(),
	}
	for i, err := range checks {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("check %d: error = %v, want a ValidationError", i, err)
		}
	}
	if n := e.writesSeen(); n != 0 {
		t.Errorf("the emulator saw %d writes", n)
	}
	if n := len(e.c.Calls()) - reads; n != 0 {
		t.Errorf("the client sent %d requests", n)
	}
}

func with(c Customer, altEmail string) Customer {
	c.AlternateEmail = altEmail
	return c
}

// A refusal made locally reads exactly like the API's own refusal of the
// same request.
func TestLocalGuidanceMatchesTheAPI(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	acme := e.subOf(t, "C0acme001", "")
	flex := e.subOf(t, "C0flex001", "")
	tests := []struct {
		name  string
		local error
		api   error
	}{
		{"E5", ValidateSeats(acme, 45), rawSeats(ctx, e, acme, seatsFor(acme.Plan, 45), 45)},
		{"E6", ValidateSeats(flex, 10), rawSeats(ctx, e, flex, seatsFor(flex.Plan, 10), 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, a := Explain(tt.local), Explain(tt.api)
			if string(l.Case) != tt.name || string(a.Case) != tt.name {
				t.Fatalf("cases %s (local) and %s (API), want %s", l.Case, a.Case, tt.name)
			}
			if l.Title != a.Title || l.Cause != a.Cause || l.Action != a.Action || l.Next != a.Next {
				t.Errorf("local guidance %+v\ndiffers from the API's %+v", l, a)
			}
		})
	}
}

// An edit's refusal names the call an edit makes, customers.patch.
func TestCustomerChangesNamePatch(t *testing.T) {
	bad := "nope"
	email := "admin@acme.example"
	for _, ch := range []CustomerChanges{{CountryCode: &bad}, {AlternateEmail: &email}} {
		err := ValidateCustomerChanges(ch, "acme.example")
		var v *ValidationError
		if !errors.As(err, &v) || v.Guidance.Method != "customers.patch" {
			t.Errorf("%v: method %q, want customers.patch", err, v.Guidance.Method)
		}
	}
}

// The advice for fewer seats on an annual plan does not ask for a renewal
// type the subscription already has.
func TestAnnualDecreaseAdviceFitsTheRenewal(t *testing.T) {
	sub := Subscription{Plan: PlanAnnualMonthly, NumberOfSeats: 50, RenewalType: "RENEW_CURRENT_USERS_MONTHLY_PAY"}
	g := Explain(ValidateSeats(sub, 40))
	if strings.Contains(g.Action, "set the renewal to") || !strings.Contains(g.Action, "already RENEW_CURRENT_USERS_MONTHLY_PAY") {
		t.Errorf("advice %q", g.Action)
	}
	sub.RenewalType = "AUTO_RENEW_MONTHLY_PAY"
	if g := Explain(ValidateSeats(sub, 40)); !strings.Contains(g.Action, "set the renewal to") {
		t.Errorf("advice %q", g.Action)
	}
}
