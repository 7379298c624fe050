package emulator_test

import (
	"strings"
	"testing"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

// Exact messages the client's catalogue matches on.
const (
	msgSuspended       = "Bad Request: the subscription is suspended or cancelled; activate it before changing it."
	msgAnnualDecrease  = "Seats cannot be reduced for annual plans."
	msgBelowUsers      = "The number of seats can't be lower than the number of users in the account."
	msgWrongField      = "The seats provided are not valid: annual plans use numberOfSeats, flexible and trial plans use maximumNumberOfSeats."
	msgLicensedRO      = "Licensed number of seats field is read-only"
	msgTrialCap        = "Trial subscriptions are limited to 10 seats."
	msgNotYours        = "Forbidden: this customer is not managed by your reseller account."
	msgSubNotFound     = "Resource not found: subscription"
	msgTokenInvalid    = "Forbidden: the customerAuthToken is invalid or has expired (transfer tokens are valid for 30 days)."
	msgRenewalNotAnnul = "Renewal settings apply only to annual commitment plans (ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY)."
)

// TestSubscriptionsGet covers lookups and who may read what.
func TestSubscriptionsGet(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, cust, sub string
		code            int
		reason, msg     string
	}{
		{"by customer ID", emulator.IDAcmeAnnual, acmeSub, 200, "", ""},
		{"by customer domain", emulator.DomainAcmeAnnual, acmeSub, 200, "", ""},
		{"unknown subscription", emulator.IDAcmeAnnual, "999", 404, "notFound", msgSubNotFound},
		{"another customer's subscription", emulator.IDFlex, acmeSub, 404, "notFound", msgSubNotFound},
		{"another reseller's customer (E10)", emulator.IDOtherReseller, otherSb, 403, "forbidden", msgNotYours},
		{"direct customer's subscription", emulator.IDTransfer, xferSub, 403, "forbidden", msgNotYours},
		{"revoked access (E10)", emulator.IDRevoked, revokSb, 403, "forbidden", ""},
		{"unknown customer", "nobody.example", acmeSub, 404, "notFound", "Resource not found: customer"},
		{"teams domain (D2)", emulator.DomainTeams, team1Sb, 400, "invalid", "Multiple teams exist on this domain"},
		{"team customer by ID", emulator.IDTeam1, team1Sb, 200, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.SubscriptionId != tc.sub || !strings.HasPrefix(s.CustomerId, "C0") || s.Kind != "reseller#subscription" {
				t.Errorf("got %+v", s)
			}
		})
	}
}

// seatsCase is one changeSeats call on a fixture subscription.
type seatsCase struct {
	name, cust, sub string
	seats           *reseller.Seats
	code            int
	reason, msg     string
	want            int64 // seat count after a success
}

// TestChangeSeats covers E1 and E5–E9 with their distinct messages.
func TestChangeSeats(t *testing.T) {
	acme, flex, trial := emulator.IDAcmeAnnual, emulator.IDFlex, emulator.IDTrial
	cases := []seatsCase{
		{"annual increase", acme, acmeSub, &reseller.Seats{NumberOfSeats: 60}, 200, "", "", 60},
		{"annual same count", acme, acmeSub, &reseller.Seats{NumberOfSeats: 50}, 200, "", "", 50},
		{"annual decrease (E5)", acme, acmeSub, &reseller.Seats{NumberOfSeats: 45}, 400, "invalid", msgAnnualDecrease, 0},
		{"annual decrease below users (E5 first)", acme, acmeSub, &reseller.Seats{NumberOfSeats: 10}, 400, "invalid", msgAnnualDecrease, 0},
		{"annual with maximumNumberOfSeats (E7)", acme, acmeSub, &reseller.Seats{MaximumNumberOfSeats: 60}, 400, "invalid", msgWrongField, 0},
		{"annual with both fields (E7)", acme, acmeSub, &reseller.Seats{NumberOfSeats: 60, MaximumNumberOfSeats: 60}, 400, "invalid", msgWrongField, 0},
		{"licensedNumberOfSeats sent (E8)", acme, acmeSub, &reseller.Seats{NumberOfSeats: 60, LicensedNumberOfSeats: 42}, 400, "invalid", msgLicensedRO, 0},
		{"flexible raise", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 30}, 200, "", "", 30},
		{"flexible lower to the users", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 15}, 200, "", "", 15},
		{"flexible below users (E6)", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 14}, 400, "invalid", msgBelowUsers, 0},
		{"flexible with numberOfSeats (E7)", flex, flexSub, &reseller.Seats{NumberOfSeats: 30}, 400, "invalid", msgWrongField, 0},
		{"flexible licensed sent (E8)", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 30, LicensedNumberOfSeats: 15}, 400, "invalid", msgLicensedRO, 0},
		{"no seat field", flex, flexSub, &reseller.Seats{}, 400, "required", "Required field: seats.maximumNumberOfSeats", 0},
		{"zero seats", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 0, ForceSendFields: []string{"MaximumNumberOfSeats"}},
			400, "invalid", "The number of seats must be at least 1.", 0},
		{"over the users-per-customer limit", flex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 50001}, 400, "invalid",
			"The number of seats exceeds the maximum of 50000 users per customer.", 0},
		{"trial at the cap", trial, trialSb, &reseller.Seats{MaximumNumberOfSeats: 10}, 200, "", "", 10},
		{"trial over the cap (E9)", trial, trialSb, &reseller.Seats{MaximumNumberOfSeats: 11}, 400, "invalid", msgTrialCap, 0},
		{"trial with numberOfSeats (E7)", trial, trialSb, &reseller.Seats{NumberOfSeats: 5}, 400, "invalid", msgWrongField, 0},
		{"trial below users (E6)", trial, trialSb, &reseller.Seats{MaximumNumberOfSeats: 2}, 400, "invalid", msgBelowUsers, 0},
		{"suspended (E1)", emulator.IDSuspended, suspSub, &reseller.Seats{MaximumNumberOfSeats: 40}, 400, "badRequest", msgSuspended, 0},
		{"another reseller's (E10)", emulator.IDOtherReseller, otherSb, &reseller.Seats{NumberOfSeats: 50}, 403, "forbidden", msgNotYours, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			before, _ := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
			got, err := e.svc.Subscriptions.ChangeSeats(tc.cust, tc.sub, tc.seats).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				after, _ := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
				if before != nil && after != nil && (before.Seats.NumberOfSeats != after.Seats.NumberOfSeats ||
					before.Seats.MaximumNumberOfSeats != after.Seats.MaximumNumberOfSeats) {
					t.Errorf("a refused change moved seats: %+v → %+v", before.Seats, after.Seats)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n := got.Seats.MaximumNumberOfSeats
			if got.Plan.IsCommitmentPlan {
				n = got.Seats.NumberOfSeats
			}
			if n != tc.want || got.SubscriptionId != tc.sub {
				t.Errorf("seats = %d (id %s), want %d (id %s)", n, got.SubscriptionId, tc.want, tc.sub)
			}
		})
	}
}

// TestChangePlan covers changePlan and its refusals.
func TestChangePlan(t *testing.T) {
	flexAnnual := &reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 20}}
	cases := []struct {
		name, cust, sub string
		req             *reseller.ChangePlanRequest
		code            int
		reason, msg     string
		wantPlan        string
		wantTrial       bool
	}{
		{"flexible to annual", emulator.IDFlex, flexSub, flexAnnual, 200, "", "", "ANNUAL", false},
		{"flexible to annual yearly", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_YEARLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 20}, PurchaseOrderId: strings.Repeat("p", 80)},
			200, "", "", "ANNUAL_YEARLY_PAY", false},
		{"ANNUAL accepted as input", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL", Seats: &reseller.Seats{NumberOfSeats: 20}}, 200, "", "", "ANNUAL", false},
		{"flexible to annual with maximumNumberOfSeats (E7)", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{MaximumNumberOfSeats: 20}}, 400, "invalid", msgWrongField, "", false},
		{"annual below users (E6)", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 10}}, 400, "invalid", msgBelowUsers, "", false},
		{"annual plan can't change", emulator.IDAcmeAnnual, acmeSub,
			&reseller.ChangePlanRequest{PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 50}}, 400, "invalid",
			"You can't update an annual commitment plan", "", false},
		{"trial gets a payment plan, stays in trial", emulator.IDTrial, trialSb,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 8}}, 200, "", "", "ANNUAL", true},
		{"trial plan seats over the cap (E9)", emulator.IDTrial, trialSb,
			&reseller.ChangePlanRequest{PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 12}}, 400, "invalid", msgTrialCap, "", false},
		{"flexible back to trial", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "TRIAL", Seats: &reseller.Seats{MaximumNumberOfSeats: 20}}, 400, "invalid",
			"A subscription can't go back to a trial plan.", "", false},
		{"missing planName", emulator.IDFlex, flexSub, &reseller.ChangePlanRequest{Seats: &reseller.Seats{NumberOfSeats: 20}},
			400, "required", "Required field: planName", "", false},
		{"unknown planName", emulator.IDFlex, flexSub, &reseller.ChangePlanRequest{PlanName: "MONTHLY", Seats: &reseller.Seats{NumberOfSeats: 20}},
			400, "invalid", "Invalid value for planName.", "", false},
		{"FREE is not a changePlan plan", emulator.IDFlex, flexSub, &reseller.ChangePlanRequest{PlanName: "FREE", Seats: &reseller.Seats{MaximumNumberOfSeats: 20}},
			400, "invalid", "Invalid value for planName.", "", false},
		{"missing seats", emulator.IDFlex, flexSub, &reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY"},
			400, "required", "Required field: seats.numberOfSeats", "", false},
		{"plan not offered for the SKU", emulator.IDTeam1, team1Sb,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 10}}, 400, "invalid",
			"This plan is not available for this SKU.", "", false},
		{"purchaseOrderId over 80", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 20}, PurchaseOrderId: strings.Repeat("p", 81)},
			400, "invalid", "purchaseOrderId is limited to 80 characters.", "", false},
		{"dealCode over 100", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 20}, DealCode: strings.Repeat("d", 101)},
			400, "invalid", "dealCode is limited to 100 characters.", "", false},
		{"suspended (E1)", emulator.IDSuspended, suspSub, flexAnnual, 400, "badRequest", msgSuspended, "", false},
		{"licensedNumberOfSeats sent (E8)", emulator.IDFlex, flexSub,
			&reseller.ChangePlanRequest{PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 20, LicensedNumberOfSeats: 15}},
			400, "invalid", msgLicensedRO, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			got, err := e.svc.Subscriptions.ChangePlan(tc.cust, tc.sub, tc.req).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Plan.PlanName != tc.wantPlan || got.TrialSettings.IsInTrial != tc.wantTrial || got.SubscriptionId != tc.sub {
				t.Fatalf("plan %s trial %v id %s, want %s %v %s", got.Plan.PlanName, got.TrialSettings.IsInTrial,
					got.SubscriptionId, tc.wantPlan, tc.wantTrial, tc.sub)
			}
			if !tc.wantTrial && got.Plan.IsCommitmentPlan {
				ci := got.Plan.CommitmentInterval
				if ci == nil || ci.StartTime != start.UnixMilli() || ci.EndTime != start.AddDate(0, 0, 365).UnixMilli() {
					t.Errorf("commitment = %+v, want one year from now", ci)
				}
				if got.RenewalSettings == nil || !strings.HasPrefix(got.RenewalSettings.RenewalType, "RENEW_CURRENT_USERS_") {
					t.Errorf("renewal = %+v, want the default", got.RenewalSettings)
				}
			}
		})
	}
}

// TestChangePlanDealCode: a deal code, once set, may be repeated or left
// out but not changed.
func TestChangePlanDealCode(t *testing.T) {
	e := fixtures(t)
	req := func(deal string) *reseller.ChangePlanRequest {
		return &reseller.ChangePlanRequest{PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 20}, DealCode: deal}
	}
	steps := []struct {
		name, deal string
		code       int
	}{
		{"first deal code is set", "DEAL-1", 200},
		{"same deal code", "DEAL-1", 200},
		{"left out keeps it", "", 200},
		{"a different one is refused", "DEAL-2", 400},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			got, err := e.svc.Subscriptions.ChangePlan(emulator.IDFlex, flexSub, req(st.deal)).Do()
			if st.code != 200 {
				wantErr(t, err, 400, "invalid", "The dealCode differs from the deal code already on the subscription.")
				return
			}
			if err != nil || got.DealCode != "DEAL-1" {
				t.Fatalf("dealCode %v, %v", got, err)
			}
		})
	}
}

// TestChangeRenewalSettings covers changeRenewalSettings and E16.
func TestChangeRenewalSettings(t *testing.T) {
	cases := []struct {
		name, cust, sub, renewal string
		code                     int
		reason, msg              string
	}{
		{"annual: cancel at renewal", emulator.IDAcmeAnnual, acmeSub, "CANCEL", 200, "", ""},
		{"annual: pay as you go", emulator.IDAcmeAnnual, acmeSub, "SWITCH_TO_PAY_AS_YOU_GO", 200, "", ""},
		{"annual: proposed offer", emulator.IDAcmeAnnual, acmeSub, "RENEW_ON_PROPOSED_OFFER", 200, "", ""},
		{"flexible (E16)", emulator.IDFlex, flexSub, "AUTO_RENEW_MONTHLY_PAY", 412, "conditionNotMet", msgRenewalNotAnnul},
		{"trial (E16)", emulator.IDTrial, trialSb, "AUTO_RENEW_MONTHLY_PAY", 412, "conditionNotMet", msgRenewalNotAnnul},
		{"missing renewalType", emulator.IDAcmeAnnual, acmeSub, "", 400, "required", "Required field: renewalType"},
		{"unknown renewalType", emulator.IDAcmeAnnual, acmeSub, "AUTO_RENEW", 400, "invalid", "Invalid value for renewalType."},
		{"suspended (E1)", emulator.IDSuspended, suspSub, "CANCEL", 400, "badRequest", msgSuspended},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			got, err := e.svc.Subscriptions.ChangeRenewalSettings(tc.cust, tc.sub, &reseller.RenewalSettings{RenewalType: tc.renewal}).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.RenewalSettings.RenewalType != tc.renewal || got.RenewalSettings.Kind != "subscriptions#renewalSettings" {
				t.Errorf("renewal = %+v", got.RenewalSettings)
			}
		})
	}
}

// TestTrialToPaid: startPaidService needs a payment plan (412 without),
// then ends the trial and lifts the 10-seat cap.
func TestTrialToPaid(t *testing.T) {
	e := fixtures(t)
	s := e.svc.Subscriptions
	_, err := s.StartPaidService(emulator.IDTrial, trialSb).Do()
	wantErr(t, err, 412, "conditionNotMet", "No payment plan is assigned to this trial: call changePlan first.")
	_, err = s.StartPaidService(emulator.IDFlex, flexSub).Do()
	wantErr(t, err, 412, "conditionNotMet", "The subscription is not in a free trial.")
	_, err = s.StartPaidService(emulator.IDSuspended, suspSub).Do()
	wantErr(t, err, 400, "badRequest", msgSuspended)

	if _, err := s.ChangePlan(emulator.IDTrial, trialSb, &reseller.ChangePlanRequest{
		PlanName: "ANNUAL_MONTHLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 10}}).Do(); err != nil {
		t.Fatal(err)
	}
	got, err := s.StartPaidService(emulator.IDTrial, trialSb).Do()
	if err != nil {
		t.Fatal(err)
	}
	if got.TrialSettings.IsInTrial || got.TrialSettings.TrialEndTime != start.UnixMilli() ||
		got.Plan.PlanName != "ANNUAL" || got.Plan.CommitmentInterval.StartTime != start.UnixMilli() {
		t.Errorf("after startPaidService: trial %+v plan %+v", got.TrialSettings, got.Plan)
	}
	if _, err := s.ChangeSeats(emulator.IDTrial, trialSb, &reseller.Seats{NumberOfSeats: 50}).Do(); err != nil {
		t.Errorf("the trial cap survived the start of paid service: %v", err)
	}
	_, err = s.StartPaidService(emulator.IDTrial, trialSb).Do()
	wantErr(t, err, 412, "conditionNotMet", "The subscription is not in a free trial.")
}

// TestSuspendActivate covers suspend and activate.
func TestSuspendActivate(t *testing.T) {
	e := fixtures(t)
	s := e.svc.Subscriptions
	got, err := s.Suspend(emulator.IDAcmeAnnual, acmeSub).Do()
	if err != nil || got.Status != "SUSPENDED" || len(got.SuspensionReasons) != 1 || got.SuspensionReasons[0] != "RESELLER_INITIATED" {
		t.Fatalf("suspend: %+v %v", got, err)
	}
	cases := []struct {
		name        string
		call        func() error
		code        int
		reason, msg string
	}{
		{"suspend again (E1)", func() error { _, err := s.Suspend(emulator.IDAcmeAnnual, acmeSub).Do(); return err }, 400, "badRequest", msgSuspended},
		{"seats while suspended (E1)", func() error {
			_, err := s.ChangeSeats(emulator.IDAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 99}).Do()
			return err
		}, 400, "badRequest", msgSuspended},
		{"suspend a trial", func() error { _, err := s.Suspend(emulator.IDTrial, trialSb).Do(); return err }, 412, "conditionNotMet",
			"You can't suspend TRIAL subscriptions and other free subscription types"},
		{"suspend another reseller's", func() error { _, err := s.Suspend(emulator.IDOtherReseller, otherSb).Do(); return err }, 403, "forbidden", msgNotYours},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.call(), tc.code, tc.reason, tc.msg) })
	}
	for _, id := range []struct{ cust, sub string }{{emulator.IDAcmeAnnual, acmeSub}, {emulator.IDSuspended, suspSub}} {
		got, err = s.Activate(id.cust, id.sub).Do()
		if err != nil || got.Status != "ACTIVE" || len(got.SuspensionReasons) != 0 {
			t.Errorf("activate %s: %+v %v", id.sub, got, err)
		}
	}
	// Activating an active subscription is a successful no-op (a retry).
	n := len(e.srv.Calls())
	if got, err = s.Activate(emulator.IDAcmeAnnual, acmeSub).Do(); err != nil || got.Status != "ACTIVE" {
		t.Errorf("activate again: %+v %v", got, err)
	}
	if c := e.srv.Calls()[n]; c.Status != 200 || c.Applied {
		t.Errorf("idempotent activate recorded %+v", c)
	}
}

// TestSuspendWorkspaceWithAddOns: Drive/Vault must be cancelled first.
func TestSuspendWorkspaceWithAddOns(t *testing.T) {
	e := fixtures(t)
	s := e.svc.Subscriptions
	vault, err := s.Insert(emulator.IDFlex, &reseller.Subscription{SkuId: "Google-Vault",
		Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"}, Seats: &reseller.Seats{MaximumNumberOfSeats: 15}}).Do()
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Suspend(emulator.IDFlex, flexSub).Do()
	wantErr(t, err, 412, "conditionNotMet",
		"Cancel the customer's Google Drive storage and Google Vault subscriptions before suspending Google Workspace.")
	if err := s.Delete(emulator.IDFlex, vault.SubscriptionId, "cancel").Do(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suspend(emulator.IDFlex, flexSub).Do(); err != nil {
		t.Errorf("suspend after cancelling Vault: %v", err)
	}
}

// TestDelete covers delete, E17 and the deletionType errors.
func TestDelete(t *testing.T) {
	cases := []struct {
		name, cust, sub, kind string
		code                  int
		reason, msg           string
	}{
		{"transfer to direct", emulator.IDFlex, flexSub, "transfer_to_direct", 204, "", ""},
		{"cancel a non-Workspace SKU", emulator.IDEmerging, emrgSub, "cancel", 204, "", ""},
		{"suspended can be transferred out", emulator.IDSuspended, suspSub, "transfer_to_direct", 204, "", ""},
		{"missing deletionType", emulator.IDFlex, flexSub, "", 400, "required", "Required parameter: deletionType"},
		{"unknown deletionType", emulator.IDFlex, flexSub, "downgrade", 400, "invalid", "Invalid value for deletionType: use cancel or transfer_to_direct."},
		{"undefined deletionType", emulator.IDFlex, flexSub, "deletion_type_undefined", 400, "invalid", ""},
		{"cancel on Workspace", emulator.IDFlex, flexSub, "cancel", 400, "invalid",
			"deletionType cancel does not apply to a Google Workspace subscription: use transfer_to_direct."},
		{"no administrator (E17)", emulator.IDNoAdmin, noAdmSb, "transfer_to_direct", 412, "conditionNotMet",
			"The customer's account has no administrator. Add an administrator, then retry."},
		{"another reseller's", emulator.IDOtherReseller, otherSb, "transfer_to_direct", 403, "forbidden", msgNotYours},
		{"unknown subscription", emulator.IDFlex, "42", "transfer_to_direct", 404, "notFound", msgSubNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			err := e.svc.Subscriptions.Delete(tc.cust, tc.sub, tc.kind).Do()
			_, getErr := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
			if tc.code != 204 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				if tc.code != 404 && tc.code != 403 && getErr != nil {
					t.Errorf("a refused delete removed the subscription: %v", getErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantErr(t, getErr, 404, "notFound", msgSubNotFound)
			list, err := e.svc.Subscriptions.List().CustomerId(tc.cust).Do()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list.Subscriptions {
				if s.SubscriptionId == tc.sub {
					t.Error("deleted subscription still listed")
				}
			}
		})
	}
}
