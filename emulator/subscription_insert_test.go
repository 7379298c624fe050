package emulator_test

import (
	"encoding/json"
	"strings"
	"testing"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

// sub builds a subscriptions.insert body; seats go in the field the plan
// uses.
func sub(sku, plan string, seats int64) *reseller.Subscription {
	s := &reseller.Subscription{SkuId: sku, Plan: &reseller.SubscriptionPlan{PlanName: plan}, Seats: &reseller.Seats{}}
	if strings.HasPrefix(plan, "ANNUAL") {
		s.Seats.NumberOfSeats = seats
	} else {
		s.Seats.MaximumNumberOfSeats = seats
	}
	return s
}

// newCustomer inserts a fresh customer of ours and returns its ID.
func newCustomer(t *testing.T, e *env, domain string) string {
	t.Helper()
	c, err := e.svc.Customers.Insert(validCustomer(domain)).Do()
	if err != nil {
		t.Fatal(err)
	}
	return c.CustomerId
}

// TestInsertSubscription covers purchases (E18, D1).
func TestInsertSubscription(t *testing.T) {
	type query struct{ action, source string }
	cases := []struct {
		name  string
		cust  string // "" means a fresh customer of ours with no subscription
		body  *reseller.Subscription
		q     query
		code  int
		rsn   string
		msg   string
		check func(t *testing.T, s *reseller.Subscription)
	}{
		{"annual monthly", "", sub("1010020028", "ANNUAL_MONTHLY_PAY", 12), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if s.Plan.PlanName != "ANNUAL" || !s.Plan.IsCommitmentPlan || s.Seats.NumberOfSeats != 12 ||
				s.Plan.CommitmentInterval.StartTime != start.UnixMilli() || s.RenewalSettings.RenewalType != "RENEW_CURRENT_USERS_MONTHLY_PAY" ||
				s.CreationTime != start.UnixMilli() || s.Status != "ACTIVE" || s.SkuName != "Google Workspace Business Standard" {
				t.Errorf("got %+v %+v %+v", s, s.Plan, s.Seats)
			}
		}},
		{"renewal settings echoed", "", func() *reseller.Subscription {
			s := sub("1010020028", "ANNUAL_YEARLY_PAY", 12)
			s.RenewalSettings = &reseller.RenewalSettings{RenewalType: "AUTO_RENEW_YEARLY_PAY"}
			return s
		}(), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if s.Plan.PlanName != "ANNUAL_YEARLY_PAY" || s.RenewalSettings.RenewalType != "AUTO_RENEW_YEARLY_PAY" {
				t.Errorf("got %s %s", s.Plan.PlanName, s.RenewalSettings.RenewalType)
			}
		}},
		{"ANNUAL accepted as input", "", sub("1010020027", "ANNUAL", 3), query{}, 200, "", "", nil},
		{"flexible", "", sub("1010020027", "FLEXIBLE", 7), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if s.Plan.IsCommitmentPlan || s.Plan.CommitmentInterval != nil || s.Seats.MaximumNumberOfSeats != 7 {
				t.Errorf("got %+v %+v", s.Plan, s.Seats)
			}
		}},
		{"trial", "", sub("1010020025", "TRIAL", 10), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if !s.TrialSettings.IsInTrial || s.TrialSettings.TrialEndTime != start.AddDate(0, 0, 30).UnixMilli() {
				t.Errorf("trial = %+v", s.TrialSettings)
			}
		}},
		{"Chrome trial lasts 60 days", "", sub("Google-Chrome-Device-Management", "TRIAL", 5), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if s.TrialSettings.TrialEndTime != start.AddDate(0, 0, 60).UnixMilli() {
				t.Errorf("trial end = %d", s.TrialSettings.TrialEndTime)
			}
		}},
		{"trial over 10 seats (E9)", "", sub("1010020025", "TRIAL", 11), query{}, 400, "invalid", msgTrialCap, nil},
		{"Cloud Identity Free", "", sub("1010010001", "FREE", 50), query{}, 200, "", "", nil},
		{"Cloud Identity Free over 50", "", sub("1010010001", "FREE", 51), query{}, 400, "invalid", "Cloud Identity Free is limited to 50 seats.", nil},
		{"purchase order and deal code kept", "", func() *reseller.Subscription {
			s := sub("1010020027", "FLEXIBLE", 3)
			s.PurchaseOrderId, s.DealCode = strings.Repeat("p", 80), strings.Repeat("d", 100)
			return s
		}(), query{}, 200, "", "", func(t *testing.T, s *reseller.Subscription) {
			if len(s.PurchaseOrderId) != 80 || len(s.DealCode) != 100 {
				t.Errorf("po %q deal %q", s.PurchaseOrderId, s.DealCode)
			}
		}},
		{"purchaseOrderId over 80", "", func() *reseller.Subscription {
			s := sub("1010020027", "FLEXIBLE", 3)
			s.PurchaseOrderId = strings.Repeat("p", 81)
			return s
		}(), query{}, 400, "invalid", "purchaseOrderId is limited to 80 characters.", nil},
		{"dealCode over 100", "", func() *reseller.Subscription {
			s := sub("1010020027", "FLEXIBLE", 3)
			s.DealCode = strings.Repeat("d", 101)
			return s
		}(), query{}, 400, "invalid", "dealCode is limited to 100 characters.", nil},
		{"licensedNumberOfSeats sent (D4)", "", func() *reseller.Subscription {
			s := sub("1010020027", "FLEXIBLE", 3)
			s.Seats.LicensedNumberOfSeats = 3
			return s
		}(), query{}, 400, "invalid", msgLicensedRO, nil},
		{"wrong seat field (E7)", "", &reseller.Subscription{SkuId: "1010020027", Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"},
			Seats: &reseller.Seats{NumberOfSeats: 3}}, query{}, 400, "invalid", msgWrongField, nil},
		{"missing seats", "", &reseller.Subscription{SkuId: "1010020027", Plan: &reseller.SubscriptionPlan{PlanName: "ANNUAL_MONTHLY_PAY"}},
			query{}, 400, "required", "Required field: seats.numberOfSeats", nil},
		{"missing skuId", "", sub("", "FLEXIBLE", 3), query{}, 400, "required", "Required field: skuId", nil},
		{"missing plan", "", &reseller.Subscription{SkuId: "1010020027"}, query{}, 400, "required", "Required field: plan.planName", nil},
		{"unknown SKU", "", sub("1010999999", "FLEXIBLE", 3), query{}, 400, "invalid", "Invalid value for skuId.", nil},
		{"unknown plan", "", sub("1010020027", "WEEKLY", 3), query{}, 400, "invalid", "Invalid value for planName.", nil},
		{"plan not offered: Essentials annual", "", sub("1010060001", "ANNUAL_MONTHLY_PAY", 3), query{}, 400, "invalid", "This plan is not available for this SKU.", nil},
		{"plan not offered: Enterprise Essentials flexible", "", sub("1010060003", "FLEXIBLE", 3), query{}, 400, "invalid", "This plan is not available for this SKU.", nil},
		{"plan not offered: Vault annual", emulator.IDFlex, sub("Google-Vault", "ANNUAL_MONTHLY_PAY", 3), query{}, 400, "invalid", "This plan is not available for this SKU.", nil},
		{"unknown renewalType", "", func() *reseller.Subscription {
			s := sub("1010020028", "ANNUAL_MONTHLY_PAY", 12)
			s.RenewalSettings = &reseller.RenewalSettings{RenewalType: "FOREVER"}
			return s
		}(), query{}, 400, "invalid", "Invalid value for renewalType.", nil},
		{"legacy SKU can't be resold (E18)", "", sub("Google-Apps-Unlimited", "FLEXIBLE", 3), query{}, 412, "conditionNotMet", "This SKU can't be resold.", nil},
		{"emerging-market ToS (E18)", emulator.IDEmerging, sub(emulator.EmergingSKU, "FLEXIBLE", 3), query{}, 412, "conditionNotMet",
			"The terms of service for reselling Google Workspace to this emerging-market customer have not been accepted.", nil},
		{"emerging market may buy other products", emulator.IDEmerging, sub("1010380001", "FLEXIBLE", 3), query{}, 200, "", "", nil},
		{"team customer buys Business (D1)", emulator.IDTeam1, sub("1010020028", "FLEXIBLE", 3), query{}, 412, "conditionNotMet",
			"Customer is not eligible to purchase this subscription", nil},
		{"team customer buys Enterprise Essentials", emulator.IDTeam1, sub("1010060003", "ANNUAL_MONTHLY_PAY", 6), query{action: "buy"}, 200, "", "", nil},
		{"SKU already held", emulator.IDFlex, sub("1010020027", "FLEXIBLE", 20), query{}, 409, "duplicate",
			"The customer already has a subscription for this SKU.", nil},
		{"Vault without Workspace", "", sub("Google-Vault", "FLEXIBLE", 3), query{}, 412, "conditionNotMet",
			"Google Vault requires an active Google Workspace subscription.", nil},
		{"Vault with Workspace", emulator.IDFlex, sub("Google-Vault", "TRIAL", 3), query{}, 200, "", "", nil},
		{"another reseller's customer", emulator.IDOtherReseller, sub("1010020027", "FLEXIBLE", 3), query{}, 403, "forbidden", msgNotYours, nil},
		{"revoked access", emulator.IDRevoked, sub("Google-Drive-storage-20GB", "FLEXIBLE", 3), query{}, 403, "forbidden", "", nil},
		{"unknown customer", "nobody.example", sub("1010020027", "FLEXIBLE", 3), query{}, 404, "notFound", "", nil},
		{"bad action", "", sub("1010020027", "FLEXIBLE", 3), query{action: "upgrade"}, 400, "invalid", "Invalid value for action: use buy or switch.", nil},
		{"switch without sourceSkuId", emulator.IDFlex, sub("1010020028", "FLEXIBLE", 20), query{action: "switch"}, 400, "required",
			"Required parameter: sourceSkuId", nil},
		{"switch from a SKU not held", emulator.IDFlex, sub("1010020028", "FLEXIBLE", 20), query{"switch", "1010020025"}, 400, "invalid",
			"The customer has no subscription for sourceSkuId.", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			cust := tc.cust
			if cust == "" {
				cust = newCustomer(t, e, "buyer.example")
			}
			call := e.svc.Subscriptions.Insert(cust, tc.body)
			if tc.q.action != "" {
				call.Action(tc.q.action)
			}
			if tc.q.source != "" {
				call.SourceSkuId(tc.q.source)
			}
			got, err := call.Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.rsn, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind != "reseller#subscription" || got.SkuId != tc.body.SkuId || got.SubscriptionId == "" {
				t.Errorf("got %+v", got)
			}
			if tc.check != nil {
				tc.check(t, got)
			}
			again, err := e.svc.Subscriptions.Get(cust, got.SubscriptionId).Do()
			if err != nil || again.SkuId != got.SkuId {
				t.Errorf("get after insert: %v", err)
			}
		})
	}
}

// TestSwitchSKU covers upgrades and downgrades: a new
// subscription with a new ID replaces the old one.
func TestSwitchSKU(t *testing.T) {
	cases := []struct {
		name   string
		setup  *reseller.Subscription // bought first on a fresh customer
		verify bool                   // leave the fresh customer unverified
		body   *reseller.Subscription
		action string
		code   int
		msg    string
	}{
		{"flexible upgrade", sub("1010020027", "FLEXIBLE", 10), false, sub("1010020028", "FLEXIBLE", 10), "", 200, ""},
		{"explicit switch", sub("1010020027", "FLEXIBLE", 10), false, sub("1010020025", "FLEXIBLE", 10), "switch", 200, ""},
		{"flexible downgrade", sub("1010020025", "FLEXIBLE", 10), false, sub("1010020027", "FLEXIBLE", 10), "", 200, ""},
		{"annual upgrade starts a new year", sub("1010020027", "ANNUAL_MONTHLY_PAY", 10), false, sub("1010020026", "ANNUAL_MONTHLY_PAY", 10), "", 200, ""},
		{"annual downgrade mid-term", sub("1010020028", "ANNUAL_MONTHLY_PAY", 10), false, sub("1010020027", "ANNUAL_MONTHLY_PAY", 10), "", 400,
			"An annual commitment plan can't be downgraded mid-term: set its renewal to SWITCH_TO_PAY_AS_YOU_GO, then change the SKU after renewal."},
		{"yearly upgrade", sub("1010020027", "ANNUAL_YEARLY_PAY", 10), false, sub("1010020028", "ANNUAL_YEARLY_PAY", 10), "", 400,
			"An ANNUAL_YEARLY_PAY subscription can't be upgraded directly."},
		{"Enterprise to Business over 300 seats", sub("1010020020", "FLEXIBLE", 301), false, sub("1010020025", "FLEXIBLE", 301), "", 400,
			"A downgrade from Enterprise to Business is possible only with 300 seats or fewer."},
		{"Enterprise to Business at 300 seats", sub("1010020020", "FLEXIBLE", 300), false, sub("1010020025", "FLEXIBLE", 300), "", 200, ""},
		{"Enterprise Essentials upgrade, domain unverified", sub("1010060003", "ANNUAL_MONTHLY_PAY", 10), true, sub("1010020026", "FLEXIBLE", 10), "switch", 400,
			"Enterprise Essentials can be upgraded to Enterprise only after the customer's domain is verified."},
		{"path not in the matrix", sub("1010060003", "ANNUAL_MONTHLY_PAY", 10), true, sub("1010020027", "FLEXIBLE", 10), "switch", 400,
			"This SKU change is not an allowed upgrade or downgrade path."},
		{"Drive storage resize", sub("Google-Drive-storage-20GB", "FLEXIBLE", 5), false, sub("Google-Drive-storage-1TB", "FLEXIBLE", 5), "switch", 200, ""},
		{"buy keeps both", sub("1010020027", "FLEXIBLE", 10), false, sub("1010020028", "FLEXIBLE", 10), "buy", 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			cust := newCustomer(t, e, "switch.example")
			old, err := e.svc.Subscriptions.Insert(cust, tc.setup).Do()
			if err != nil {
				t.Fatal(err)
			}
			call := e.svc.Subscriptions.Insert(cust, tc.body)
			if tc.action != "" {
				call.Action(tc.action)
			}
			if tc.action == "switch" {
				call.SourceSkuId(tc.setup.SkuId)
			}
			got, err := call.Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, "invalid", tc.msg)
				if _, err := e.svc.Subscriptions.Get(cust, old.SubscriptionId).Do(); err != nil {
					t.Errorf("a refused switch removed the old subscription: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.SubscriptionId == old.SubscriptionId {
				t.Error("a SKU switch kept the subscription ID")
			}
			_, err = e.svc.Subscriptions.Get(cust, old.SubscriptionId).Do()
			if tc.action == "buy" {
				if err != nil {
					t.Errorf("buy removed the existing subscription: %v", err)
				}
				return
			}
			wantErr(t, err, 404, "notFound", msgSubNotFound)
			if got.Plan.IsCommitmentPlan && got.Plan.CommitmentInterval.StartTime != start.UnixMilli() {
				t.Errorf("annual switch kept the old commitment: %+v", got.Plan.CommitmentInterval)
			}
		})
	}
}

// TestSwitchCarriesUsers: a downgrade keeps the licensed users, so fewer
// seats than users is refused (E6).
func TestSwitchCarriesUsers(t *testing.T) {
	e := fixtures(t)
	_, err := e.svc.Subscriptions.Insert(emulator.IDFlex, sub("1010020028", "FLEXIBLE", 10)).Do()
	wantErr(t, err, 400, "invalid", msgBelowUsers)
	got, err := e.svc.Subscriptions.Insert(emulator.IDFlex, sub("1010020028", "FLEXIBLE", 15)).Do()
	if err != nil || got.Seats.LicensedNumberOfSeats != 15 {
		t.Fatalf("upgrade: %+v %v", got, err)
	}
	_, err = e.svc.Subscriptions.Insert(emulator.IDSuspended, sub("1010020028", "FLEXIBLE", 30)).Do()
	wantErr(t, err, 400, "badRequest", msgSuspended)
}

// TestTransfer covers transferable listings and transfers (E11, E12,
// D4).
func TestTransfer(t *testing.T) {
	cases := []struct {
		name, cust, token string
		body              *reseller.Subscription
		code              int
		reason, msg       string
	}{
		{"transfer Business Standard", emulator.DomainTransfer, emulator.TransferToken, sub("1010020028", "FLEXIBLE", 25), 200, "", ""},
		{"transfer onto an annual plan", emulator.IDTransfer, emulator.TransferToken, sub("1010020028", "ANNUAL_MONTHLY_PAY", 30), 200, "", ""},
		{"licensed count echoed (D4 leniency)", emulator.IDTransfer, emulator.TransferToken, func() *reseller.Subscription {
			s := sub("1010020028", "FLEXIBLE", 25)
			s.Seats.LicensedNumberOfSeats = 25
			return s
		}(), 200, "", ""},
		{"licensed count changed (D4)", emulator.IDTransfer, emulator.TransferToken, func() *reseller.Subscription {
			s := sub("1010020028", "FLEXIBLE", 25)
			s.Seats.LicensedNumberOfSeats = 30
			return s
		}(), 400, "invalid", msgLicensedRO},
		{"below minimumTransferableSeats", emulator.IDTransfer, emulator.TransferToken, sub("1010020028", "FLEXIBLE", 24), 400, "invalid",
			"The number of seats is below transferInfo.minimumTransferableSeats."},
		{"deal code", emulator.IDTransfer, emulator.TransferToken, func() *reseller.Subscription {
			s := sub("1010020028", "FLEXIBLE", 25)
			s.DealCode = "DEAL"
			return s
		}(), 400, "invalid", "Transfers don't work with discount deal codes."},
		{"with a SKU change", emulator.IDTransfer, emulator.TransferToken, sub("1010020025", "FLEXIBLE", 25), 400, "invalid",
			"Transfer the subscription with its current SKU first, then switch SKU."},
		{"onto a trial", emulator.IDTransfer, emulator.TransferToken, sub("1010020028", "TRIAL", 10), 400, "invalid",
			"A transferred subscription can't start a trial."},
		{"wrong token (E12)", emulator.IDTransfer, "00ff", sub("1010020028", "FLEXIBLE", 25), 403, "forbidden", msgTokenInvalid},
		{"expired token (E12)", emulator.IDExpiredToken, emulator.ExpiredTransferToken, sub("1010020027", "FLEXIBLE", 8), 403, "forbidden", msgTokenInvalid},
		{"without a token", emulator.IDTransfer, "", sub("1010020028", "FLEXIBLE", 25), 403, "forbidden", msgNotYours},
		{"suspended by Google", emulator.IDTransfer, emulator.TransferToken, sub(skuChrome, "ANNUAL_MONTHLY_PAY", 10), 412, "conditionNotMet",
			"This suspended subscription can't be transferred."},
		{"without its add-ons", emulator.IDTransfer, emulator.TransferToken, sub("1010020028", "FLEXIBLE", 25), 412, "conditionNotMet", msgTogether},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			if tc.code != 200 {
				call := e.svc.Subscriptions.Insert(tc.cust, tc.body)
				if tc.token != "" {
					call.CustomerAuthToken(tc.token)
				}
				_, err := call.Do()
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			// transfer.example's Workspace moves only with its add-ons, in
			// one batch: the case's order is the batch's first part.
			calls := wholeSet()
			calls[0] = transferCall("ws", tc.body)
			calls[0].path = v1 + "customers/" + tc.cust + "/subscriptions?customerAuthToken=" + tc.token
			_, answers, raw := postBatch(t, e, "tok", calls...)
			got := &reseller.Subscription{}
			if len(answers) != 3 || answers[0].status != 200 || json.Unmarshal(answers[0].body, got) != nil {
				t.Fatalf("batch: %s", raw)
			}
			if got.SubscriptionId == xferSub || got.CustomerId != emulator.IDTransfer || got.Seats.LicensedNumberOfSeats != 25 {
				t.Errorf("transferred = %+v seats %+v", got, got.Seats)
			}
			// The customer is now ours; the add-on is still transferable.
			c, err := e.svc.Customers.Get(emulator.DomainTransfer).Do()
			if err != nil || c.PostalAddress == nil {
				t.Errorf("customer after transfer: %+v %v", c, err)
			}
			own, err := e.svc.Subscriptions.List().CustomerId(emulator.IDTransfer).Do()
			if err != nil || len(own.Subscriptions) != 3 || own.Subscriptions[0].SubscriptionId != got.SubscriptionId {
				t.Errorf("own list after transfer: %+v %v", own, err)
			}
			if left := transferableIDs(t, e); left != xferChr {
				t.Errorf("transferable after transfer: %s", left)
			}
			_, err = e.svc.Subscriptions.Insert(emulator.IDTransfer, sub("1010020028", "FLEXIBLE", 25)).CustomerAuthToken(emulator.TransferToken).Do()
			wantErr(t, err, 409, "duplicate", "The customer already has a subscription for this SKU.")
		})
	}
}

// TestTransferableList covers the transferable listing and its errors.
func TestTransferableList(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, cust, token string
		code              int
		reason, msg       string
		want              map[string]int64 // subscription ID → minimumTransferableSeats
	}{
		{"valid token", emulator.DomainTransfer, emulator.TransferToken, 200, "", "", map[string]int64{xferSub: 25, xferDrv: 5, xferVlt: 25, xferChr: 10}},
		{"by customer ID", emulator.IDTransfer, emulator.TransferToken, 200, "", "", map[string]int64{xferSub: 25, xferDrv: 5, xferVlt: 25, xferChr: 10}},
		{"expired token (E12)", emulator.DomainExpiredToken, emulator.ExpiredTransferToken, 403, "forbidden", msgTokenInvalid, nil},
		{"another customer's token (E12)", emulator.DomainExpiredToken, emulator.TransferToken, 403, "forbidden", msgTokenInvalid, nil},
		{"token for our own customer", emulator.DomainAcmeAnnual, emulator.TransferToken, 403, "forbidden", msgTokenInvalid, nil},
		{"token without customerId", "", emulator.TransferToken, 400, "required", "Required parameter: customerId", nil},
		{"other reseller's customer without token (E11)", emulator.DomainOtherReseller, "", 403, "forbidden", msgNotYours, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			call := e.svc.Subscriptions.List().CustomerAuthToken(tc.token)
			if tc.cust != "" {
				call.CustomerId(tc.cust)
			}
			got, err := call.Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Subscriptions) != len(tc.want) {
				t.Fatalf("%d subscriptions, want %d", len(got.Subscriptions), len(tc.want))
			}
			for _, s := range got.Subscriptions {
				ti := s.TransferInfo
				if ti == nil || ti.MinimumTransferableSeats != tc.want[s.SubscriptionId] ||
					ti.TransferabilityExpirationTime != start.AddDate(0, 0, 28).UnixMilli() {
					t.Errorf("%s transferInfo = %+v", s.SubscriptionId, ti)
				}
			}
		})
	}
}
