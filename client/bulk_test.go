package client

import (
	"errors"
	"testing"
)

func TestPlanBulk(t *testing.T) {
	reseller := Subscription{ID: "1", Status: "SUSPENDED", SuspensionReasons: []string{"RESELLER_INITIATED"}, Plan: PlanFlexible, MaximumSeats: 10, LicensedSeats: 4}
	other := Subscription{ID: "2", Status: "SUSPENDED", SuspensionReasons: []string{"OTHER"}, Plan: PlanFlexible, MaximumSeats: 10}
	active := Subscription{ID: "3", Status: "ACTIVE", Plan: PlanFlexible, MaximumSeats: 10, LicensedSeats: 10}
	annual := Subscription{ID: "4", Status: "ACTIVE", Plan: PlanAnnualMonthly, NumberOfSeats: 20, LicensedSeats: 18, RenewalType: RenewAutoMonthly}
	trial := Subscription{ID: "5", Status: "ACTIVE", Plan: PlanTrial, InTrial: true, MaximumSeats: 5}
	trialFlex := Subscription{ID: "6", Status: "ACTIVE", Plan: PlanFlexible, InTrial: true, MaximumSeats: 5}
	all := []Subscription{reseller, other, active, annual, trial, trialFlex}
	skipped := func(rows []BulkRow) string {
		out := ""
		for _, r := range rows {
			switch {
			case r.Skip == nil:
				out += "send "
			case errors.Is(r.Skip, ErrNoChange):
				out += "same "
			default:
				out += string(Explain(r.Skip).Case) + " "
			}
		}
		return out
	}
	cases := []struct {
		ch   BulkChange
		want string
	}{
		{BulkChange{Kind: BulkActivate}, "send ACTIVATE-NOT-RESELLER same same same same "},
		{BulkChange{Kind: BulkSuspend}, "same send send send SUSPEND-TRIAL SUSPEND-TRIAL "},
		{BulkChange{Kind: BulkStartPaid}, "NOT-IN-TRIAL NOT-IN-TRIAL NOT-IN-TRIAL NOT-IN-TRIAL NO-PAYMENT-PLAN send "},
		{BulkChange{Kind: BulkSeats, Seats: 6, Add: true}, "E1 E1 send send E9 E9 "},
		{BulkChange{Kind: BulkSeats, Seats: 10}, "E1 E1 same E5 send send "},
		{BulkChange{Kind: BulkRenewal, RenewalType: RenewCancel}, "E16 E16 E16 send E16 E16 "},
	}
	for _, c := range cases {
		if got := skipped(PlanBulk(all, c.ch)); got != c.want {
			t.Errorf("%s: %q, want %q", c.ch, got, c.want)
		}
		back, err := ParseBulkChange(c.ch.String())
		if err != nil || back != c.ch {
			t.Errorf("ParseBulkChange(%q) = %+v, %v", c.ch.String(), back, err)
		}
	}
	rows := PlanBulk([]Subscription{active, annual}, BulkChange{Kind: BulkSeats, Seats: 5, Add: true})
	if rows[0].Before != "10" || rows[0].After != "15" || rows[1].Before != "20" || rows[1].After != "25" {
		t.Errorf("seats +5: %+v", rows)
	}
	if _, _, err := ParseSeatsChange("-3"); err == nil {
		t.Error("-3 seats accepted")
	}
}
