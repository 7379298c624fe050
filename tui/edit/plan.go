package edit

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// planHelp explains each plan in a sentence.
var planHelp = map[client.Plan]string{
	client.PlanFlexible:      "Monthly, for the users licensed; no commitment. The cap is maximumNumberOfSeats.",
	client.PlanAnnualMonthly: "One-year commitment paid monthly; seats can only go up until the renewal.",
	client.PlanAnnualYearly:  "One-year commitment paid up front; seats can only go up until the renewal.",
	client.PlanTrial:         "Free trial, at most 10 seats.",
	client.PlanFree:          "Cloud Identity Free, at most 50 seats.",
}

// planOptions are the paid plans the SKU offers (all three when the SKU is
// not in resold's table, e.g. a legacy SKU being transferred).
func planOptions(skuID string, trial bool) []form.Option {
	plans := []client.Plan{client.PlanFlexible, client.PlanAnnualMonthly, client.PlanAnnualYearly}
	for _, k := range client.SKUs() {
		if k.ID == skuID {
			plans = slices.DeleteFunc(slices.Clone(k.Plans), func(p client.Plan) bool {
				return p == client.PlanTrial && !trial
			})
			// Flexible first: the plan with no commitment is the safe
			// default.
			slices.SortStableFunc(plans, func(a, b client.Plan) int {
				return boolInt(b == client.PlanFlexible) - boolInt(a == client.PlanFlexible)
			})
			break
		}
	}
	out := make([]form.Option, 0, len(plans))
	for _, p := range plans {
		out = append(out, form.Option{Value: string(p), Label: p.Label(), Help: planHelp[p]})
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// planSpec moves a trial or flexible subscription to another plan. With
// endTrial it is the first step of ending a trial that has no payment plan
// yet, and starting paid service follows.
func planSpec(c common.Common, sub client.Subscription, endTrial bool) spec {
	current := string(sub.Plan)
	if sub.Plan == client.PlanTrial {
		current = string(client.PlanFlexible)
	}
	seatsHint := "numberOfSeats on an annual plan, maximumNumberOfSeats on a flexible one."
	if sub.InTrial {
		seatsHint = fmt.Sprintf("At most %d while the trial runs; raise them once paid service has started.", client.TrialSeatCap)
	}
	deal := "none"
	if !sub.DealCode.IsZero() {
		deal = "empty keeps " + sub.DealCode.String()
	}
	fields := []form.Field{
		form.Choice("plan", "Plan", planOptions(sub.SKUID, false), current),
		form.Text(c, "seats", "Seats", strconv.Itoa(sub.SeatLimit()), "", 7).WithHint(seatsHint),
		form.Text(c, "purchase_order", "Purchase order", sub.PurchaseOrderID, "optional, up to 80 characters", 120),
		form.Text(c, "deal_code", "Deal code", "", deal, 120),
	}
	s := spec{
		kind: message.EditPlan, title: "Change the plan", question: "Change the plan?", crumb: "plan",
		done: "Plan changed", method: "subscriptions.changePlan",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		intro:  subIntro(sub),
		fields: fields,
	}
	// An annual commitment keeps its plan until the renewal: say so at
	// once rather than after the user filled the form in.
	s.refused = sub.Plan.IsAnnual() && !sub.InTrial
	if endTrial {
		s.kind, s.crumb = message.EditStartPaid, "end trial"
		s.title, s.question, s.step = "End the trial: choose the plan first", "Assign this plan to the trial?", "step 1 of 2"
		s.done = "Plan assigned"
		s.intro = append(s.intro, "Starting paid service needs a payment plan. Choose it here; paid service starts in step 2.")
	}
	request := func(f form.Model) (client.PlanChange, *problem) {
		n, p := parseSeats(f.Value("seats"), "seats")
		return client.PlanChange{Plan: client.Plan(f.Value("plan")), Seats: n,
			PurchaseOrderID: strings.TrimSpace(f.Value("purchase_order")), DealCode: strings.TrimSpace(f.Value("deal_code"))}, p
	}
	s.check = func(f form.Model) []problem {
		var out []problem
		ch, p := request(f)
		if p != nil {
			out = append(out, *p)
			ch.Seats = max(sub.SeatLimit(), 1)
		}
		out = append(out, invalid("purchase_order", client.ValidatePurchaseOrderID(ch.PurchaseOrderID))...)
		out = append(out, invalid("deal_code", client.ValidateDealCode(ch.DealCode))...)
		if err := client.ValidatePlanChange(sub, ch); err != nil {
			out = append(out, invalid(fieldOf(err, "plan"), err)...)
		}
		if len(out) == 0 && ch.Plan == sub.Plan && ch.Seats == sub.SeatLimit() && ch.PurchaseOrderID == sub.PurchaseOrderID && ch.DealCode == "" {
			out = append(out, local("plan", "Nothing to change", "Pick another plan or change the seats."))
		}
		return out
	}
	s.changes = func(f form.Model) []change {
		ch, _ := request(f)
		out := []change{{key: "plan", label: "Plan", before: string(sub.Plan), after: string(ch.Plan)}}
		if seats := strings.TrimSpace(f.Value("seats")); seats != strconv.Itoa(sub.SeatLimit()) {
			out = append(out, change{key: "seats", label: seatsLabel(ch.Plan), before: strconv.Itoa(sub.SeatLimit()), after: seats})
		}
		if ch.PurchaseOrderID != sub.PurchaseOrderID {
			out = append(out, change{key: "purchase_order", label: "Purchase order", before: sub.PurchaseOrderID, after: ch.PurchaseOrderID})
		}
		if ch.DealCode != "" {
			out = append(out, change{key: "deal_code", label: "Deal code", before: sub.DealCode.String(), after: ch.DealCode})
		}
		return out
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		ch, _ := request(f)
		return func(ctx context.Context, api common.API) (result, error) {
			return subResult(api.ChangePlan(ctx, sub, ch))
		}
	}
	s.rebuild = func(now client.Subscription) (spec, bool) { return planSpec(c, now, endTrial), true }
	if endTrial {
		s.then = func(r result) (spec, bool) {
			if r.sub == nil || !r.sub.InTrial {
				return spec{}, false
			}
			next := paidSpec(c, *r.sub)
			next.step = "step 2 of 2"
			return next, true
		}
	}
	return s
}

// subResult wraps a subscription write's answer.
func subResult(s client.Subscription, err error) (result, error) {
	if err != nil {
		return result{}, err
	}
	return result{sub: &s}, nil
}
