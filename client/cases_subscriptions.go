package client

import (
	"fmt"
	"strings"
)

// Subscriptions: their state (suspended, trial), seats, plans, renewal,
// suspension, deletion, orders and paging.

// Cases of this area. The values are stable: the audit log records them.
const (
	CaseTermsNotAccepted      CaseID = "S7"
	CaseNotActive             CaseID = "E1"
	CaseActivateCannotLift    CaseID = "ACTIVATE-NOT-RESELLER"
	CaseAnnualSeatsDown       CaseID = "E5"
	CaseSeatsBelowUsers       CaseID = "E6"
	CaseWrongSeatField        CaseID = "E7"
	CaseLicensedSeatsReadOnly CaseID = "E8"
	CaseTrialSeatCap          CaseID = "E9"
	CaseSeatsMin              CaseID = "SEATS-MIN"
	CaseSeatsMax              CaseID = "SEATS-MAX"
	CaseFreeSeatCap           CaseID = "FREE-CAP"
	CaseRenewalNotAnnual      CaseID = "E16"
	CaseRenewalType           CaseID = "RENEWAL-TYPE"
	CaseAnnualPlanChange      CaseID = "ANNUAL-PLAN-CHANGE"
	CaseNoTrialReturn         CaseID = "NO-TRIAL-RETURN"
	CasePlanSKU               CaseID = "PLAN-SKU"
	CasePlanName              CaseID = "PLAN-NAME"
	CaseDealMismatch          CaseID = "DEAL-MISMATCH"
	CaseNoPaymentPlan         CaseID = "NO-PAYMENT-PLAN"
	CaseNotInTrial            CaseID = "NOT-IN-TRIAL"
	CaseSuspendTrial          CaseID = "SUSPEND-TRIAL"
	CaseSuspendAddOns         CaseID = "SUSPEND-ADDONS"
	CaseNoAdministrator       CaseID = "E17"
	CaseCancelWorkspace       CaseID = "T6"
	CaseDeletionType          CaseID = "DELETION-TYPE"
	CaseTeamProduct           CaseID = "D1"
	CaseNotResellable         CaseID = "E18"
	CaseSKUSwitch             CaseID = "SKU-SWITCH"
	CaseVaultNeedsWorkspace   CaseID = "VAULT-NEEDS-WORKSPACE"
	CaseSubscriptionExists    CaseID = "SUB-EXISTS"
	CaseSKUUnknown            CaseID = "SKU-UNKNOWN"
	CasePurchaseOrderLength   CaseID = "PO-LENGTH"
	CaseDealCodeLength        CaseID = "DEAL-LENGTH"
	CaseSubscriptionNotFound  CaseID = "S5"
	CasePageToken             CaseID = "PAGE-TOKEN"
	CasePageSize              CaseID = "MAX-RESULTS"
)

var subscriptionCases = []entry{
	{
		g: Guidance{Case: CaseTermsNotAccepted, Title: "The customer has not accepted the Terms of Service",
			Cause:  "The subscription is suspended with PENDING_TOS_ACCEPTANCE: the customer's admin has not signed in to the Admin console and accepted the Google Workspace via Reseller terms. Only the customer can lift this suspension; activate cannot.",
			Action: "Ask the customer's super admin to sign in to the Admin console and accept the terms; the subscription then becomes active on its own. Open the subscription's Admin console link to guide them.",
			Link:   linkStatus},
		match: func(f *facts) bool {
			return hasReason(f.sub(), "PENDING_TOS_ACCEPTANCE") &&
				(f.reason == "badRequest" || (f.is("subscriptions.activate") && f.code == 412))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && s.AdminConsoleURL != "" {
				g.Action += " Admin console: " + s.AdminConsoleURL
			}
		},
	},
	{
		g: Guidance{Case: CaseNotActive, Title: "The subscription is suspended or cancelled",
			Cause:  "Google refuses changes to a subscription that is not active (400 badRequest).",
			Action: "Activate the subscription first (subscriptions.activate), then make the change again.",
			Next:   NextActivate, Link: linkErrors},
		refs:  []string{"S6"},
		match: func(f *facts) bool { return f.code == 400 && f.reason == "badRequest" },
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && len(s.SuspensionReasons) > 0 && !hasReason(s, "RESELLER_INITIATED") {
				g.Cause += " It is suspended for " + strings.Join(s.SuspensionReasons, ", ") + ", which activate cannot lift."
			}
		},
	},
	{
		g: Guidance{Case: CaseActivateCannotLift, Title: "Activate cannot lift this suspension",
			Cause:  "activate only lifts a suspension you made (RESELLER_INITIATED). Suspensions for abuse (OTHER), an ended trial (TRIAL_ENDED) or a cancelled renewal (RENEWAL_WITH_TYPE_CANCEL) are lifted by other means.",
			Action: "For TRIAL_ENDED assign a plan (change plan); for RENEWAL_WITH_TYPE_CANCEL place a new order; for OTHER contact Google support.",
			Link:   linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.activate") && f.code == 412 },
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil && len(s.SuspensionReasons) > 0 {
				g.Cause += " This subscription is suspended for: " + strings.Join(s.SuspensionReasons, ", ") + "."
			}
		},
	},
	{
		g: Guidance{Case: CaseAnnualSeatsDown, Title: "Seats on an annual plan cannot go down",
			Cause:  "An annual commitment is paid for the whole term: numberOfSeats can only be raised until the renewal (400 invalid).",
			Action: "Keep the seats; to pay for fewer next term, set the renewal to RENEW_CURRENT_USERS_MONTHLY_PAY or RENEW_CURRENT_USERS_YEARLY_PAY so the renewal follows the active user count.",
			Next:   NextRenewalSettings, Link: linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.hasAny("reduce", "decrease")
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("%s is an annual commitment: its %d seats can only be raised until the renewal, and %d were asked for.",
					capitalize(seatWords(s)), s.NumberOfSeats, f.requested())
				if strings.HasPrefix(s.RenewalType, "RENEW_CURRENT_USERS") {
					// Advice to set what is already set would send the
					// user in a circle.
					g.Action = "Keep the seats: the renewal is already " + s.RenewalType +
						", so the next term is paid for the users licensed then; remove licences from users to pay for fewer."
				}
			}
		},
	},
	{
		g: Guidance{Case: CaseSeatsBelowUsers, Title: "Fewer seats than the customer has users",
			Cause:  "The seat count cannot go below the number of users holding a licence (400 invalid).",
			Action: "Ask the customer to delete or unlicense users first, then lower the seats.",
			Link:   linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.hasAny("number of users", "lower than", "below the number")
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("%s has %d users holding a licence; %d seats cannot cover them.",
					capitalize(seatWords(s)), s.LicensedSeats, f.requested())
				g.Action = fmt.Sprintf("Ask the customer to remove at least %d users, or keep %d seats or more.",
					s.LicensedSeats-f.requested(), s.LicensedSeats)
			}
		},
	},
	{
		g: Guidance{Case: CaseWrongSeatField, Title: "The wrong seat field for this plan",
			Cause:  "Annual plans take numberOfSeats; flexible and trial plans take maximumNumberOfSeats (400 invalid). A tool sent the other one.",
			Action: "Send the field that matches the plan. resold picks it from the plan it read, so refresh the subscription (its plan may have changed) and try again.",
			Link:   linkErrors},
		refs: []string{"S2"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() &&
				(f.has("maximumnumberofseats") || f.has("seats provided are not valid"))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				field := "maximumNumberOfSeats"
				if s.Plan.IsAnnual() {
					field = "numberOfSeats"
				}
				g.Cause += fmt.Sprintf(" resold read the plan as %s and sent %s.", s.Plan.Label(), field)
			}
		},
	},
	{
		g: Guidance{Case: CaseLicensedSeatsReadOnly, Title: "licensedNumberOfSeats is read-only",
			Cause:  "licensedNumberOfSeats counts users holding a licence; Google sets it and refuses it in a request (400 invalid).",
			Action: "Drop licensedNumberOfSeats from the request and send only numberOfSeats (annual) or maximumNumberOfSeats (flexible, trial).",
			Link:   linkErrors},
		refs: []string{"S1"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeSeats") && f.invalid400() && f.has("licensed", "read-only")
		},
	},
	{
		g: Guidance{Case: CaseTrialSeatCap, Title: "A trial is limited to 10 seats",
			Cause:  "During the free trial a subscription holds at most 10 seats (400 invalid).",
			Action: "Start paid service (subscriptions.startPaidService) to end the trial and lift the cap; a payment plan must be assigned first (change plan).",
			Next:   NextStartPaidService, Link: linkErrors},
		refs:  []string{"S1"},
		match: func(f *facts) bool { return f.invalid400() && f.has("trial") && f.has("10") },
		tailor: func(g *Guidance, f *facts) {
			if f.requested() > 0 {
				g.Cause = fmt.Sprintf("During the free trial a subscription holds at most 10 seats; %d were asked for.", f.requested())
			}
		},
	},
	{
		g: Guidance{Case: CaseSeatsMin, Title: "The seat count must be at least 1",
			Cause: "A subscription needs at least one seat.", Action: "Enter a positive number of seats.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("seats") && f.has("at least 1") },
	},
	{
		g: Guidance{Case: CaseSeatsMax, Title: "More seats than a customer may have",
			Cause:  "A customer can have at most 50,000 users, or your reseller contract's maximum.",
			Action: "Order fewer seats, or ask your Google partner manager to raise the contract's maximum.",
			Link:   linkLimits},
		match: func(f *facts) bool { return f.invalid400() && f.has("seats") && f.hasAny("maximum of", "exceeds") },
	},
	{
		g: Guidance{Case: CaseFreeSeatCap, Title: "Cloud Identity Free is limited to 50 seats",
			Cause:  "The FREE plan of Cloud Identity holds at most 50 users.",
			Action: "Keep 50 seats or fewer, or order Cloud Identity Premium for more users.",
			Link:   linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("50 seats") },
	},
	{
		g: Guidance{Case: CaseRenewalNotAnnual, Title: "Only annual plans have renewal settings",
			Cause:  "changeRenewalSettings applies to ANNUAL_MONTHLY_PAY and ANNUAL_YEARLY_PAY only (412 conditionNotMet).",
			Action: "Nothing to renew on a flexible or trial plan; to commit for a year, change the plan to an annual one.",
			Link:   linkErrors},
		refs: []string{"S4"},
		match: func(f *facts) bool {
			return f.is("subscriptions.changeRenewalSettings") && (f.code == 412 || f.has("annual commitment plans"))
		},
		tailor: func(g *Guidance, f *facts) {
			if s := f.sub(); s != nil {
				g.Cause = fmt.Sprintf("This subscription is on the %s plan; renewal settings exist only on annual plans (ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY).", s.Plan.Label())
			}
		},
	},
	{
		g: Guidance{Case: CaseRenewalType, Title: "Not a renewal type",
			Cause:  "renewalType must be one of AUTO_RENEW_MONTHLY_PAY, AUTO_RENEW_YEARLY_PAY, RENEW_CURRENT_USERS_MONTHLY_PAY, RENEW_CURRENT_USERS_YEARLY_PAY, RENEW_ON_PROPOSED_OFFER, SWITCH_TO_PAY_AS_YOU_GO or CANCEL.",
			Action: "Pick one of the renewal types offered.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("renewaltype") },
	},
	{
		g: Guidance{Case: CaseAnnualPlanChange, Title: "An annual commitment plan cannot be changed mid-term",
			Cause:  "changePlan moves trial and flexible subscriptions to a plan; an annual plan keeps its plan until the renewal (400 invalid).",
			Action: "To leave the annual plan at the end of the term, set the renewal to SWITCH_TO_PAY_AS_YOU_GO.",
			Next:   NextRenewalSettings, Link: linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.changePlan") && f.invalid400() && f.has("annual commitment plan")
		},
	},
	{
		g: Guidance{Case: CaseNoTrialReturn, Title: "A subscription cannot go back to a trial",
			Cause: "TRIAL is where subscriptions start, not a plan to change to.", Action: "Choose a flexible or annual plan.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.changePlan") && f.invalid400() && f.has("trial plan") },
	},
	{
		g: Guidance{Case: CasePlanSKU, Title: "This plan is not offered for this product",
			Cause:  "Each SKU allows only some plans: Workspace Essentials is flexible only, Enterprise Essentials annual only, Cloud Identity Free only FREE, Vault flexible or trial.",
			Action: "Pick one of the plans the order form offers for this SKU.", Link: linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("plan") && f.has("not available") },
	},
	{
		g: Guidance{Case: CasePlanName, Title: "Not a plan name",
			Cause:  "planName must be ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY, FLEXIBLE or TRIAL (FREE for Cloud Identity Free).",
			Action: "Pick one of the plans offered.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("planname") },
	},
	{
		g: Guidance{Case: CaseDealMismatch, Title: "A different deal code is already on the subscription",
			Cause:  "A subscription keeps the deal code it was ordered with; changePlan accepts only the same code or none.",
			Action: "Leave the deal code empty to keep the current one.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("dealcode") && f.has("differs") },
	},
	{
		g: Guidance{Case: CaseNoPaymentPlan, Title: "The trial has no payment plan yet",
			Cause:  "startPaidService ends a trial by starting the plan assigned to it; none is assigned (412 conditionNotMet).",
			Action: "Assign a plan with change plan (flexible or annual), then start paid service.",
			Link:   linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.startPaidService") && f.hasAny("payment plan", "changeplan first")
		},
	},
	{
		g: Guidance{Case: CaseNotInTrial, Title: "The subscription is not in a trial",
			Cause:  "startPaidService applies only to subscriptions in their free trial (412 conditionNotMet).",
			Action: "Nothing to do: the subscription is already paid.", Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.startPaidService") && f.code == 412 },
	},
	{
		g: Guidance{Case: CaseSuspendTrial, Title: "Trial and free subscriptions cannot be suspended",
			Cause:  "Only paid subscriptions in the ACTIVE state can be suspended (412 conditionNotMet).",
			Action: "Let the trial run out, or delete the subscription.", Link: linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.suspend") && f.has("trial") },
	},
	{
		g: Guidance{Case: CaseSuspendAddOns, Title: "Cancel the add-ons before suspending Google Workspace",
			Cause:  "Google Drive storage and Google Vault subscriptions depend on Google Workspace and must go first.",
			Action: "Cancel the customer's Drive storage and Vault subscriptions, then suspend Google Workspace.", Link: linkStatus},
		match: func(f *facts) bool { return f.is("subscriptions.suspend") && f.hasAny("vault", "drive storage") },
	},
	{
		g: Guidance{Case: CaseNoAdministrator, Title: "The customer's account has no administrator",
			Cause:  "Google needs an administrator on the account before the subscription can be cancelled or transferred to direct billing (412 conditionNotMet).",
			Action: "Add a temporary administrator to the customer's account (Admin console or Directory API), then delete again.",
			Next:   NextRetry, Link: linkErrors},
		refs:  []string{"T7"},
		match: func(f *facts) bool { return f.is("subscriptions.delete") && f.code == 412 },
	},
	{
		g: Guidance{Case: CaseCancelWorkspace, Title: "cancel does not apply to Google Workspace",
			Cause:  "deletionType=cancel is deprecated and only for other products; a Google Workspace subscription leaves you with transfer_to_direct.",
			Action: "Delete with transfer_to_direct: the customer moves to direct billing with Google without interruption. To pause service, suspend instead.",
			Link:   linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.delete") && f.invalid400() && f.has("cancel") && f.hasAny("does not apply", "workspace")
		},
	},
	{
		g: Guidance{Case: CaseDeletionType, Title: "Not a deletion type",
			Cause:  "deletionType must be cancel (non-Workspace products) or transfer_to_direct.",
			Action: "Pick transfer_to_direct for Google Workspace, cancel for other products.", Link: linkSubs},
		match: func(f *facts) bool { return f.has("deletiontype") },
	},
	{
		g: Guidance{Case: CaseTeamProduct, Title: "A team customer cannot buy this product",
			Cause:  "Team (email-verified) customers may buy only Google Workspace Essentials and Enterprise Essentials.",
			Action: "Order one of those, or have the customer verify its domain first to become a domain customer.",
			Link:   linkCustomers},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("not eligible") },
	},
	{
		g: Guidance{Case: CaseNotResellable, Title: "This product cannot be sold to this customer yet",
			Cause:  "You may not resell this SKU, or not to this emerging-market customer, until the applicable terms of service are accepted (412 conditionNotMet).",
			Action: "Accept the applicable terms of service in the Partner Sales Console, then order again.",
			Link:   linkErrors},
		refs: []string{"T8"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.code == 412 && f.hasAny("terms of service", "emerging", "resold", "resell")
		},
	},
	{
		g: Guidance{Case: CaseSKUSwitch, Title: "This SKU change is not allowed",
			Cause:  "Upgrades and downgrades follow Google's matrix; an annual plan cannot be downgraded mid-term, ANNUAL_YEARLY_PAY cannot be upgraded directly, Enterprise → Business needs 300 seats or fewer, Enterprise Essentials → Enterprise needs a verified domain.",
			Action: "For an annual plan set the renewal to SWITCH_TO_PAY_AS_YOU_GO and change after the renewal; otherwise pick an allowed target SKU.",
			Link:   linkCreateSub},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.hasAny("upgrade", "downgrade", "sourceskuid", "verified")
		},
	},
	{
		g: Guidance{Case: CaseVaultNeedsWorkspace, Title: "Google Vault needs an active Google Workspace subscription",
			Cause: "Vault is an add-on to an active Workspace subscription.", Action: "Order or activate Google Workspace first.", Link: linkProducts},
		match: func(f *facts) bool { return f.is("subscriptions.insert") && f.has("vault") },
	},
	{
		g: Guidance{Case: CaseSubscriptionExists, Title: "The customer already has this product",
			Cause:  "A customer holds one subscription per SKU (409).",
			Action: "Change the seats or plan of the existing subscription instead of ordering it again.", Link: linkSubs},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && (f.code == 409 || f.has("already has a subscription"))
		},
	},
	{
		g: Guidance{Case: CaseSKUUnknown, Title: "Not a SKU this API sells",
			Cause: "skuId is not one of the Reseller API's product SKUs.", Action: "Pick a product from the order form's list.", Link: linkProducts},
		match: func(f *facts) bool { return f.invalid400() && f.has("skuid") },
	},
	{
		g: Guidance{Case: CasePurchaseOrderLength, Title: "The purchase order ID is too long",
			Cause: "purchaseOrderId holds at most 80 plain-text characters.", Action: "Shorten the purchase order ID.", Link: linkLimits},
		match: func(f *facts) bool { return f.invalid400() && f.has("purchaseorderid") },
	},
	{
		g: Guidance{Case: CaseDealCodeLength, Title: "The deal code is too long",
			Cause: "dealCode holds at most 100 characters.", Action: "Check the deal code you were given.", Link: linkSubs},
		match: func(f *facts) bool { return f.invalid400() && f.has("dealcode") },
	},
	{
		g: Guidance{Case: CaseSubscriptionNotFound, Title: "The subscription was not found",
			Cause:  "A subscription ID changes when the subscription is upgraded, downgraded or transferred, and a deleted subscription disappears (404). The ID used may be stale.",
			Action: "Refresh the customer's subscriptions and pick the subscription by its product (SKU), not by a remembered ID.",
			Link:   linkSubs},
		match: func(f *facts) bool { return f.code == 404 && strings.HasPrefix(f.method, "subscriptions.") },
	},
	{
		g: Guidance{Case: CasePageToken, Title: "The page token was refused",
			Cause:  "A page token belongs to one listing; it goes stale when the listing changes or comes from another query.",
			Action: "Start the listing again from the first page (resold's pager does this on its own).",
			Next:   NextRetry, Link: linkSubs},
		match: func(f *facts) bool { return f.is("subscriptions.list") && f.has("pagetoken") },
	},
	{
		g: Guidance{Case: CasePageSize, Title: "The page size must be 1 to 100",
			Cause: "subscriptions.list returns 1 to 100 rows per page (maxResults; default 20).", Action: "Use a page size from 1 to 100; 100 means fewer calls.", Link: linkLimits},
		match: func(f *facts) bool { return f.has("maxresults") },
	},
}
