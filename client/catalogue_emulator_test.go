package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
	"resold/internal/emutest"
)

// Every catalogue case below is triggered through the emulator over real
// HTTP; Explain must pick the entry and carry what the API said. Where the
// client's own validation would refuse the input first, the request is
// sent through the same engine without validation (raw*), so the error is
// the emulator's, not a hand-built one.

// rawWrite sends a write through the client's engine without validating.
func rawWrite(ctx context.Context, e *env, o op, send func(context.Context) error) error {
	_, err := e.c.write(ctx, o, send, nil)
	return err
}

// rawSeats sends a changeSeats body as is, bypassing the plan's field
// choice and local validation.
func rawSeats(ctx context.Context, e *env, sub Subscription, body *reseller.Seats, requested int) error {
	o := op{method: "subscriptions.changeSeats", customerID: sub.CustomerID, subscriptionID: sub.ID, sub: &sub, requested: requested}
	return rawWrite(ctx, e, o, func(ctx context.Context) error {
		_, err := e.c.svc.Subscriptions.ChangeSeats(sub.CustomerID, sub.ID, body).Context(ctx).Do()
		return err
	})
}

// rawInsert sends a subscriptions.insert body as is.
func rawInsert(ctx context.Context, e *env, customerID string, body *reseller.Subscription, token string) error {
	o := op{method: "subscriptions.insert", customerID: customerID, transfer: token != ""}
	return rawWrite(ctx, e, o, func(ctx context.Context) error {
		call := e.c.svc.Subscriptions.Insert(customerID, body).Context(ctx)
		if token != "" {
			call = call.CustomerAuthToken(token)
		}
		_, err := call.Do()
		return err
	})
}

// rawCustomerInsert sends a customers.insert body as is.
func rawCustomerInsert(ctx context.Context, e *env, body *reseller.Customer) error {
	return rawWrite(ctx, e, op{method: "customers.insert", customerID: body.CustomerDomain}, func(ctx context.Context) error {
		_, err := e.c.svc.Customers.Insert(body).Context(ctx).Do()
		return err
	})
}

// newCustomer is a valid new customer on domain.
func newCustomer(domain string) Customer {
	return Customer{Domain: domain, AlternateEmail: "owner@elsewhere.example",
		Address: Address{ContactName: "Kim Doe", OrganizationName: "New Co", Line1: "1 Road",
			Locality: "Austin", Region: "TX", PostalCode: "73301", CountryCode: "US"}}
}

func customerBody(c Customer) *reseller.Customer {
	return &reseller.Customer{CustomerDomain: c.Domain, AlternateEmail: c.AlternateEmail, PostalAddress: addressToAPI(c.Address)}
}

// suspendedFor seeds a customer whose one subscription is suspended for
// exactly reason, and returns it as the client reads it.
func suspendedFor(t *testing.T, e *env, reason string) Subscription {
	t.Helper()
	e.emu.Customer(t, emulator.Customer{CustomerID: "C9susp01", CustomerDomain: "suspended-for.example"})
	s := emutest.Flexible("C9susp01", "1010020027", 10, 4)
	s.SuspensionReasons = []string{reason}
	e.emu.Subscription(t, s)
	return e.subOf(t, "C9susp01", "")
}

func TestCatalogueAgainstEmulator(t *testing.T) {
	type trigger func(t *testing.T, ctx context.Context, e *env) error
	tests := []struct {
		name       string
		opts       *emulator.Options // nil: fixtures only
		edit       func(*Config)
		run        trigger
		wantCase   CaseID
		wantCode   int
		wantReason string
		wantNext   NextAction
	}{
		{name: "E1 change on a suspended subscription", wantCase: "E1", wantCode: 400, wantReason: "badRequest", wantNext: NextActivate,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.ChangeSeats(ctx, e.subOf(t, emulator.IDSuspended, ""), 35)
				return err
			}},
		{name: "S7 activate while the terms of service are pending",
			wantCase: "S7", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.Activate(ctx, suspendedFor(t, e, "PENDING_TOS_ACCEPTANCE"))
				return err
			}},
		{name: "activate cannot lift a Google suspension",
			wantCase: "ACTIVATE-NOT-RESELLER", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.Activate(ctx, suspendedFor(t, e, "OTHER"))
				return err
			}},
		{name: "E2 postal code", wantCase: "E2", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("postal.example")
				c.Address.PostalCode = "ABCDE"
				_, err := e.c.InsertCustomer(ctx, c, "")
				return err
			}},
		{name: "E3 country not resellable", wantCase: "E3", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("cuba.example")
				c.Address.CountryCode, c.Address.PostalCode = "CU", "10400"
				_, err := e.c.InsertCustomer(ctx, c, "")
				return err
			}},
		{name: "country code not ISO", wantCase: "COUNTRY", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("zz.example")
				c.Address.CountryCode = "ZZ"
				return rawCustomerInsert(ctx, e, customerBody(c))
			}},
		{name: "E4 alternate email on the customer's domain", wantCase: "E4", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("same.example")
				c.AlternateEmail = "boss@same.example"
				return rawCustomerInsert(ctx, e, customerBody(c))
			}},
		{name: "D3/C8 ordering a customer that exists", wantCase: "D3", wantCode: 409, wantReason: "duplicate", wantNext: NextTransfer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertCustomer(ctx, newCustomer(emulator.DomainAcmeAnnual), "")
				return err
			}},
		{name: "E5 annual decrease", wantCase: "E5", wantCode: 400, wantReason: "invalid", wantNext: NextRenewalSettings,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawSeats(ctx, e, e.subOf(t, emulator.IDAcmeAnnual, ""), &reseller.Seats{NumberOfSeats: 45}, 45)
			}},
		{name: "E6 below the users", wantCase: "E6", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawSeats(ctx, e, e.subOf(t, emulator.IDFlex, ""), &reseller.Seats{MaximumNumberOfSeats: 10}, 10)
			}},
		{name: "E7 wrong seat field", wantCase: "E7", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawSeats(ctx, e, e.subOf(t, emulator.IDFlex, ""), &reseller.Seats{NumberOfSeats: 25}, 25)
			}},
		{name: "E8 licensedNumberOfSeats sent", wantCase: "E8", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawSeats(ctx, e, e.subOf(t, emulator.IDFlex, ""),
					&reseller.Seats{MaximumNumberOfSeats: 25, LicensedNumberOfSeats: 25}, 25)
			}},
		{name: "E9 trial above 10", wantCase: "E9", wantCode: 400, wantReason: "invalid", wantNext: NextStartPaidService,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawSeats(ctx, e, e.subOf(t, emulator.IDTrial, ""), &reseller.Seats{MaximumNumberOfSeats: 11}, 11)
			}},
		{name: "D4/T1 transfer re-sends licensedNumberOfSeats", wantCase: "D4", wantCode: 400, wantReason: "invalid", wantNext: NextTransfer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDTransfer, &reseller.Subscription{SkuId: "1010020028",
					Plan:  &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"},
					Seats: &reseller.Seats{MaximumNumberOfSeats: 30, LicensedNumberOfSeats: 99}}, emulator.TransferToken)
			}},
		{name: "E16 renewal on a flexible plan", wantCase: "E16", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				sub := e.subOf(t, emulator.IDFlex, "")
				return rawWrite(ctx, e, op{method: "subscriptions.changeRenewalSettings", customerID: sub.CustomerID, subscriptionID: sub.ID, sub: &sub},
					func(ctx context.Context) error {
						_, err := e.c.svc.Subscriptions.ChangeRenewalSettings(sub.CustomerID, sub.ID,
							&reseller.RenewalSettings{RenewalType: RenewAutoMonthly}).Context(ctx).Do()
						return err
					})
			}},
		{name: "renewal type unknown", wantCase: "RENEWAL-TYPE", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				sub := e.subOf(t, emulator.IDAcmeAnnual, "")
				return rawWrite(ctx, e, op{method: "subscriptions.changeRenewalSettings", customerID: sub.CustomerID, subscriptionID: sub.ID},
					func(ctx context.Context) error {
						_, err := e.c.svc.Subscriptions.ChangeRenewalSettings(sub.CustomerID, sub.ID,
							&reseller.RenewalSettings{RenewalType: "FOREVER"}).Context(ctx).Do()
						return err
					})
			}},
		{name: "annual plan change", wantCase: "ANNUAL-PLAN-CHANGE", wantCode: 400, wantReason: "invalid", wantNext: NextRenewalSettings,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				sub := e.subOf(t, emulator.IDAcmeAnnual, "")
				return rawWrite(ctx, e, op{method: "subscriptions.changePlan", customerID: sub.CustomerID, subscriptionID: sub.ID},
					func(ctx context.Context) error {
						_, err := e.c.svc.Subscriptions.ChangePlan(sub.CustomerID, sub.ID, &reseller.ChangePlanRequest{
							PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 60}}).Context(ctx).Do()
						return err
					})
			}},
		{name: "start paid service without a plan", wantCase: "NO-PAYMENT-PLAN", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.StartPaidService(ctx, e.subOf(t, emulator.IDTrial, ""))
				return err
			}},
		{name: "start paid service outside a trial", wantCase: "NOT-IN-TRIAL", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.StartPaidService(ctx, e.subOf(t, emulator.IDFlex, ""))
				return err
			}},
		{name: "suspend a trial", wantCase: "SUSPEND-TRIAL", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.Suspend(ctx, e.subOf(t, emulator.IDTrial, ""))
				return err
			}},
		{name: "suspend Workspace with add-ons", wantCase: "SUSPEND-ADDONS", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				ws := e.subOf(t, emulator.IDFlex, "")
				if _, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "Google-Drive-storage-20GB", Plan: PlanFlexible, Seats: 5}); err != nil {
					t.Fatalf("ordering Drive storage: %v", err)
				}
				_, err := e.c.Suspend(ctx, ws)
				return err
			}},
		{name: "E17 delete without an admin", wantCase: "E17", wantCode: 412, wantReason: "conditionNotMet", wantNext: NextRetry,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return e.c.Delete(ctx, e.subOf(t, emulator.IDNoAdmin, ""), DeletionTransferToDirect)
			}},
		{name: "T6 cancel on Google Workspace", wantCase: "T6", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return e.c.Delete(ctx, e.subOf(t, emulator.IDFlex, ""), DeletionCancel)
			}},
		{name: "D1 team customer buys a domain product", wantCase: "D1", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDTeam1, NewSubscription{SKUID: "1010020027", Plan: PlanFlexible, Seats: 3})
				return err
			}},
		{name: "E18 emerging-market terms", wantCase: "E18", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDEmerging, NewSubscription{SKUID: emulator.EmergingSKU, Plan: PlanFlexible, Seats: 3})
				return err
			}},
		{name: "transfer below the minimum", wantCase: "TRANSFER-MIN", wantCode: 400, wantReason: "invalid", wantNext: NextTransfer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 2,
					TransferToken: emulator.TransferToken})
				return err
			}},
		{name: "transfer of a subscription suspended by Google", wantCase: "TRANSFER-SUSPENDED", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "Google-Chrome-Device-Management", Plan: PlanAnnualMonthly, Seats: 10,
					TransferToken: emulator.TransferToken})
				return err
			}},
		{name: "transfer of a Workspace subscription without its add-ons", wantCase: CaseTransferTogether, wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 25,
					TransferToken: emulator.TransferToken})
				return err
			}},
		{name: "transfer with a deal code", wantCase: "TRANSFER-DEAL", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDTransfer, &reseller.Subscription{SkuId: "1010020028",
					Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 30},
					DealCode: "DEAL1"}, emulator.TransferToken)
			}},
		{name: "transfer of a SKU the customer lacks", wantCase: "TRANSFER-SKU", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "1010020025", Plan: PlanFlexible, Seats: 30,
					TransferToken: emulator.TransferToken})
				return err
			}},
		{name: "annual downgrade", wantCase: "SKU-SWITCH", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDAcmeAnnual, NewSubscription{SKUID: "1010020027", Plan: PlanAnnualMonthly, Seats: 50})
				return err
			}},
		{name: "SKU ordered twice", wantCase: "SUB-EXISTS", wantCode: 409, wantReason: "duplicate",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDAcmeAnnual, NewSubscription{SKUID: "1010020028", Plan: PlanAnnualMonthly, Seats: 60})
				return err
			}},
		{name: "Vault without active Workspace", wantCase: "VAULT-NEEDS-WORKSPACE", wantCode: 412, wantReason: "conditionNotMet",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertSubscription(ctx, emulator.IDSuspended, NewSubscription{SKUID: "Google-Vault", Plan: PlanFlexible, Seats: 5})
				return err
			}},
		{name: "plan not offered for the SKU", wantCase: "PLAN-SKU", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDFlex, &reseller.Subscription{SkuId: "1010060001",
					Plan: &reseller.SubscriptionPlan{PlanName: "ANNUAL_MONTHLY_PAY"}, Seats: &reseller.Seats{NumberOfSeats: 30}}, "")
			}},
		{name: "unknown SKU", wantCase: "SKU-UNKNOWN", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDFlex, &reseller.Subscription{SkuId: "no-such-sku",
					Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 30}}, "")
			}},
		{name: "purchase order too long", wantCase: "PO-LENGTH", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDFlex, &reseller.Subscription{SkuId: "Google-Drive-storage-20GB",
					Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 3},
					PurchaseOrderId: string(make([]byte, 81))}, "")
			}},
		{name: "changing back to a trial", wantCase: "NO-TRIAL-RETURN", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				sub := e.subOf(t, emulator.IDFlex, "")
				return rawWrite(ctx, e, op{method: "subscriptions.changePlan", customerID: sub.CustomerID, subscriptionID: sub.ID},
					func(ctx context.Context) error {
						_, err := e.c.svc.Subscriptions.ChangePlan(sub.CustomerID, sub.ID, &reseller.ChangePlanRequest{
							PlanName: "TRIAL", Seats: &reseller.Seats{MaximumNumberOfSeats: 20}}).Context(ctx).Do()
						return err
					})
			}},
		{name: "unknown plan name", wantCase: "PLAN-NAME", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDFlex, &reseller.Subscription{SkuId: "Google-Vault",
					Plan: &reseller.SubscriptionPlan{PlanName: "MONTHLY"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 3}}, "")
			}},
		{name: "another deal code on a plan change", wantCase: "DEAL-MISMATCH", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				v, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "1010380001", Plan: PlanFlexible, Seats: 5, DealCode: "DEAL-A"})
				if err != nil {
					t.Fatalf("ordering with a deal code: %v", err)
				}
				return rawWrite(ctx, e, op{method: "subscriptions.changePlan", customerID: v.CustomerID, subscriptionID: v.ID},
					func(ctx context.Context) error {
						_, err := e.c.svc.Subscriptions.ChangePlan(v.CustomerID, v.ID, &reseller.ChangePlanRequest{
							PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 5}, DealCode: "DEAL-B"}).Context(ctx).Do()
						return err
					})
			}},
		{name: "deal code too long", wantCase: "DEAL-LENGTH", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawInsert(ctx, e, emulator.IDFlex, &reseller.Subscription{SkuId: "Google-Vault",
					Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 3},
					DealCode: string(make([]byte, 101))}, "")
			}},
		{name: "alternate email not an address", wantCase: "EMAIL-INVALID", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("bad-mail.example")
				c.AlternateEmail = "not an address"
				return rawCustomerInsert(ctx, e, customerBody(c))
			}},
		{name: "domain with www", wantCase: "DOMAIN", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawCustomerInsert(ctx, e, customerBody(newCustomer("www.shop.example")))
			}},
		{name: "address field too long", wantCase: "ADDRESS-LENGTH", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("long.example")
				c.Address.Line1 = strings.Repeat("a", 256)
				return rawCustomerInsert(ctx, e, customerBody(c))
			}},
		{name: "customer type cannot change", wantCase: "CUSTOMER-TYPE", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawWrite(ctx, e, op{method: "customers.patch", customerID: emulator.IDFlex}, func(ctx context.Context) error {
					_, err := e.c.svc.Customers.Patch(emulator.IDFlex, &reseller.Customer{CustomerType: "team"}).Context(ctx).Do()
					return err
				})
			}},
		{name: "D2 multiple teams", wantCase: "D2", wantCode: 400, wantReason: "invalid", wantNext: NextLookupByID,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, emulator.DomainTeams)
				return err
			}},
		{name: "E10 not your customer", wantCase: "E10", wantCode: 403, wantReason: "forbidden",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetSubscription(ctx, emulator.IDOtherReseller, "1000006")
				return err
			}},
		{name: "A4 reseller access revoked", wantCase: "A4", wantCode: 403, wantReason: "forbidden",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.LookupCustomer(ctx, emulator.IDRevoked)
				return err
			}},
		{name: "E11 listing another reseller's customer", wantCase: "E11", wantCode: 403, wantReason: "forbidden", wantNext: NextTransfer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.ListSubscriptions(ctx, Query{CustomerID: emulator.IDOtherReseller}, "")
				return err
			}},
		{name: "E12/T3 expired transfer token", wantCase: "E12", wantCode: 403, wantReason: "forbidden", wantNext: NextTransfer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.ListSubscriptions(ctx, Query{CustomerID: emulator.IDExpiredToken, CustomerAuthToken: emulator.ExpiredTransferToken}, "")
				return err
			}},
		{name: "E13/Q1 daily limit, not retried", opts: &emulator.Options{Customers: -1, DailyQuota: 1},
			wantCase: "E13", wantCode: 403, wantReason: "dailyLimitExceeded",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				if _, err := e.c.GetCustomer(ctx, emulator.IDFlex); err != nil {
					t.Fatalf("first call within quota: %v", err)
				}
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				if n := e.requests("customers.get"); n != 2 {
					t.Errorf("emulator saw %d customers.get, want 2: daily limit must not be retried", n)
				}
				return err
			}},
		{name: "E14/A6 API not enabled, not retried", opts: &emulator.Options{Customers: -1, APIDisabled: true},
			wantCase: "E14", wantCode: 403, wantReason: "accessNotConfigured",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				if n := e.requests("customers.get"); n != 1 {
					t.Errorf("emulator saw %d requests, want 1", n)
				}
				return err
			}},
		{name: "E15 customer unknown", wantCase: "E15", wantCode: 404, wantReason: "notFound", wantNext: NextCreateCustomer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, "nobody-here.example")
				return err
			}},
		{name: "C5 stale customer ID", wantCase: "C5", wantCode: 404, wantReason: "notFound", wantNext: NextCreateCustomer,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, "C0gone0001")
				return err
			}},
		{name: "S5 subscription ID changed by an upgrade", wantCase: "S5", wantCode: 404, wantReason: "notFound",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				old := e.subOf(t, emulator.IDFlex, "")
				if _, err := e.c.InsertSubscription(ctx, emulator.IDFlex, NewSubscription{SKUID: "1010020025", Plan: PlanFlexible, Seats: 20}); err != nil {
					t.Fatalf("upgrade: %v", err)
				}
				_, err := e.c.ChangeSeats(ctx, old, 25)
				return err
			}},
		{name: "E19 QPS exhausted after retries", opts: &emulator.Options{Customers: -1, QPS: 1, Clock: frozenClock},
			wantCase: "E19", wantCode: 429, wantReason: "quotaExceeded", wantNext: NextRetry,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, _ = e.c.GetCustomer(ctx, emulator.IDFlex) // takes the one token
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				return err
			}},
		{name: "E20/Q4 503 after retries", opts: &emulator.Options{Customers: -1, Fail503: 1},
			wantCase: "E20", wantCode: 503, wantReason: "backendError", wantNext: NextRetry,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				if n := e.requests("customers.get"); n != 6 {
					t.Errorf("emulator saw %d requests, want 6 (all attempts)", n)
				}
				return err
			}},
		{name: "E21 token refused", opts: &emulator.Options{Customers: -1, Tokens: []string{"the-right-token"}},
			edit: func(c *Config) { c.Token = "a-wrong-token" }, wantCase: "E21", wantCode: 401, wantReason: "authError",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				return err
			}},
		{name: "E21 no token sent", edit: func(c *Config) { c.HTTPClient = &http.Client{Transport: stripAuth{http.DefaultTransport}} },
			wantCase: "E21", wantCode: 401, wantReason: "required",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.GetCustomer(ctx, emulator.IDFlex)
				return err
			}},
		{name: "A3 401 on customers.insert", opts: &emulator.Options{Customers: -1, Tokens: []string{"the-right-token"}},
			edit: func(c *Config) { c.Token = "customer-domain-admin-token" }, wantCase: "A3", wantCode: 401, wantReason: "authError",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.InsertCustomer(ctx, newCustomer("brand-new.example"), "")
				return err
			}},
		{name: "read-only token on a write", opts: &emulator.Options{Customers: -1, ReadOnlyTokens: []string{"ro-token"}},
			edit: func(c *Config) { c.Token = "ro-token" }, wantCase: "SCOPE", wantCode: 403, wantReason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.ChangeSeats(ctx, e.subOf(t, emulator.IDFlex, ""), 25)
				return err
			}},
		{name: "stale page token", wantCase: "PAGE-TOKEN", wantCode: 400, wantReason: "invalid", wantNext: NextRetry,
			run: func(t *testing.T, ctx context.Context, e *env) error {
				_, err := e.c.ListSubscriptions(ctx, Query{}, "not-a-token")
				return err
			}},
		{name: "page size out of range", wantCase: "MAX-RESULTS", wantCode: 400, wantReason: "invalid",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				return rawWrite(ctx, e, op{method: "subscriptions.list"}, func(ctx context.Context) error {
					_, err := e.c.svc.Subscriptions.List().MaxResults(500).Context(ctx).Do()
					return err
				})
			}},
		{name: "required field missing", wantCase: "REQUIRED", wantCode: 400, wantReason: "required",
			run: func(t *testing.T, ctx context.Context, e *env) error {
				c := newCustomer("no-contact.example")
				c.Address.ContactName = ""
				return rawCustomerInsert(ctx, e, customerBody(c))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := emulator.Options{Customers: -1}
			if tt.opts != nil {
				opts = *tt.opts
			}
			var edits []func(*Config)
			if tt.edit != nil {
				edits = append(edits, tt.edit)
			}
			e := newEnv(t, opts, edits...)
			err := tt.run(t, e.ctx(t), e)
			if err == nil {
				t.Fatal("no error")
			}
			g := Explain(err)
			if g.Case != tt.wantCase {
				t.Fatalf("Explain picked %q (%s), want %q; error: %v", g.Case, g.Title, tt.wantCase, err)
			}
			if g.Code != tt.wantCode || g.Reason != tt.wantReason {
				t.Errorf("code/reason = %d/%q, want %d/%q", g.Code, g.Reason, tt.wantCode, tt.wantReason)
			}
			if g.Message == "" || g.Method == "" || g.Title == "" || g.Action == "" {
				t.Errorf("guidance lacks message, method, title or action: %+v", g)
			}
			if tt.wantNext != "" && g.Next != tt.wantNext {
				t.Errorf("next action = %q, want %q", g.Next, tt.wantNext)
			}
		})
	}
}

// frozenClock never moves, so the QPS bucket never refills.
func frozenClock() time.Time { return testStart }

// stripAuth removes the Authorization header, as a misconfigured proxy
// would.
type stripAuth struct{ next http.RoundTripper }

func (s stripAuth) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Del("Authorization")
	return s.next.RoundTrip(r)
}
