package client

import (
	"testing"
	"time"
)

func TestAttentionGroups(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	subs := []Subscription{
		{ID: "reseller", Status: "SUSPENDED", SuspensionReasons: []string{"RESELLER_INITIATED"}, Plan: PlanFlexible, MaximumSeats: 10, LicensedSeats: 3},
		{ID: "tos-and-reseller", Status: "SUSPENDED", SuspensionReasons: []string{"PENDING_TOS_ACCEPTANCE", "RESELLER_INITIATED"}, Plan: PlanFlexible, MaximumSeats: 10},
		{ID: "trial-ended", Status: "SUSPENDED", SuspensionReasons: []string{"TRIAL_ENDED"}, Plan: PlanTrial, TrialEnd: At(now.Add(-3 * day)), MaximumSeats: 5},
		{ID: "renewal", Status: "SUSPENDED", SuspensionReasons: []string{"RENEWAL_WITH_TYPE_CANCEL"}, Plan: PlanAnnualMonthly, NumberOfSeats: 5},
		{ID: "new-reason", Status: "SUSPENDED", SuspensionReasons: []string{"SOMETHING_NEW"}, Plan: PlanFlexible, MaximumSeats: 5},
		{ID: "trial-6d", InTrial: true, TrialEnd: At(now.Add(6 * day)), Plan: PlanTrial, MaximumSeats: 5, LicensedSeats: 2},
		{ID: "trial-8d", InTrial: true, TrialEnd: At(now.Add(8 * day)), Plan: PlanTrial, MaximumSeats: 5, LicensedSeats: 2},
		{ID: "trial-at-cap", InTrial: true, TrialEnd: At(now.Add(20 * day)), Plan: PlanTrial, MaximumSeats: 3, LicensedSeats: 3},
		{ID: "flex-at-cap", Plan: PlanFlexible, MaximumSeats: 20, LicensedSeats: 20},
		{ID: "flex-over-cap", Plan: PlanFlexible, MaximumSeats: 20, LicensedSeats: 21},
		{ID: "flex-below", Plan: PlanFlexible, MaximumSeats: 20, LicensedSeats: 19},
		{ID: "term-cancel", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(29 * day)), RenewalType: "CANCEL", NumberOfSeats: 5},
		{ID: "term-payg", Plan: PlanAnnualYearly, CommitmentEnd: At(now.Add(10 * day)), RenewalType: "SWITCH_TO_PAY_AS_YOU_GO", NumberOfSeats: 5},
		{ID: "term-unset", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(1 * day)), NumberOfSeats: 5},
		{ID: "term-autorenew", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(1 * day)), RenewalType: "AUTO_RENEW_MONTHLY_PAY", NumberOfSeats: 5},
		{ID: "term-far", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(31 * day)), RenewalType: "CANCEL", NumberOfSeats: 5},
		{ID: "annual-over", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(200 * day)), RenewalType: "AUTO_RENEW_MONTHLY_PAY", NumberOfSeats: 5, LicensedSeats: 6},
		{ID: "annual-full", Plan: PlanAnnualMonthly, CommitmentEnd: At(now.Add(200 * day)), RenewalType: "AUTO_RENEW_MONTHLY_PAY", NumberOfSeats: 5, LicensedSeats: 5},
	}
	want := map[AttentionKind]string{
		AttentionSuspendedReseller: "reseller tos-and-reseller",
		AttentionSuspendedTrial:    "trial-ended",
		AttentionSuspendedRenewal:  "renewal",
		AttentionSuspendedTOS:      "tos-and-reseller",
		AttentionSuspendedOther:    "new-reason",
		AttentionTrialsEnding:      "trial-ended trial-6d",
		AttentionAtCap:             "trial-at-cap flex-at-cap flex-over-cap",
		AttentionTermsEnding:       "term-cancel term-payg term-unset",
		AttentionOverSeats:         "annual-over",
	}
	groups := Attention(subs, now, AttentionRules{TrialDays: 7, TermDays: 30})
	if len(groups) != len(want) {
		t.Fatalf("%d groups, want %d", len(groups), len(want))
	}
	for i, g := range groups {
		if g.Kind != AttentionKinds()[i] {
			t.Errorf("group %d is %s, want %s", i, g.Kind, AttentionKinds()[i])
		}
		ids := ""
		for _, s := range g.Rows {
			if ids != "" {
				ids += " "
			}
			ids += s.ID
		}
		if ids != want[g.Kind] {
			t.Errorf("%s: got %q, want %q", g.Kind, ids, want[g.Kind])
		}
		if g.Title == "" || g.Meaning == "" {
			t.Errorf("%s has no words", g.Kind)
		}
	}

	// The thresholds come from the rules: 9 days takes the 8-day trial in,
	// 0 falls back to the default.
	wider := Attention(subs, now, AttentionRules{TrialDays: 9})
	if n := len(wider[5].Rows); n != 3 {
		t.Errorf("9-day trial window: %d rows, want 3", n)
	}
	if wider[7].Title != "Annual terms ending within 30 days that will not renew as annual" {
		t.Errorf("default term window title %q", wider[7].Title)
	}
}

func TestListProgress(t *testing.T) {
	prev := -1.0
	for _, d := range []string{"0day.example", "acme.example", "azure.example", "bolt.example", "mesa.example", "zz.example"} {
		p := ListProgress(d)
		if p <= prev || p < 0 || p > 1 {
			t.Errorf("ListProgress(%q) = %.3f after %.3f", d, p, prev)
		}
		prev = p
	}
}
