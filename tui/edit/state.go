package edit

import (
	"context"
	"errors"
	"slices"

	"resold/client"
	"resold/tui/common"
	"resold/tui/message"
	"resold/tui/wording"
)

// The changes of state: activate, suspend and start paid service. They
// have nothing to fill in, so they open at the confirm dialog; when one
// cannot apply, the reason shows instead.

// notApplicable is guidance for a change that does not apply, said before
// anything is sent.
func notApplicable(title, cause, action string) *client.Guidance {
	return &client.Guidance{Title: title, Cause: cause, Action: action, Case: "NOT-APPLICABLE"}
}

// activateSpec lifts a suspension the reseller made.
func activateSpec(c common.Common, sub client.Subscription) (spec, *client.Guidance) {
	// The rule is the client's (bulk changes check it too); the words
	// here say more than a table row can.
	switch err := client.ValidateActivate(sub); {
	case errors.Is(err, client.ErrNoChange):
		return spec{}, notApplicable("Nothing to activate: the subscription is active", "Only a suspended subscription can be activated.", "")
	case err != nil:
		reason := firstOr(sub.SuspensionReasons, "")
		return spec{}, notApplicable("Activate cannot lift this suspension",
			"activate only lifts a suspension you made (RESELLER_INITIATED); this one is "+reason+": "+wording.ReasonLong(reason)+".",
			"For TRIAL_ENDED assign a plan (change plan); for PENDING_TOS_ACCEPTANCE the customer accepts the terms in the Admin console; for OTHER contact Google support.")
	}
	after := sub
	after.SuspensionReasons = slices.DeleteFunc(slices.Clone(sub.SuspensionReasons), func(r string) bool { return r == "RESELLER_INITIATED" })
	after.Status = "ACTIVE"
	if len(after.SuspensionReasons) > 0 {
		after.Status = "SUSPENDED"
	}
	s := spec{
		kind: message.EditActivate, title: "Activate", question: "Activate the subscription?", crumb: "activate",
		done: "Activated", method: "subscriptions.activate",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
	}
	s.changes = constChanges(change{key: "status", label: "Status", before: statusValue(sub), after: statusValue(after)})
	s.send = constSend(func(ctx context.Context, api common.API) (result, error) { return subResult(api.Activate(ctx, sub)) })
	return s, nil
}

// suspendSpec suspends a paid subscription; the customer's domain must be
// typed to confirm.
func suspendSpec(c common.Common, sub client.Subscription) (spec, *client.Guidance) {
	switch err := client.ValidateSuspend(sub); {
	case errors.Is(err, client.ErrNoChange):
		return spec{}, notApplicable("Already suspended by you", "The subscription is suspended (RESELLER_INITIATED).",
			"To lift the suspension, activate it ("+c.Keys.Subscription.Activate.Help().Key+").")
	case err != nil:
		return spec{}, notApplicable("Trial and free subscriptions cannot be suspended",
			"Only paid subscriptions in the ACTIVE state can be suspended (Google answers 412 conditionNotMet).",
			"Let the trial run out, or delete the subscription.")
	}
	after := sub
	after.Status = "SUSPENDED"
	after.SuspensionReasons = append(slices.Clone(sub.SuspensionReasons), "RESELLER_INITIATED")
	s := spec{
		kind: message.EditSuspend, title: "Suspend", question: "Suspend the subscription?", crumb: "suspend",
		done: "Suspended", method: "subscriptions.suspend",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		confirmDomain: sub.CustomerDomain,
		warning: "The customer's users lose access to the service. A flexible plan stops billing; an annual plan keeps its renewal date. " +
			"After 60 days Google may cancel it. Activate reverses it.",
	}
	s.changes = constChanges(change{key: "status", label: "Status", before: statusValue(sub), after: statusValue(after)})
	s.send = constSend(func(ctx context.Context, api common.API) (result, error) { return subResult(api.Suspend(ctx, sub)) })
	return s, nil
}

// startPaidSpec ends a trial. Google needs a payment plan first: a trial
// still on the TRIAL plan gets the plan form as step 1.
func startPaidSpec(c common.Common, sub client.Subscription) (spec, *client.Guidance) {
	if !sub.InTrial {
		return spec{}, notApplicable("The subscription is not in a trial",
			"startPaidService applies only to subscriptions in their free trial; this one is already paid.", "Nothing to do.")
	}
	if sub.Plan == client.PlanTrial {
		return planSpec(c, sub, true), nil
	}
	return paidSpec(c, sub), nil
}

// paidSpec starts paid service on a trial that has a payment plan.
func paidSpec(c common.Common, sub client.Subscription) spec {
	s := spec{
		kind: message.EditStartPaid, title: "Start paid service", question: "End the trial and start paid service?", crumb: "start paid",
		done: "Paid service started", method: "subscriptions.startPaidService",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		warning: "Billing starts now on the " + sub.Plan.Label() + " plan, and the 10-seat trial cap is lifted.",
	}
	s.changes = constChanges(change{key: "trial", label: "Trial", before: "in trial", after: "paid"})
	s.send = constSend(func(ctx context.Context, api common.API) (result, error) {
		return subResult(api.StartPaidService(ctx, sub))
	})
	return s
}
