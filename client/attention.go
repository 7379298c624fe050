package client

import (
	"fmt"
	"slices"
	"time"
)

// AttentionRules are the thresholds of what needs a person: trials that
// end within TrialDays, annual terms that end within TermDays.
type AttentionRules struct {
	TrialDays int
	TermDays  int
}

// DefaultAttentionRules are a week for trials and a month for annual
// terms: time enough to reach the customer before the change happens.
var DefaultAttentionRules = AttentionRules{TrialDays: 7, TermDays: 30}

// AttentionKind names a group of subscriptions that need a person.
type AttentionKind string

// The groups, in the order they are shown: suspensions first (the
// customer has lost service), then what will go wrong soon.
const (
	AttentionSuspendedReseller AttentionKind = "suspended-reseller"
	AttentionSuspendedTrial    AttentionKind = "suspended-trial-ended"
	AttentionSuspendedRenewal  AttentionKind = "suspended-renewal-cancel"
	AttentionSuspendedTOS      AttentionKind = "suspended-pending-tos"
	AttentionSuspendedOther    AttentionKind = "suspended-other"
	AttentionTrialsEnding      AttentionKind = "trials-ending"
	AttentionAtCap             AttentionKind = "at-cap"
	AttentionTermsEnding       AttentionKind = "terms-ending"
	AttentionOverSeats         AttentionKind = "over-seats"
)

// AttentionGroup is one group: what it is, what it means for the
// customer, and its rows in the order they were read.
type AttentionGroup struct {
	Kind    AttentionKind
	Title   string
	Meaning string
	Rows    []Subscription
}

// attentionKinds lists every group in display order.
var attentionKinds = []AttentionKind{
	AttentionSuspendedReseller, AttentionSuspendedTrial, AttentionSuspendedRenewal, AttentionSuspendedTOS,
	AttentionSuspendedOther, AttentionTrialsEnding, AttentionAtCap, AttentionTermsEnding, AttentionOverSeats,
}

// suspensionGroups maps a suspension reason to its group; a reason the
// API adds later falls under OTHER.
var suspensionGroups = map[string]AttentionKind{
	"RESELLER_INITIATED":       AttentionSuspendedReseller,
	"TRIAL_ENDED":              AttentionSuspendedTrial,
	"RENEWAL_WITH_TYPE_CANCEL": AttentionSuspendedRenewal,
	"PENDING_TOS_ACCEPTANCE":   AttentionSuspendedTOS,
}

// Attention sorts subs into the groups that need a person at now, under
// rules. Every group is returned, empty ones too, so a front end shows a
// zero instead of leaving the reader to wonder; a subscription can be in
// several groups (suspended and over its seats).
func Attention(subs []Subscription, now time.Time, rules AttentionRules) []AttentionGroup {
	if rules.TrialDays <= 0 {
		rules.TrialDays = DefaultAttentionRules.TrialDays
	}
	if rules.TermDays <= 0 {
		rules.TermDays = DefaultAttentionRules.TermDays
	}
	groups := make([]AttentionGroup, len(attentionKinds))
	at := map[AttentionKind]int{}
	for i, k := range attentionKinds {
		groups[i] = attentionGroup(k, rules)
		at[k] = i
	}
	add := func(k AttentionKind, s Subscription) {
		g := &groups[at[k]]
		if n := len(g.Rows); n == 0 || !sameSub(g.Rows[n-1], s) {
			g.Rows = append(g.Rows, s)
		}
	}
	trialBy := now.AddDate(0, 0, rules.TrialDays)
	termBy := now.AddDate(0, 0, rules.TermDays)
	for _, s := range subs {
		if s.Suspended() {
			if len(s.SuspensionReasons) == 0 {
				add(AttentionSuspendedOther, s)
			}
			for _, r := range s.SuspensionReasons {
				k, ok := suspensionGroups[r]
				if !ok {
					k = AttentionSuspendedOther
				}
				add(k, s)
			}
		}
		if TrialEnding(s, trialBy) {
			add(AttentionTrialsEnding, s)
		}
		if !s.Plan.IsAnnual() && (s.Plan == PlanFlexible || s.Plan == PlanTrial || s.InTrial) &&
			s.MaximumSeats > 0 && s.LicensedSeats >= s.MaximumSeats {
			add(AttentionAtCap, s)
		}
		if s.Plan.IsAnnual() && !s.CommitmentEnd.IsZero() && !s.CommitmentEnd.After(termBy) &&
			s.CommitmentEnd.After(now) && !s.InTrial && !renewsAnnual(s.RenewalType) {
			add(AttentionTermsEnding, s)
		}
		if s.Plan.IsAnnual() && s.LicensedSeats > s.NumberOfSeats {
			add(AttentionOverSeats, s)
		}
	}
	return groups
}

// TrialEnding reports whether s is a trial that has ended without paid
// service, or ends by by.
func TrialEnding(s Subscription, by time.Time) bool {
	if s.TrialEnd.IsZero() {
		return false
	}
	if s.InTrial {
		return !s.TrialEnd.After(by)
	}
	return s.Plan == PlanTrial
}

// renewsAnnual reports whether an annual term ending with renewal type t
// goes on as an annual plan by itself; CANCEL, SWITCH_TO_PAY_AS_YOU_GO and
// no renewal type at all need a decision.
func renewsAnnual(t string) bool {
	return t != "" && t != "CANCEL" && t != "SWITCH_TO_PAY_AS_YOU_GO"
}

func sameSub(a, b Subscription) bool { return a.ID == b.ID && a.CustomerID == b.CustomerID }

// attentionGroup is kind's empty group with its words.
func attentionGroup(k AttentionKind, rules AttentionRules) AttentionGroup {
	g := AttentionGroup{Kind: k}
	switch k {
	case AttentionSuspendedReseller:
		g.Title = "Suspended by you (RESELLER_INITIATED)"
		g.Meaning = "You suspended these; activate lifts it. After 60 days Google cancels them."
	case AttentionSuspendedTrial:
		g.Title = "Suspended: trial ended (TRIAL_ENDED)"
		g.Meaning = "The free trial ended without a paid plan; choose a plan, then start paid service."
	case AttentionSuspendedRenewal:
		g.Title = "Suspended: term ended with renewal CANCEL (RENEWAL_WITH_TYPE_CANCEL)"
		g.Meaning = "The annual term ended and was set not to renew; order again or change the plan."
	case AttentionSuspendedTOS:
		g.Title = "Suspended: terms not accepted (PENDING_TOS_ACCEPTANCE)"
		g.Meaning = "The customer's admin must accept the Terms of Service in the Admin console."
	case AttentionSuspendedOther:
		g.Title = "Suspended by Google (OTHER)"
		g.Meaning = "Google suspended these (abuse, billing or legal review); contact Google partner support."
	case AttentionTrialsEnding:
		g.Title = fmt.Sprintf("Trials ended or ending within %d days", rules.TrialDays)
		g.Meaning = "Without a paid plan the trial suspends; choose a plan, then start paid service."
	case AttentionAtCap:
		g.Title = "Flexible and trial plans at or over their cap"
		g.Meaning = "The customer cannot add users; raise the cap (a trial holds 10 until paid service starts)."
	case AttentionTermsEnding:
		g.Title = fmt.Sprintf("Annual terms ending within %d days that will not renew as annual", rules.TermDays)
		g.Meaning = "Renewal is CANCEL, SWITCH_TO_PAY_AS_YOU_GO or unset: confirm that is what the customer wants."
	case AttentionOverSeats:
		g.Title = "Annual plans with more users than seats bought"
		g.Meaning = "More licences are assigned than paid for; add seats."
	}
	return g
}

// AttentionKinds returns every group's kind in display order.
func AttentionKinds() []AttentionKind { return slices.Clone(attentionKinds) }

// ListProgress estimates how far through the listing of all subscriptions
// a row of customer domain is, from 0 to 1. Google lists subscriptions in
// the order of their customers' domains and gives no total, so the first
// two letters of the last domain read are the best guess there is; a
// front end should keep the estimate from going backwards and show 1
// only when the last page is in.
func ListProgress(domain string) float64 {
	pos := func(i int) float64 {
		if i >= len(domain) {
			return 0
		}
		c := domain[i]
		switch {
		case c >= 'a' && c <= 'z':
			return float64(c-'a'+10) / 36
		case c >= 'A' && c <= 'Z':
			return float64(c-'A'+10) / 36
		case c >= '0' && c <= '9':
			return float64(c-'0') / 36
		}
		return 0
	}
	return min(pos(0)+pos(1)/36, 1)
}
